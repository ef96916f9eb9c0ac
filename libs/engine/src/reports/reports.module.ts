import { Module } from '@nestjs/common';
import { FanOutModule } from '../fan-out/fan-out.module';
import { CompilationService } from './compilation.service';
import { ReportPublishingService } from './publishing.service';
import { ReportReadingService } from './report-reading.service';
import { reportCatalogsProvider } from './report-catalogs.provider';

@Module({
  imports: [FanOutModule],
  providers: [CompilationService, ReportPublishingService, ReportReadingService, reportCatalogsProvider],
  exports: [CompilationService, ReportPublishingService, ReportReadingService, reportCatalogsProvider],
})
export class ReportsModule {}
