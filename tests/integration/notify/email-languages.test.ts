import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import type { CatalogActivity } from '../../../worker/activities/catalog-activity.ts';
import {
  createNotifyActivities,
  loadNotifyConfig,
  outboxModel,
} from '../../../worker/activities/notify/index.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

let database: Connection;
let smtp: TestSmtpServer;
let sendEmail: CatalogActivity['run'];
let sent = 0;
const messageId = () => `email-language-${Date.now().toString(36)}-${++sent}`;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/notify-email-languages`);
  smtp = await startSmtpServer();
  const config = loadNotifyConfig({
    SMTP_URL: `smtp://acorn:secret-pass@127.0.0.1:${smtp.port}`,
    NOTIFY_TEAM_LANGUAGES: 'zh-CN,en',
  });
  const activities = createNotifyActivities({ database, config });
  const found = activities.find((activity) => activity.descriptor.name === 'notify.sendEmail');
  if (!found) throw new Error('notify.sendEmail missing');
  sendEmail = found.run;
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

/** What went out, as sent: the SMTP copy has its subject MIME-encoded. */
async function sentMail(id: string) {
  const entry = await outboxModel(database).findById(id).lean();
  expect(entry?.status).toBe('sent');
  return { subject: entry?.email?.subject, text: entry?.email?.text };
}

const refundValues = { orderId: '304-1234567-7654321', refundAmount: 24.99, currency: 'EUR' };

describe('notify.sendEmail written from a template', () => {
  it('sends a German case’s buyer mail in German, over a real SMTP server', async () => {
    const id = messageId();
    const before = smtp.received.length;
    await sendEmail({
      to: 'kaeufer@example.de',
      template: 'buyer.refundIssued',
      marketplace: 'DE',
      values: refundValues,
      messageId: id,
    });
    expect(await sentMail(id)).toEqual({
      subject: 'Erstattung für Bestellung 304-1234567-7654321 veranlasst',
      text: 'Wir haben 24,99\u00a0€ auf Ihre ursprüngliche Zahlungsart erstattet.',
    });
    expect(smtp.received.length).toBe(before + 1);
    expect(smtp.received.at(-1)?.to).toEqual(['kaeufer@example.de']);
  });

  it('sends the team’s notification in Chinese, then English', async () => {
    const id = messageId();
    await sendEmail({
      to: 'refunds-team@acorn.example',
      template: 'team.manualHandling',
      marketplace: 'DE',
      values: { orderId: '304-1234567-7654321', caseId: 'case-de-2' },
      messageId: id,
    });
    expect((await sentMail(id)).subject).toBe(
      '退款案例 case-de-2 需要人工处理 / Refund case case-de-2 needs manual handling',
    );
  });

  it('fails the step for good on a template it does not have, sending nothing', async () => {
    const before = smtp.received.length;
    await expect(
      sendEmail({
        to: 'kaeufer@example.de',
        template: 'buyer.noSuchMail',
        marketplace: 'DE',
        values: refundValues,
        messageId: messageId(),
      }),
    ).rejects.toMatchObject({ type: 'MailTemplateProblem', nonRetryable: true });
    expect(smtp.received.length).toBe(before);
  });
});
