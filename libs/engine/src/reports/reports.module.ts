import { Module } from '@nestjs/common';
import { FanOutModule } from '../fan-out/fan-out.module';
import { HistoryModule } from '../history/history.module';
import { CompilationService } from './compilation.service';
import { ReportPublishingService } from './publishing.service';
import { ReportReadingService } from './report-reading.service';
import { reportCatalogsProvider } from './report-catalogs.provider';

@Module({
  imports: [FanOutModule, HistoryModule],
  providers: [CompilationService, ReportPublishingService, ReportReadingService, reportCatalogsProvider],
  exports: [CompilationService, ReportPublishingService, ReportReadingService, reportCatalogsProvider],
})
export class ReportsModule {}
