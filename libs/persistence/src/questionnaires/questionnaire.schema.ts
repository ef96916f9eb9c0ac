import { Schema } from 'mongoose';
import { Stored } from '../records';
import { QuestionnaireVersionRecord } from './questionnaire.record';

export const QUESTIONNAIRE_VERSION_MODEL = 'QuestionnaireVersion';

/** The key of a questionnaire version: the document's `_id`. */
export const questionnaireVersionKey = (key: string, version: number): string => `${key}:${version}`;

/** Questionnaire versions used by cycles (collection `questionnaire_versions`): inserted once, never updated. */
export const QuestionnaireVersionSchema = new Schema<Stored<QuestionnaireVersionRecord> & { _id: string }>(
  {
    // questionnaireVersionKey(key, version): use() inserts by it, one document per version.
    _id: { type: String, required: true },
    // listByKey (a round's start, a few versions per key): no index, the collection holds a handful of documents.
    key: { type: String, required: true },
    version: { type: Number, required: true },
    definition: Schema.Types.Mixed,
    firstUsedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'questionnaire_versions', _id: false },
);
