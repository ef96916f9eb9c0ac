import { Module } from '@nestjs/common';
import { FanOutModule } from '../fan-out/fan-out.module';
import { CompilationService } from './compilation.service';
import { ReportPublishingService } from './publishing.service';

@Module({ imports: [FanOutModule], providers: [CompilationService, ReportPublishingService], exports: [CompilationService, ReportPublishingService] })
export class ReportsModule {}
