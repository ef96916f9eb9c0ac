import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, Model } from 'mongoose';
import { Role, toRecord, UserRecord } from '../records';
import { MODEL } from '../schemas/schemas';

@Injectable()
export class UserRepository {
  constructor(@InjectModel(MODEL.User) private readonly model: Model<any>) {}

  async create(user: Omit<UserRecord, 'id'>): Promise<UserRecord> {
    return toRecord<UserRecord>((await this.model.create(user)).toObject());
  }

  async findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    return toRecord<UserRecord>(await this.model.findById(id).lean());
  }

  async list(): Promise<UserRecord[]> {
    return (await this.model.find({}).sort({ email: 1 }).lean()).map((d) => toRecord<UserRecord>(d));
  }

  async countWithRole(role: Role): Promise<number> {
    return this.model.countDocuments({ roles: role, disabledAt: { $exists: false } });
  }
}
