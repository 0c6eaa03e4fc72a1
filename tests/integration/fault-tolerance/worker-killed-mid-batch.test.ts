import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { createTemporalClient } from '#platform/temporal';
import {
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import { seedShippedPolicies } from '../../../policies/shipped-policies.ts';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { submitCase } from '../../../server/cases/case-submission.ts';
import { FlowVersions } from '../../../server/flows/flow-versions.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { MongoLedger } from '../../../worker/activities/finance/index.ts';
import { MongoStoreSystem, seedDemoStores } from '../../../worker/activities/store/index.ts';
import type { FlowRunResult } from '../../../workflows/flow-run/types.ts';
import { type ProductionWorker, startProductionWorker } from '../../support/fault-worker.ts';
import { savedTrailLines } from '../../support/saved-trails.ts';
import { FAST_REFUND_ENV } from '../marketplace/marketplace-worker.ts';
import { refundScenarioCases } from '../policies/refund-scenarios.ts';

// 34 variants of each unattended row of the shipped policy (refunds, late coupons, A-to-Z
// claims Amazon already paid): 102 cases in flight when the worker dies.
const cases = refundScenarioCases(
  randomUUID()
    .replace(/[^0-9]/g, '')
    .padEnd(6, '7')
    .slice(0, 6),
  34,
  new Date(),
  { unattended: true },
);
const databaseName = `worker-killed-${randomUUID().slice(0, 8)}`;
const taskQueue = `worker-killed-${randomUUID()}`;

let emulator: SpApiEmulator;
let database: Connection;
let temporal: Client;
let logDir: string;
let worker: ProductionWorker | undefined;

const startWorker = () =>
  startProductionWorker({
    name: 'worker',
    temporalAddress: inject('temporalAddress'),
    mongoUri: `${inject('mongoBaseUri')}/${databaseName}`,
    taskQueue,
    workflowBundlePath: inject('workflowBundlePath'),
    logDir,
    env: { ...spApiEmulatorEnv(emulator.url), ...FAST_REFUND_ENV },
  });

beforeAll(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'acorn-worker-killed-'));
  emulator = await startSpApiEmulator({ feedStepMs: 50 });
  emulator.controls.addOrders(cases.map((scenario) => scenario.order));
  for (const scenario of cases.filter((c) => c.amazonRefundedFirst)) {
    const line = scenario.order.items[0];
    emulator.controls.postAmazonEvent(scenario.order.order.AmazonOrderId ?? '', 'guaranteeClaim', [
      {
        orderItemId: line?.OrderItemId ?? '',
        components: [{ type: 'Principal', amount: Number(line?.ItemPrice?.Amount) }],
      },
    ]);
  }
  database = await connectDatabase(`${inject('mongoBaseUri')}/${databaseName}`);
  await seedDemoStores(await new MongoStoreSystem(database).ready());
  await seedShippedPolicies(new FlowVersions(database, activityCatalog));
  temporal = createTemporalClient({
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: 'default',
  });
});
afterAll(async () => {
  await worker?.stop();
  await temporal?.connection.close();
  await database?.close();
  await emulator?.close();
  if (process.env.KEEP_WORKER_LOGS) console.log(`worker logs kept in ${logDir}`);
  else await rm(logDir, { recursive: true, force: true });
});

/** The database is this test's own: every completed run in it is one of these cases. */
const completedRuns = async () =>
  (await savedTrailLines(database)).filter((line) => line.type === 'run.completed').length;

const refundsOf = (caseId: string) =>
  emulator.controls
    .adjustments()
    .filter((adjustment) => adjustment.merchantAdjustmentItemId?.startsWith(`RR-${caseId}-`));

describe('kill -9 of the worker with 100 cases in flight', () => {
  it('every case completes once, no refund is issued twice, the ledger balances', {
    timeout: 600_000,
  }, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    worker = await startWorker();
    const flows = new FlowVersions(database, activityCatalog);
    const submitted = await Promise.all(
      cases.map((scenario) =>
        submitCase(
          { temporal, taskQueue, flows },
          {
            trigger: 'refund.requested',
            input: scenario.input,
            requestedBy: 'ops-olga',
            caseId: scenario.caseId,
          },
        ),
      ),
    );
    const results = submitted.map(
      (run) => temporal.workflow.getHandle(run.workflowId).result() as Promise<FlowRunResult>,
    );

    // Kill once refunds are flowing but most cases are still running.
    await waitUntil(
      'Amazon to accept the first refunds',
      async () => emulator.controls.adjustments().length >= 5,
      120_000,
      50,
    );
    process.kill(worker.pid, 'SIGKILL');
    await worker.exited;
    const completedAtKill = await completedRuns();
    worker = await startWorker();

    const outcomes = await Promise.all(results);
    expect(cases.length - completedAtKill).toBeGreaterThanOrEqual(50);

    cases.forEach((scenario, index) => {
      expect(outcomes[index]?.outcome, scenario.name).toBe(scenario.expected.outcome);
      const refunds = refundsOf(scenario.caseId);
      expect(refunds, scenario.name).toHaveLength(
        scenario.expected.refundPrincipalCents === undefined ? 0 : 1,
      );
    });
    const refunded = cases.filter((c) => c.expected.refundPrincipalCents !== undefined);
    expect(emulator.controls.adjustments()).toHaveLength(refunded.length);

    // Each case posted its entries once: one refund entry per refund, one coupon per late case.
    const ledger = new MongoLedger(database);
    expect(await ledger.entries({ kind: 'refund' })).toHaveLength(refunded.length);
    const late = cases.filter((c) => c.expected.coupon);
    expect(await ledger.entries({ kind: 'coupon' })).toHaveLength(late.length);
    const balances = await ledger.balances();
    const debits = balances.reduce((sum, account) => sum + account.debit, 0);
    const credits = balances.reduce((sum, account) => sum + account.credit, 0);
    expect(debits).toBeGreaterThan(0);
    expect(debits).toBe(credits);

    expect(await completedRuns()).toBe(cases.length);
  });
});
