import { Module } from '@nestjs/common';
import { CommitteeSummaryService } from './committee-summary.service';
import { DeadlineService } from './deadline.service';
import { ExtensionRequestService } from './extension-request.service';

@Module({
  providers: [DeadlineService, CommitteeSummaryService, ExtensionRequestService],
  exports: [DeadlineService, CommitteeSummaryService, ExtensionRequestService],
})
export class DeadlinesModule {}
