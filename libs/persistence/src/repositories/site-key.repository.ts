import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '../records';
import { MODEL } from '../schemas/schemas';
import { RetriedWhenNotApplied } from '../transient-errors';

/** Secrets the site makes for itself, once, shared by every API process through MongoDB. */
@Injectable()
@RetriedWhenNotApplied()
export class SiteKeyRepository {
  constructor(@InjectModel(MODEL.SiteKey) private readonly model: Model<any>) {}

  /** The key named `name`, created with `make()` by whichever process asks first. */
  async getOrCreate(name: string, make: () => string): Promise<string> {
    const found = await this.model.collection.findOne({ _id: name as any });
    if (found) return String(found.value);
    try {
      await this.model.collection.insertOne({ _id: name as any, value: make(), createdAt: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const stored = await this.model.collection.findOne({ _id: name as any });
    return String(stored!.value);
  }
}
