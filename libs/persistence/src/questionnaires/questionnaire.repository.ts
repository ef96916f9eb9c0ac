import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Questionnaire } from '@pact/domain';
import { Model } from 'mongoose';
import { isDuplicateKey, LeanOf, Stored, toRecord } from '../records';
import { RetriedWhenNotApplied } from '../transient-errors';
import { QuestionnaireVersionRecord } from './questionnaire.record';
import { QUESTIONNAIRE_VERSION_MODEL, questionnaireVersionKey } from './questionnaire.schema';

type Doc = Stored<QuestionnaireVersionRecord> & { _id: string };

@Injectable()
@RetriedWhenNotApplied()
export class QuestionnaireVersionRepository {
  constructor(@InjectModel(QUESTIONNAIRE_VERSION_MODEL) private readonly model: Model<Doc>) {}

  /** Every version of a questionnaire that a cycle has used, oldest first. */
  async listByKey(key: string): Promise<QuestionnaireVersionRecord[]> {
    const docs = await this.model.find({ key }).lean<LeanOf<QuestionnaireVersionRecord>[]>();
    return docs.map((d) => toRecord<QuestionnaireVersionRecord>(d)).sort((a, b) => a.version - b.version);
  }

  /**
   * Records that a cycle uses this version: inserted the first time, left as it is after (the
   * stored definition is the one that counts). Returns the stored definition.
   */
  async use(q: Questionnaire, at: Date): Promise<Questionnaire> {
    const id = questionnaireVersionKey(q.key, q.version);
    try {
      await this.model.create({ _id: id, key: q.key, version: q.version, definition: q, firstUsedAt: at });
      return q;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const stored = await this.model.findById(id).lean<LeanOf<QuestionnaireVersionRecord>>();
      return stored ? stored.definition : q;
    }
  }
}
