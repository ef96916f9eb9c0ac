import { Module } from '@nestjs/common';
import { DraftService } from './draft.service';
import { PreviousReportQuery } from './previous-report.query';

/** Drafts of reports (collection `drafts`) and the earlier reports a draft can start from. */
@Module({ providers: [DraftService, PreviousReportQuery], exports: [DraftService, PreviousReportQuery] })
export class DraftsModule {}
