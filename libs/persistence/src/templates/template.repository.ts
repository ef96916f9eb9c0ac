import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ReportTemplate } from '@pact/domain';
import { Model } from 'mongoose';
import { isDuplicateKey } from '../records';
import { TemplateRecord } from './template.record';
import { TEMPLATE_MODEL } from './template.schema';
import { RetriedWhenNotApplied } from '../transient-errors';

@Injectable()
@RetriedWhenNotApplied()
export class TemplateRepository {
  constructor(@InjectModel(TEMPLATE_MODEL) private readonly model: Model<TemplateRecord>) {}

  /** Templates come from config; a running cycle keeps the snapshot it was created with. */
  async upsert(template: ReportTemplate, at: Date): Promise<void> {
    const write = () => this.model.updateOne({ key: template.key }, { $set: { ...template, updatedAt: at } }, { upsert: true });
    try {
      await write();
    } catch (err) {
      // Another process starting at the same moment inserted it first (an upsert is no atomic
      // claim on FerretDB, nor on MongoDB under a unique index): it exists now, so update it.
      if (!isDuplicateKey(err)) throw err;
      await write();
    }
  }

  async findByKey(key: string): Promise<ReportTemplate | null> {
    const doc = await this.model.findOne({ key }).lean();
    if (!doc) return null;
    const { _id, updatedAt, ...t } = doc;
    return t as ReportTemplate;
  }
}
