import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import type { CatalogActivity } from '../../../worker/activities/catalog-activity.ts';
import {
  createNotifyActivities,
  loadNotifyConfig,
  outboxModel,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
} from '../../../worker/activities/notify/index.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const SECRET = 'whsec-test-0123456789abcdef';
let database: Connection;
let receiver: WebhookReceiver;

const config = (env: Record<string, string> = {}) =>
  loadNotifyConfig({ NOTIFY_WEBHOOK_SECRET: SECRET, NOTIFY_WEBHOOK_TIMEOUT_MS: '500', ...env });
const callWebhookWith = (env?: Record<string, string>) => {
  const activities = createNotifyActivities({ database, config: config(env) });
  const found = activities.find((a: CatalogActivity) => a.descriptor.name === 'notify.callWebhook');
  if (!found) throw new Error('notify.callWebhook missing');
  return found.run;
};
const outboxEntry = (id: string) => outboxModel(database).findById(id).lean();
const refundApproved = (deliveryId = `dlv-${randomUUID()}`) => ({
  url: receiver.url,
  event: 'refund.approved',
  payload: { orderId: '113-1234567-7654321', amount: 24.99, currency: 'USD' },
  deliveryId,
});

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/notify-webhook`);
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await database?.close();
});
beforeEach(() => {
  receiver.calls.length = 0;
  receiver.answers.length = 0;
});

describe('notify.callWebhook', () => {
  it('POSTs the event as signed JSON that the receiver can verify', async () => {
    const request = refundApproved();
    expect(await callWebhookWith()(request)).toEqual({
      deliveryId: request.deliveryId,
      status: 'sent',
      delivered: true,
      responseStatus: 200,
    });
    const [call] = receiver.calls;
    expect(call?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-acorn-delivery-id': request.deliveryId,
      'x-acorn-event': 'refund.approved',
    });
    const signature = call?.headers[SIGNATURE_HEADER] as string;
    expect(verifyWebhookSignature(SECRET, call?.body ?? '', signature)).toBe(true);
    expect(verifyWebhookSignature('another-secret-of-16+', call?.body ?? '', signature)).toBe(
      false,
    );
    expect(verifyWebhookSignature(SECRET, `${call?.body} `, signature)).toBe(false);
    expect(JSON.parse(call?.body ?? '')).toMatchObject({
      id: request.deliveryId,
      event: 'refund.approved',
      data: request.payload,
    });
    expect(await callWebhookWith()(request)).toMatchObject({ status: 'sent' });
    expect(receiver.calls).toHaveLength(1);
    expect(await outboxEntry(request.deliveryId)).toMatchObject({
      channel: 'webhook',
      status: 'sent',
      attempts: 1,
    });
  });

  it('fails a timed-out call as retryable', async () => {
    receiver.delays.push(1_500);
    const request = refundApproved();
    await expect(callWebhookWith()(request)).rejects.toMatchObject({
      type: 'WebhookFailed',
      nonRetryable: false,
    });
    expect(await outboxEntry(request.deliveryId)).toMatchObject({ status: 'failed' });
  });

  it('only records the call when no secret is configured, and refuses hosts not allowed', async () => {
    const request = refundApproved();
    const unsigned = callWebhookWith({ NOTIFY_WEBHOOK_SECRET: '' });
    expect(await unsigned(request)).toMatchObject({ status: 'stored', delivered: false });
    expect(receiver.calls).toHaveLength(0);
    const fenced = callWebhookWith({ NOTIFY_WEBHOOK_ALLOWED_HOSTS: 'hooks.partner.example' });
    await expect(fenced(refundApproved())).rejects.toMatchObject({
      type: 'WebhookInvalid',
      nonRetryable: true,
    });
  });
});
