import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DeliveryRecord } from '@pact/persistence';
import { createTransport, Transporter } from 'nodemailer';
import { ChannelResult, DeliveryError } from './notification';

export interface EmailMessage {
  to: { name: string; email: string };
  language: string;
  subject: string;
  text: string;
}

/**
 * E-mail through SMTP (nodemailer, pooled connections). Without SMTP_HOST nothing leaves the
 * machine: the message is written to the log and its delivery recorded as "logged".
 */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private readonly logger = new Logger('Email');
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(config: ConfigService) {
    const host = config.get<string>('SMTP_HOST') ?? '';
    this.from = config.getOrThrow<string>('SMTP_FROM');
    const user = config.get<string>('SMTP_USER');
    this.transport = host
      ? createTransport({
          host,
          port: Number(config.get('SMTP_PORT')),
          secure: config.get('SMTP_SECURE') === 'true',
          requireTLS: config.get('SMTP_REQUIRE_TLS') === 'true',
          auth: user ? { user, pass: config.get<string>('SMTP_PASSWORD') } : undefined,
          tls: { rejectUnauthorized: config.get('SMTP_TLS_VERIFY') !== 'false' },
          pool: true,
          maxConnections: 2,
          connectionTimeout: 15_000,
          greetingTimeout: 15_000,
          socketTimeout: 30_000,
        })
      : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  async send(d: DeliveryRecord): Promise<ChannelResult> {
    return this.sendMessage(d.id, d.kind, d.message as EmailMessage);
  }

  /**
   * Sends one message. Without SMTP only the subject is logged, never the text: a personal
   * message (a sign-in link) carries its secret in the text, and the catalogs keep it out of subjects.
   */
  async sendMessage(id: string, kind: string, m: EmailMessage): Promise<ChannelResult> {
    if (!this.transport) {
      this.logger.debug(`${kind} → ${m.to.email} [${m.language}]: ${m.subject}`);
      return { status: 'logged' };
    }
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: { name: m.to.name, address: m.to.email },
        subject: m.subject,
        text: m.text,
        // The delivery id makes the Message-ID: a message sent again after an unrecorded success is recognisably the same.
        messageId: `<${id}@pact-monitoring>`,
        headers: { 'Content-Language': m.language, 'X-Pact-Delivery': id, 'X-Pact-Kind': kind },
      });
      const code = Number(/^(\d{3})/.exec(String(info.response ?? ''))?.[1] ?? 250);
      return { status: 'delivered', code };
    } catch (err) {
      const e = err as Error & { responseCode?: number; code?: string };
      // 5xx: the server refuses for good (unknown mailbox, policy); 4xx and connection trouble pass.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      throw new DeliveryError(`SMTP: ${e.message}`, !permanent, e.responseCode);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
