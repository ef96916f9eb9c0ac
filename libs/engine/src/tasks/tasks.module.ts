import { Module } from '@nestjs/common';
import { TaskQuery } from './task.query';

@Module({ providers: [TaskQuery], exports: [TaskQuery] })
export class TasksModule {}
