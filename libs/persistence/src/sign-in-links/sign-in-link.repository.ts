import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Stored, toRecord } from '../records';
import { SignInLinkRecord } from './sign-in-link.record';
import { SIGN_IN_LINK_MODEL } from './sign-in-link.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

/** One-time sign-in links, kept as hashes. */
@Injectable()
@RetriedWhenNotApplied()
export class SignInLinkRepository {
  constructor(@InjectModel(SIGN_IN_LINK_MODEL) private readonly model: Model<Stored<SignInLinkRecord>>) {}

  async create(link: Omit<SignInLinkRecord, 'id'>): Promise<SignInLinkRecord> {
    return toRecord<SignInLinkRecord>((await this.model.create(link)).toObject());
  }

  /** The link if it is still usable at `now`; reading does not use it up. */
  async findUsable(tokenHash: string, now: Date): Promise<SignInLinkRecord | null> {
    return toRecord<SignInLinkRecord>(await this.model.findOne({ tokenHash, expiresAt: { $gt: now } }).lean());
  }

  /**
   * Uses the link up: it is deleted as it is read, in one operation, so of two requests racing
   * with the same link exactly one gets it (a delete cannot be undone by a concurrent write).
   */
  async take(tokenHash: string, now: Date): Promise<SignInLinkRecord | null> {
    return toRecord<SignInLinkRecord>(await this.model.findOneAndDelete({ tokenHash, expiresAt: { $gt: now } }).lean());
  }

  /** Every link of a person (they were disabled): none of them signs anyone in any more. */
  async deleteByUser(userId: string): Promise<number> {
    return (await this.model.deleteMany({ userId })).deletedCount ?? 0;
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.model.deleteMany({ expiresAt: { $lte: now } })).deletedCount ?? 0;
  }
}
