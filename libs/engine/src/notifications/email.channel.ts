import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { DeliveryRecord } from '@pact/persistence';
import { createTransport, Transporter } from 'nodemailer';
import { ChannelResult, DeliveryError } from './notification';
import { EngineSettings } from '../config/settings';

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

  constructor(settings: EngineSettings) {
    const smtp = settings.smtp;
    const host = smtp.host;
    this.from = smtp.from;
    const user = smtp.user;
    this.transport = host
      ? createTransport({
          host,
          port: smtp.port,
          secure: smtp.secure,
          requireTLS: smtp.requireTls,
          auth: user ? { user, pass: smtp.password } : undefined,
          tls: { rejectUnauthorized: smtp.tlsVerify },
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
    // An e-mail delivery stores the EmailMessage it was planned with (NotificationService.plan).
    return this.sendMessage(d.id, d.kind, d.message as unknown as EmailMessage);
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
