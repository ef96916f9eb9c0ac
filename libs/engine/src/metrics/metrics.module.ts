import { Global, Module } from '@nestjs/common';
import { EngineMetrics } from './engine-metrics';
import { TaskMetrics } from './task-metrics';

/** One registry per application (global: deliveries are counted in the notifications module, jobs in the worker, requests in the API). */
@Global()
@Module({ providers: [EngineMetrics, TaskMetrics], exports: [EngineMetrics, TaskMetrics] })
export class MetricsModule {}
