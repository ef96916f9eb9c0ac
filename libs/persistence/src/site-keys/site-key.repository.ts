import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { driverCollection, isDuplicateKey } from '../records';
import { SiteKeyRecord } from './site-key.record';
import { SITE_KEY_MODEL } from './site-key.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

/** Secrets the site makes for itself, once, shared by every API process through MongoDB. */
@Injectable()
@RetriedWhenNotApplied()
export class SiteKeyRepository {
  constructor(@InjectModel(SITE_KEY_MODEL) private readonly model: Model<SiteKeyRecord>) {}

  /** The key named `name`, created with `make()` by whichever process asks first. */
  async getOrCreate(name: string, make: () => string): Promise<string> {
    const found = await driverCollection(this.model).findOne({ _id: name });
    if (found) return String(found.value);
    try {
      await driverCollection(this.model).insertOne({ _id: name, value: make(), createdAt: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const stored = await driverCollection(this.model).findOne({ _id: name });
    return String(stored!.value);
  }
}
