import { Schema } from 'mongoose';
import { TemplateRecord } from './template.record';

export const TEMPLATE_MODEL = 'Template';

/** Report templates (collection `templates`), written from config at start. */
export const TemplateSchema = new Schema<TemplateRecord>(
  {
    // Unique: one template per key; serves upsert and findByKey.
    key: { type: String, required: true, unique: true },
    name: Schema.Types.Mixed,
    measureStatuses: [String],
    indicatorsByGroup: Schema.Types.Mixed,
    allowCustomIndicators: Boolean,
    limits: Schema.Types.Mixed,
    updatedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'templates' },
);
