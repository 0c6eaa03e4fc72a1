import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../server/audit/audit-log.ts';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import type { IntakeAccount } from '../../../worker/intake/intake-account.ts';
import { IntakeCaseStarter } from '../../../worker/intake/intake-case-start.ts';
import { lookUpOrders, withItems } from '../../../worker/intake/order-lookup.ts';
import { returnSubmission } from '../../../worker/intake/return-cases.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import {
  emulatorAccount,
  intakeAudit,
  newRunId,
  orderWithReturn,
  pollerFor,
} from './intake-support.ts';

const runId = newRunId();
let stack: PolicyStack;
let account: IntakeAccount;

beforeAll(async () => {
  stack = await openPolicyStack(`intake-audit-${runId}`);
  account = emulatorAccount(stack, `acct-audit-${runId}`);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const submittedEntries = async (caseId: string) =>
  (await auditLogModel(stack.database).find({ action: 'case.submitted' }).lean()).filter(
    (entry) => entry.target.id === caseId,
  );

describe('cases started by intake in the audit log', () => {
  it('records case.submitted by amazon-intake:<account> once per case, in the signed chain', async () => {
    const sketch = {
      orderId: `409-${runId}-0000001`,
      sku: `AUDIT-${runId}`,
      itemId: `7${runId}000001`,
      daysAgo: 5,
      price: 24.99,
      tax: 2.06,
    };
    await orderWithReturn(stack, sketch, `A${runId}`);
    const caseId = `return-A${runId}`;
    // The API writes to the same chain meanwhile.
    const apiLog = new AuditLog(stack.database, intakeAudit);
    await apiLog.record({
      actor: { userId: 'admin-ada', name: 'Ada', via: 'token' },
      action: 'flow.saved',
      target: { kind: 'flow', id: 'marketplace-refund' },
    });

    const poller = pollerFor(stack, account);
    await poller.pollOnce();
    // The same row read again, and two starters racing on it, write nothing more.
    await poller.pollOnce();
    const orders = await lookUpOrders(account.clients, account.marketplaceId, [sketch.orderId]);
    const order = await withItems(account.clients.orders, orders.get(sketch.orderId));
    if (!order || 'refused' in order) throw new Error('the emulator shows the order');
    const submission = returnSubmission(
      account,
      'mfn',
      {
        rowId: `A${runId}`,
        orderId: sketch.orderId,
        sku: sketch.sku,
        quantity: 1,
        reasonCode: 'CR-UNWANTED_ITEM',
      },
      order,
    );
    if (!submission) throw new Error("the order has the row's SKU");
    const starter = () =>
      new IntakeCaseStarter({
        temporal: stack.temporal,
        taskQueue: stack.taskQueue,
        database: stack.database,
        auditKeys: intakeAudit.keys,
      });
    await Promise.all([starter().start(submission), starter().start(submission)]);
    await apiLog.record({
      actor: { userId: 'admin-ada', name: 'Ada', via: 'token' },
      action: 'flow.saved',
      target: { kind: 'flow', id: 'marketplace-refund' },
    });

    const entries = await submittedEntries(caseId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { userId: `amazon-intake:${account.accountId}`, via: 'system' },
      target: { kind: 'case', id: caseId },
      caseId,
      details: { trigger: 'refund.requested', flowKey: 'marketplace-refund' },
    });
    const verdict = await apiLog.verify();
    expect(verdict.brokenAt).toBeUndefined();
    expect(verdict.ok).toBe(true);
  });
});
