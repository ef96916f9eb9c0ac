import { Module } from '@nestjs/common';
import { FanOutService } from './fan-out.service';

@Module({ providers: [FanOutService], exports: [FanOutService] })
export class FanOutModule {}
