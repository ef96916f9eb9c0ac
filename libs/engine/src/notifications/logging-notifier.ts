import { Injectable, Logger } from '@nestjs/common';
import { ChairNotifier, Notification } from './notification';

/** Writes each notification to the log: enough to follow a cycle, nothing leaves the machine. */
@Injectable()
export class LoggingNotifier implements ChairNotifier {
  readonly channel = 'log';
  private readonly logger = new Logger('Notifications');

  async deliver(n: Notification): Promise<void> {
    const to = n.recipients.map((r) => r.email).join(', ');
    const due = n.dueAt ? ` due ${n.dueAt.toISOString().slice(0, 10)}` : '';
    this.logger.debug(`${n.kind} → ${to}: ${n.cycleName}${n.groupKey ? ` / ${n.groupKey}` : ''}${due}`);
  }
}
