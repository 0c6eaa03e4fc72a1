import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { EmailTransport } from './email-transport.ts';
import { isPermanentSmtpFailure } from './email-transport.ts';
import { isSettled, type Outbox } from './outbox.ts';
import type { OutboxEmail, OutboxRecord } from './outbox-record.ts';
import { openRecipients } from './sealed-recipients.ts';

export interface EmailRequest extends Omit<OutboxEmail, 'from'> {
  messageId: string;
}

export interface EmailResult {
  messageId: string;
  status: OutboxRecord['status'];
  delivered: boolean;
}

export interface EmailDeps {
  outbox: Outbox;
  from: string;
  /** Undefined in the embedded default: the message is stored in the outbox, not sent. */
  transport?: EmailTransport;
}

/**
 * Records the message under its id, then sends it unless an earlier attempt did. The same
 * Message-ID goes out on every attempt, so the one unavoidable duplicate (the server accepted
 * but the outbox update was lost) can be recognised by mail systems and people alike.
 */
export async function sendEmail(deps: EmailDeps, request: EmailRequest): Promise<EmailResult> {
  const { messageId, ...content } = request;
  const email: OutboxEmail = { from: deps.from, ...content };
  const message = await deps.outbox.open({ _id: messageId, channel: 'email', email }, (first) =>
    sameContent(first.email, email),
  );
  if (isSettled(message)) return result(message);
  if (message.status === 'rejected') throw refused(message.lastError ?? 'rejected before');
  if (!deps.transport) {
    await deps.outbox.record(messageId, { status: 'stored' });
    return { messageId, status: 'stored', delivered: false };
  }
  const headers = {
    'Message-ID': smtpMessageId(messageId, deps.from),
    'X-Acorn-Message-Id': messageId,
  };
  // Buyer addresses are opened here, at the moment of sending, and never stored opened.
  const outgoing = await openRecipients(message.email ?? email);
  let delivery: Awaited<ReturnType<EmailTransport['send']>>;
  try {
    delivery = await deps.transport.send(outgoing.email, headers);
  } catch (error) {
    const permanent = isPermanentSmtpFailure(error);
    const reason = outgoing.redact(error instanceof Error ? error.message : String(error));
    await deps.outbox.record(messageId, {
      status: permanent ? 'rejected' : 'failed',
      error: reason,
    });
    if (permanent) throw refused(reason);
    throw ApplicationFailure.retryable(`email ${messageId} not sent: ${reason}`, 'EmailFailed');
  }
  const sent = {
    ...delivery,
    accepted: outgoing.reseal(delivery.accepted),
    rejected: outgoing.reseal(delivery.rejected),
  };
  // The mail is out: losing this record makes the retry send it again, so wait out a database
  // that is briefly down instead of failing the attempt.
  await patiently(() => deps.outbox.record(messageId, { status: 'sent', result: sent }));
  return { messageId, status: 'sent', delivered: true };
}

const RECORD_PATIENCE_MS = 40_000;

async function patiently(write: () => Promise<void>): Promise<void> {
  const giveUpAt = Date.now() + RECORD_PATIENCE_MS;
  for (;;) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

const refused = (reason: string) => ApplicationFailure.nonRetryable(reason, 'EmailRejected');
const result = (message: OutboxRecord): EmailResult => ({
  messageId: message._id,
  status: message.status,
  delivered: message.status === 'sent',
});
const sameContent = (first: OutboxEmail | undefined, email: OutboxEmail) =>
  first !== undefined &&
  (['to', 'cc', 'subject', 'text', 'html'] as const).every(
    (field) => String(first[field] ?? '') === String(email[field] ?? ''),
  );

/** Stable per message id, in the sender's domain as RFC 5322 suggests. */
export function smtpMessageId(messageId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'acorn-flow.local';
  const digest = createHash('sha256').update(messageId).digest('hex').slice(0, 32);
  return `<${digest}@${domain}>`;
}
