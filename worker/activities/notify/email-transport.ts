import { createTransport } from 'nodemailer';
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { OutboxEmail } from './outbox-record.ts';

export interface EmailDelivery {
  smtpMessageId: string;
  accepted: string[];
  rejected: string[];
}

/** How an email leaves; SMTP in production, a fake or a local SMTP server in tests. */
export interface EmailTransport {
  send(email: OutboxEmail, headers: Record<string, string>): Promise<EmailDelivery>;
  close(): void;
}

export function smtpTransport(options: SMTPTransportOptions): EmailTransport {
  const transporter = createTransport(options);
  return {
    async send(email, headers) {
      const { 'Message-ID': messageId, ...extraHeaders } = headers;
      const info = await transporter.sendMail({ ...email, messageId, headers: extraHeaders });
      return {
        smtpMessageId: info.messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
      };
    },
    close: () => transporter.close(),
  };
}

/**
 * A 5xx reply is the server saying "never" (unknown mailbox, policy): retrying cannot help.
 * Connection trouble, timeouts and 4xx ("try later") are worth another attempt.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}
