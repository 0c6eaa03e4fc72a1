import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '#platform/config';
import { payloadCodec } from '#platform/temporal';
import { openHistory } from '../../../server/audit/open-history.ts';
import { decideApprovalTask } from '../../../server/cases/approval-decisions.ts';
import { submitCase } from '../../../server/cases/case-submission.ts';
import { MongoLedger } from '../../../worker/activities/finance/mongo-ledger.ts';
import { IntakeCaseStarter } from '../../../worker/intake/intake-case-start.ts';
import { IntakeRecords } from '../../../worker/intake/intake-records.ts';
import { NotificationIntake } from '../../../worker/intake/notification-intake.ts';
import { InProcessQueue } from '../../../worker/intake/notification-queue.ts';
import { flowStateQuery } from '../../../workflows/flow-run/definitions.ts';
import type { FlowRunResult, FlowRunState } from '../../../workflows/flow-run/types.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import { REVIEWERS } from '../policies/refund-scenarios.ts';
import {
  createOrder,
  emulatorAccount,
  emulatorPost,
  intakeAudit,
  newRunId,
} from './intake-support.ts';

const runId = newRunId();
const sellerId = `SELLER${runId}`;
const otherSellerId = `OTHER${runId}`;
const orderId = `114-${runId}-0000001`;
const caseId = `cancelled-meanwhile-${runId}`;
let stack: PolicyStack;
// Visible again at once when not deleted, as after a consumer that died.
const queue = new InProcessQueue(0);
const delivered: string[] = [];
let intake: NotificationIntake;
let run: WorkflowHandle;

beforeAll(async () => {
  stack = await openPolicyStack(`intake-notified-cases-${runId}`);
  stack.emulator.controls.onNotification((notification) => {
    const body = JSON.stringify(notification);
    delivered.push(body);
    queue.send(body);
  });
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
    accounts: [
      // The environment's account: the case below names none, so it goes through this one.
      emulatorAccount(stack, sellerId),
      // Another seller, configured by an admin, whose order has the very same id.
      {
        ...emulatorAccount(stack, 'eu-other/US'),
        caseAccount: 'eu-other',
        sellerId: otherSellerId,
      },
    ],
  });
  // Fulfilled by Amazon, delivered, opened and "not as described": a reviewer decides.
  await createOrder(stack, {
    orderId,
    sku: 'ACN-LAMP-01',
    itemId: `${runId}01`,
    daysAgo: 5,
    channel: 'AFN',
    price: 49.99,
    tax: 4.0,
  });
  const submitted = await submitCase(stack, {
    trigger: 'refund.requested',
    caseId,
    requestedBy: 'ops-olga',
    marketplace: 'US',
    input: {
      orderId,
      orderItemId: `${runId}01`,
      sku: 'ACN-LAMP-01',
      quantity: 1,
      returnReason: 'not-as-described',
      itemCondition: 'opened',
      buyerEmail: 'buyer@example.com',
      buyerPostcode: '60602',
    },
  });
  run = stack.temporal.workflow.getHandle(submitted.workflowId);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const orderCanceled = (seller: string) =>
  emulatorPost(stack, '/_emulator/notifications', {
    notificationType: 'ORDER_CHANGE',
    payload: {
      OrderChangeNotification: {
        SellerId: seller,
        AmazonOrderId: orderId,
        OrderChangeType: 'OrderStatusChange',
        Summary: { OrderStatus: 'Canceled', FulfillmentType: 'AFN' },
      },
    },
  }) as Promise<{ NotificationMetadata: { NotificationId: string } }>;

/** Queries the run until `ready` holds (no clock involved: each query sees every signal sent). */
async function stateWhen(ready: (state: FlowRunState) => boolean): Promise<FlowRunState> {
  for (;;) {
    const state = await run.query(flowStateQuery);
    if (ready(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const noticesIn = (state: FlowRunState) =>
  state.trail
    .filter((event) => event.type === 'amazon.notified')
    .map((event) => event.details?.notificationId);

describe("Amazon's order notifications and the running cases of that order", () => {
  it('tell a refund case waiting for its reviewer that the order was cancelled, once, and it refunds nothing', async () => {
    const waiting = await stateWhen((state) => state.openTasks.some((t) => t.nodeId === 'review'));
    const task = waiting.openTasks.find((t) => t.nodeId === 'review');

    // Another seller's order of the same id is cancelled: not this case's order.
    const others = await orderCanceled(otherSellerId);
    // No flow listens to order.changed: the notification starts nothing (and says so).
    expect(await intake.drainOnce()).toEqual(['refused']);

    const first = await orderCanceled(sellerId);
    await intake.drainOnce();
    // Amazon (SQS) delivers the same notification again.
    queue.send(delivered.at(-1) ?? '');
    await intake.drainOnce();
    // A later one: once it shows, every signal sent before it has been taken.
    const later = await orderCanceled(sellerId);
    await intake.drainOnce();
    const told = await stateWhen((state) =>
      noticesIn(state).includes(later.NotificationMetadata.NotificationId),
    );
    expect(noticesIn(told)).toEqual([
      first.NotificationMetadata.NotificationId,
      later.NotificationMetadata.NotificationId,
    ]);
    expect(noticesIn(told)).not.toContain(others.NotificationMetadata.NotificationId);
    expect(told.trail.find((event) => event.type === 'amazon.notified')).toMatchObject({
      actor: 'amazon',
      details: { notificationType: 'ORDER_CHANGE', orderId, orderStatus: 'Canceled' },
    });

    // The reviewer, who has not seen it, approves.
    await decideApprovalTask(stack.temporal, run.workflowId, {
      taskId: task?.taskId ?? '',
      verdict: 'approve',
      actor: REVIEWERS.ann,
    });
    const result: FlowRunResult = await run.result();
    expect(result.outcome).toBe('order-cancelled');

    const ended = await run.query(flowStateQuery);
    const why = ended.trail.find(
      (event) => event.type === 'rule.evaluated' && event.nodeId === 'cancelledMeanwhile',
    );
    expect(why?.details).toMatchObject({
      result: true,
      read: [{ path: 'case.amazon.orderStatus', value: 'Canceled' }],
    });
    expect(ended.trail.some((event) => event.nodeId === 'refund')).toBe(false);
    const adjustments = stack.emulator.controls
      .adjustments()
      .filter((adjustment) => adjustment.merchantAdjustmentItemId?.startsWith(`RR-${caseId}-`));
    expect(adjustments).toEqual([]);
    expect(await new MongoLedger(stack.database).entries({ orderId })).toEqual([]);
  });

  it('replays its history, notifications included, against the workflow code', async () => {
    // Opened as audits open it: the payloads are sealed.
    const history = await openHistory(await run.fetchHistory(), payloadCodec(loadConfig()));
    expect(
      history.events?.filter((event) => event.workflowExecutionSignaledEventAttributes),
    ).toHaveLength(3);
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      history,
      run.workflowId,
    );
  });
});
