import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { spApiEmulatorEnv } from '../../../emulators/sp-api/index.ts';
import { loadMarketplaceConfig } from '../../../worker/activities/marketplace/index.ts';
import { AccountPoller, type PollSettings } from '../../../worker/intake/account-poller.ts';
import {
  type IntakeAccount,
  intakeAccountFromConfig,
} from '../../../worker/intake/intake-account.ts';
import { IntakeCaseStarter } from '../../../worker/intake/intake-case-start.ts';
import { IntakeRecords } from '../../../worker/intake/intake-records.ts';
import { flowStateQuery } from '../../../workflows/flow-run/definitions.ts';
import type { FlowRunState } from '../../../workflows/flow-run/types.ts';
import { testAuditProtection } from '../../support/audit-protection.ts';
import type { PolicyStack } from '../policies/policy-stack.ts';

export const POLL: PollSettings = {
  lookbackMs: 7 * 86_400_000,
  overlapMs: 48 * 3_600_000,
  reportPollMs: 10,
};

/** Seven digits unique to this test run, for order ids the emulator accepts. */
export const newRunId = () =>
  randomUUID()
    .replace(/[^0-9]/g, '')
    .padEnd(7, '7')
    .slice(0, 7);

/** The audit key intake signs its `case.submitted` entries with, and where heads would go. */
export const intakeAudit = testAuditProtection();

/** The emulator's seller account, under an id of the test's own (its cursors start empty). */
export function emulatorAccount(stack: PolicyStack, accountId: string): IntakeAccount {
  const config = loadMarketplaceConfig(spApiEmulatorEnv(stack.emulator.url));
  return { ...intakeAccountFromConfig(config), accountId };
}

export function pollerFor(stack: PolicyStack, account: IntakeAccount, records?: IntakeRecords) {
  const starter = new IntakeCaseStarter({
    temporal: stack.temporal,
    taskQueue: stack.taskQueue,
    database: stack.database,
    auditKeys: intakeAudit.keys,
  });
  return new AccountPoller(account, records ?? new IntakeRecords(stack.database), starter, POLL);
}

/** Calls one of the emulator's documented `/_emulator/*` routes, as a test script would. */
export async function emulatorPost(stack: PolicyStack, path: string, body: unknown) {
  const response = await fetch(`${stack.emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

export interface OrderSketch {
  orderId: string;
  sku: string;
  itemId: string;
  daysAgo: number;
  channel?: 'MFN' | 'AFN';
  price: number;
  tax: number;
}

/**
 * A delivered order of one item and the merchant-fulfilled returns-report row for it (no fault
 * claimed, returned an hour ago); answers the case id intake gives that row.
 */
export async function orderWithReturn(
  stack: PolicyStack,
  sketch: OrderSketch,
  rowId: string,
): Promise<string> {
  await createOrder(stack, sketch);
  await emulatorPost(stack, '/_emulator/returns', {
    orderId: sketch.orderId,
    sku: sketch.sku,
    reason: 'CR-UNWANTED_ITEM',
    id: rowId,
    returnDate: new Date(Date.now() - 3_600_000).toISOString(),
  });
  return `return-${rowId}`;
}

export function createOrder(stack: PolicyStack, sketch: OrderSketch) {
  return emulatorPost(stack, '/_emulator/orders', {
    orderId: sketch.orderId,
    daysAgo: sketch.daysAgo,
    channel: sketch.channel ?? 'MFN',
    status: 'Shipped',
    items: [
      {
        id: sketch.itemId,
        sku: sketch.sku,
        asin: 'B0INTAKE01',
        title: `Intake item ${sketch.sku}`,
        quantity: 1,
        price: sketch.price,
        tax: sketch.tax,
      },
    ],
    buyerEmail: 'buyer@example.com',
    buyerPostcode: '60602',
  });
}

/**
 * Queries the run until it left the `policy` decision (or ended without it) and answers what
 * it knew then: which case fired (undefined: the default), its variables, its open tasks.
 */
export async function decisionOf(temporal: Client, caseId: string) {
  const handle = temporal.workflow.getHandle(`case-${caseId}`);
  for (;;) {
    const state: FlowRunState = await handle.query(flowStateQuery);
    const entered = state.trail.findIndex(
      (event) => event.type === 'node.entered' && event.nodeId === 'policy',
    );
    const left =
      entered >= 0 &&
      state.trail.slice(entered).some((e) => e.type === 'node.entered' && e.nodeId !== 'policy');
    if (left || state.status !== 'running') {
      const fired = state.trail.find(
        (e) => e.type === 'rule.evaluated' && e.nodeId === 'policy' && e.details?.result === true,
      );
      return { purpose: fired?.details?.purpose as string | undefined, state };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits for the run to end and answers its outcome. */
export async function outcomeOf(temporal: Client, caseId: string): Promise<string | undefined> {
  const result = await temporal.workflow.getHandle(`case-${caseId}`).result();
  return (result as { outcome?: string }).outcome;
}
