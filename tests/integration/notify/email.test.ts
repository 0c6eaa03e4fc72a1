import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import type { CatalogActivity } from '../../../worker/activities/catalog-activity.ts';
import {
  createNotifyActivities,
  loadNotifyConfig,
  outboxModel,
} from '../../../worker/activities/notify/index.ts';
import { smtpMessageId } from '../../../worker/activities/notify/send-email.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

let database: Connection;
let smtp: TestSmtpServer;
let sendEmail: CatalogActivity['run'];
let runId = 0;
const messageId = () => `email-test-${Date.now().toString(36)}-${++runId}`;
const FROM = 'Acorn Returns <returns@acorn.example>';

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/notify-email`);
  smtp = await startSmtpServer();
  const config = loadNotifyConfig({
    SMTP_URL: `smtp://acorn:secret-pass@127.0.0.1:${smtp.port}`,
    SMTP_FROM: FROM,
  });
  sendEmail = activity(createNotifyActivities({ database, config }), 'notify.sendEmail');
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

function activity(activities: CatalogActivity[], name: string): CatalogActivity['run'] {
  const found = activities.find((candidate) => candidate.descriptor.name === name);
  if (!found) throw new Error(`${name} missing`);
  return found.run;
}

const outboxEntry = (id: string) => outboxModel(database).findById(id).lean();
const refundMail = (id: string, to = 'buyer@example.com', cc?: string) => ({
  to,
  ...(cc && { cc }),
  subject: 'Your refund for order 113-1234567-7654321',
  text: 'We refunded 24.99 USD to your original payment method.',
  messageId: id,
});

describe('notify.sendEmail over SMTP', () => {
  it('delivers once, with the sender, recipients, subject and a stable Message-ID', async () => {
    const id = messageId();
    const before = smtp.received.length;
    const mailWithCopy = refundMail(id, 'buyer@example.com', 'returns-team@acorn.example');
    expect(await sendEmail(mailWithCopy)).toEqual({
      messageId: id,
      status: 'sent',
      delivered: true,
    });
    // A retry of the same step: answered from the outbox, nothing sent again.
    expect(await sendEmail(mailWithCopy)).toMatchObject({
      status: 'sent',
    });
    expect(smtp.received.length).toBe(before + 1);

    const mail = smtp.received.at(-1);
    expect(mail?.from).toBe('returns@acorn.example');
    expect(mail?.to).toEqual(['buyer@example.com', 'returns-team@acorn.example']);
    expect(mail?.headers.get('from')).toBe(FROM);
    expect(mail?.headers.get('to')).toBe('buyer@example.com');
    expect(mail?.headers.get('cc')).toBe('returns-team@acorn.example');
    expect(mail?.headers.get('subject')).toBe('Your refund for order 113-1234567-7654321');
    expect(mail?.headers.get('message-id')).toBe(smtpMessageId(id, FROM));
    expect(mail?.headers.get('x-acorn-message-id')).toBe(id);
    expect(mail?.raw).toContain('We refunded 24.99 USD');
    expect(await outboxEntry(id)).toMatchObject({ status: 'sent', attempts: 1, channel: 'email' });
  });

  it('retries a temporary refusal and delivers on the next attempt', async () => {
    const id = messageId();
    smtp.refuseNext.push(451);
    await expect(sendEmail(refundMail(id))).rejects.toMatchObject({
      type: 'EmailFailed',
      nonRetryable: false,
    });
    expect(await outboxEntry(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await sendEmail(refundMail(id))).toMatchObject({ status: 'sent' });
    expect(await outboxEntry(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up at once on a permanent refusal, and stays given up', async () => {
    const id = messageId();
    smtp.refuseNext.push(550);
    const before = smtp.received.length;
    await expect(sendEmail(refundMail(id, 'nobody@example.com'))).rejects.toMatchObject({
      type: 'EmailRejected',
      nonRetryable: true,
    });
    await expect(sendEmail(refundMail(id, 'nobody@example.com'))).rejects.toMatchObject({
      type: 'EmailRejected',
    });
    expect(smtp.received.length).toBe(before);
    expect(await outboxEntry(id)).toMatchObject({ status: 'rejected', attempts: 1 });
  });

  it('counts a message accepted for some recipients as sent, and records who was refused', async () => {
    const id = messageId();
    smtp.refuseNext.push(250, 550);
    expect(
      await sendEmail(refundMail(id, 'buyer@example.com', 'gone@acorn.example')),
    ).toMatchObject({ status: 'sent' });
    expect(await outboxEntry(id)).toMatchObject({
      status: 'sent',
      result: { accepted: ['buyer@example.com'], rejected: ['gone@acorn.example'] },
    });
  });

  it('refuses a message id reused for another message, and bad addresses', async () => {
    const id = messageId();
    await sendEmail(refundMail(id));
    await expect(sendEmail({ ...refundMail(id), subject: 'Something else' })).rejects.toMatchObject(
      { type: 'OutboxConflict', nonRetryable: true },
    );
    await expect(sendEmail(refundMail(messageId(), 'not-an-address'))).rejects.toMatchObject({
      type: 'InvalidActivityInput',
    });
  });
});

describe('notify.sendEmail without SMTP (the embedded default)', () => {
  it('records the message in the outbox as stored, once', async () => {
    const outboxOnly = activity(
      createNotifyActivities({ database, config: loadNotifyConfig({}) }),
      'notify.sendEmail',
    );
    const id = messageId();
    const before = smtp.received.length;
    expect(await outboxOnly(refundMail(id))).toEqual({
      messageId: id,
      status: 'stored',
      delivered: false,
    });
    expect(await outboxOnly(refundMail(id))).toMatchObject({ status: 'stored' });
    expect(smtp.received.length).toBe(before);
    const stored = await outboxEntry(id);
    expect(stored).toMatchObject({
      status: 'stored',
      attempts: 0,
      email: { to: ['buyer@example.com'], from: 'Acorn Flow <no-reply@acorn-flow.local>' },
    });
  });
});
