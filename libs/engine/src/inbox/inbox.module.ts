import { Module } from '@nestjs/common';
import { InboxQuery } from './inbox.query';

@Module({ providers: [InboxQuery], exports: [InboxQuery] })
export class InboxModule {}
