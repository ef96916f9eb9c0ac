import type { ReportTemplate } from '@pact/domain';

/** A report template as stored: the domain's template (from config) and when it was last written. */
export interface TemplateRecord extends ReportTemplate {
  updatedAt?: Date;
}
