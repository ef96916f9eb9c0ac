import { Module } from '@nestjs/common';
import { FanOutModule } from '../fan-out/fan-out.module';
import { CompilationService } from './compilation.service';

@Module({ imports: [FanOutModule], providers: [CompilationService], exports: [CompilationService] })
export class ReportsModule {}
