import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ReportTemplate } from '@pact/domain';
import { Model } from 'mongoose';
import { MODEL } from '../schemas/schemas';

@Injectable()
export class TemplateRepository {
  constructor(@InjectModel(MODEL.Template) private readonly model: Model<any>) {}

  /** Templates come from config; a running cycle keeps the snapshot it was created with. */
  async upsert(template: ReportTemplate, at: Date): Promise<void> {
    await this.model.updateOne({ key: template.key }, { $set: { ...template, updatedAt: at } }, { upsert: true });
  }

  async findByKey(key: string): Promise<ReportTemplate | null> {
    const doc: any = await this.model.findOne({ key }).lean();
    if (!doc) return null;
    const { _id, updatedAt, ...t } = doc;
    return t as ReportTemplate;
  }
}
