import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeCaseStarter } from '../../../worker/intake/intake-case-start.ts';
import { IntakeRecords } from '../../../worker/intake/intake-records.ts';
import { NotificationIntake } from '../../../worker/intake/notification-intake.ts';
import { InProcessQueue } from '../../../worker/intake/notification-queue.ts';
import { notificationModel } from '../../../worker/intake/notification-records.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import {
  emulatorAccount,
  emulatorPost,
  intakeAudit,
  newRunId,
  outcomeOf,
} from './intake-support.ts';

const runId = newRunId();
const sellerId = `SELLER${runId}`;
let stack: PolicyStack;
// Visible again at once when not deleted: a consumer that died is redelivered to at once.
const queue = new InProcessQueue(0);
let intake: NotificationIntake;

/** A flow that notes an order's change: what a seller would draw to act on cancellations. */
const orderChangeFlow = {
  key: `order-change-${runId}`,
  name: 'Order changes',
  version: 1,
  inputs: {
    orderId: { type: 'string', required: true },
    orderStatus: { type: 'string', required: true },
    changeType: { type: 'string', required: false },
  },
  nodes: [
    { id: 'start', kind: 'start', trigger: 'order.changed' },
    { id: 'noted', kind: 'end', outcome: 'noted' },
  ],
  edges: [{ id: 'a', source: 'start', target: 'noted' }],
};

beforeAll(async () => {
  stack = await openPolicyStack(`intake-notifications-${runId}`);
  await stack.flows.saveDraft(orderChangeFlow, 'admin-ada');
  await stack.flows.publish(orderChangeFlow.key, 'admin-ada');
  // The emulator is the SQS destination: every notification it publishes lands in the queue.
  stack.emulator.controls.onNotification((notification) =>
    queue.send(JSON.stringify(notification)),
  );
  intake = new NotificationIntake(queue, {
    database: stack.database,
    temporal: stack.temporal,
    records: new IntakeRecords(stack.database),
    starter: new IntakeCaseStarter({
      temporal: stack.temporal,
      taskQueue: stack.taskQueue,
      database: stack.database,
      auditKeys: intakeAudit.keys,
    }),
    accounts: [emulatorAccount(stack, sellerId)],
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const orderChange = (orderId: string, status: string, seller = sellerId) =>
  emulatorPost(stack, '/_emulator/notifications', {
    notificationType: 'ORDER_CHANGE',
    payload: {
      OrderChangeNotification: {
        SellerId: seller,
        AmazonOrderId: orderId,
        OrderChangeType: 'OrderStatusChange',
        Summary: { OrderStatus: status, FulfillmentType: 'MFN' },
      },
    },
  }) as Promise<{ NotificationMetadata: { NotificationId: string } }>;

describe('notification intake', () => {
  it('keeps each notification once and starts the flow listening to it once, even when delivered again', async () => {
    const orderId = `700-${runId}-0000001`;
    const sent = await orderChange(orderId, 'Canceled');
    const notificationId = sent.NotificationMetadata.NotificationId;

    // The first consumer takes the message and dies before deleting it.
    const [lost] = await queue.receive({ maxMessages: 10, waitSeconds: 0 });
    expect(lost?.body).toContain(notificationId);

    expect(await intake.drainOnce()).toEqual(['started']);
    const caseId = `notification-${notificationId}`;
    expect(await outcomeOf(stack.temporal, caseId)).toBe('noted');

    // Amazon delivers the same notification again (its delivery is at least once).
    queue.send(lost?.body ?? '');
    expect(await intake.drainOnce()).toEqual(['already-started']);
    expect(queue.depth).toBe(0);

    const kept = await notificationModel(stack.database).find({ orderId }).lean();
    expect(kept).toEqual([
      expect.objectContaining({ _id: notificationId, type: 'ORDER_CHANGE', status: 'Canceled' }),
    ]);
  });

  it('starts no case for a flow since archived, and says so, as POST /api/cases does', async () => {
    await stack.flows.setArchived(orderChangeFlow.key, true);
    const sent = await orderChange(`703-${runId}-0000004`, 'Shipped');
    expect(await intake.drainOnce()).toEqual(['refused']);
    const item = await new IntakeRecords(stack.database).seen(
      `notification-${sent.NotificationMetadata.NotificationId}`,
    );
    expect(item?.reason).toMatch(/archived/);
    await stack.flows.setArchived(orderChangeFlow.key, false);
  });

  it('records what no flow takes, what another seller sent and what is not a notification', async () => {
    await emulatorPost(stack, '/_emulator/notifications', {
      notificationType: 'FBA_OUTBOUND_SHIPMENT_STATUS',
      payload: {
        FBAOutboundShipmentStatusNotification: {
          SellerId: sellerId,
          AmazonOrderId: `701-${runId}-0000002`,
          AmazonShipmentId: 'DKMKLXJmN',
          ShipmentStatus: 'Cancelled',
        },
      },
    });
    await orderChange(`702-${runId}-0000003`, 'Shipped', 'ANOTHERSELLER');
    queue.send('not json');
    expect(await intake.drainOnce()).toEqual(['refused', 'recorded', 'malformed']);
    expect(queue.depth).toBe(0);
    const shipment = await notificationModel(stack.database)
      .findOne({ orderId: `701-${runId}-0000002` })
      .lean();
    expect(shipment).toMatchObject({ type: 'FBA_OUTBOUND_SHIPMENT_STATUS', status: 'Cancelled' });
  });
});
