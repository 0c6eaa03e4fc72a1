import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvalTaskRecordId } from '#platform/approval-tasks/approval-task-record';
import { loadConfig } from '#platform/config';
import { createLogger } from '#platform/logger';
import { payloadCodec } from '#platform/temporal';
import { type ApiServices, createApiServices } from '../../../server/api-services.ts';
import { openHistory } from '../../../server/audit/open-history.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { decideApprovalTask } from '../../../server/cases/approval-decisions.ts';
import { submitCaseFor } from '../../../server/cases/case-intake.ts';
import { publicTaskId } from '../../../server/inbox/public-task-id.ts';
import { describeTask } from '../../../server/inbox/task-detail.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { MongoLedger } from '../../../worker/activities/finance/mongo-ledger.ts';
import { IntakeCaseStarter } from '../../../worker/intake/intake-case-start.ts';
import { IntakeRecords } from '../../../worker/intake/intake-records.ts';
import { NotificationIntake } from '../../../worker/intake/notification-intake.ts';
import { InProcessQueue } from '../../../worker/intake/notification-queue.ts';
import { flowStateQuery } from '../../../workflows/flow-run/definitions.ts';
import type { FlowRunResult, FlowRunState } from '../../../workflows/flow-run/types.ts';
import { testAuditProtection } from '../../support/audit-protection.ts';
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
let services: ApiServices;

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
  services = createApiServices({
    temporal: stack.temporal,
    database: stack.database,
    taskQueue: stack.taskQueue,
    catalog: activityCatalog,
    logger: createLogger('notified-cases-test', 'silent'),
    audit: testAuditProtection(),
  });
  const requester: ApiIdentity = {
    userId: 'ops-olga',
    name: 'Olga',
    roles: ['requester'],
    via: 'token',
  };
  const submitted = await submitCaseFor(services, requester, {
    trigger: 'refund.requested',
    caseId,
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

/** The task page's detail, once the task's inbox record is written (an activity, just after it opens). */
async function taskPage(taskId: string) {
  const admin: ApiIdentity = { userId: 'admin-ada', name: 'Ada', roles: ['admin'], via: 'token' };
  const publicId = publicTaskId(approvalTaskRecordId(run.workflowId, taskId));
  for (;;) {
    const detail = await describeTask(services, admin, publicId).catch(() => undefined);
    if (detail) return detail;
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

    // The task page shows the reviewer what Amazon said after the task opened.
    const page = await taskPage(task?.taskId ?? '');
    expect(
      page.reasons
        .filter((event) => event.type === 'amazon.notified')
        .map((event) => event.details?.notificationId),
    ).toEqual(noticesIn(told));

    // The reviewer approves all the same.
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
