import { Module } from '@nestjs/common';
import { ObservationsModule } from '../observations/observations.module';
import { SubmissionService } from './submission.service';

@Module({ imports: [ObservationsModule], providers: [SubmissionService], exports: [SubmissionService] })
export class SubmissionsModule {}
