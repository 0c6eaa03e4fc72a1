import type { Connection } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import {
  createNotifyActivities,
  loadNotifyConfig,
  notifyCatalog,
  outboxModel,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
} from '../../../worker/activities/notify/index.ts';
import {
  type CatalogFlowWorker,
  catalogFlow,
  quickRetry,
  startCatalogFlowWorker,
} from '../../support/catalog-flow-worker.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const SECRET = 'whsec-flow-0123456789abcdef';
let database: Connection;
let receiver: WebhookReceiver;
let worker: CatalogFlowWorker;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/notify-webhook-flow`);
  receiver = await startWebhookReceiver();
  const config = loadNotifyConfig({ NOTIFY_WEBHOOK_SECRET: SECRET });
  worker = await startCatalogFlowWorker(database, createNotifyActivities({ database, config }));
});
afterAll(async () => {
  await worker?.close();
  await receiver?.close();
  await database?.close();
});
beforeEach(() => {
  receiver.calls.length = 0;
  receiver.answers.length = 0;
});

// Tell the partner's system; if it refuses for good, a person follows up.
const notifyPartner = catalogFlow('notify-partner', notifyCatalog, {
  inputs: { url: { type: 'string', required: true }, refund: { type: 'object', required: true } },
  nodes: [
    { id: 'start', kind: 'start', trigger: 'refund.approved' },
    {
      id: 'hook',
      kind: 'action',
      activity: 'notify.callWebhook',
      inputs: { url: { var: 'url' }, event: 'refund.approved', payload: { var: 'refund' } },
      resultVariable: 'delivery',
      timeoutSeconds: 10,
      retry: quickRetry,
    },
    { id: 'notified', kind: 'end', outcome: 'notified' },
    { id: 'manual', kind: 'end', outcome: 'manual-follow-up' },
  ],
  edges: [
    ['start', 'hook'],
    ['hook', 'notified'],
    ['hook', 'manual', 'error'],
  ],
});

const run = () =>
  worker.run(notifyPartner, { url: receiver.url, refund: { orderId: '113-1', amount: 10 } });
const outboxEntry = (id: string) => outboxModel(database).findById(id).lean();

describe('notify.callWebhook in a flow on a real worker', () => {
  it('is retried by Temporal after a 500 and sends the same signed body again', async () => {
    receiver.answers.push(500);
    const result = await run();
    expect(result.outcome).toBe('notified');
    expect(receiver.calls).toHaveLength(2);
    const [first, second] = receiver.calls;
    expect(second?.body).toBe(first?.body);
    expect(second?.headers['x-acorn-delivery-id']).toBe(first?.headers['x-acorn-delivery-id']);
    const signature = second?.headers[SIGNATURE_HEADER] as string;
    expect(verifyWebhookSignature(SECRET, second?.body ?? '', signature)).toBe(true);
    const delivery = result.variables.delivery as { deliveryId: string };
    expect(await outboxEntry(delivery.deliveryId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not retry a 4xx: one call, then the error edge', async () => {
    receiver.answers.push(422);
    const result = await run();
    expect(result.outcome).toBe('manual-follow-up');
    expect(receiver.calls).toHaveLength(1);
    const deliveryId = String(receiver.calls[0]?.headers['x-acorn-delivery-id']);
    expect(await outboxEntry(deliveryId)).toMatchObject({
      status: 'rejected',
      result: { responseStatus: 422 },
    });
  });
});
