import { Module } from '@nestjs/common';
import { FanOutModule } from '../fan-out/fan-out.module';
import { CompilationService } from './compilation.service';
import { ReportPublishingService } from './publishing.service';
import { ReportReadingService } from './report-reading.service';

@Module({
  imports: [FanOutModule],
  providers: [CompilationService, ReportPublishingService, ReportReadingService],
  exports: [CompilationService, ReportPublishingService, ReportReadingService],
})
export class ReportsModule {}
