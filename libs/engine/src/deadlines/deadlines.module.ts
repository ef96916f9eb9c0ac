import { Module } from '@nestjs/common';
import { CommitteeSummaryService } from './committee-summary.service';
import { DeadlineService } from './deadline.service';

@Module({ providers: [DeadlineService, CommitteeSummaryService], exports: [DeadlineService, CommitteeSummaryService] })
export class DeadlinesModule {}
