import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createFeedHeld,
  heldRefundWorkflow,
  holdCreateFeedAnswers,
  startedActivities,
  unansweredCreateFeeds,
} from '../../support/fault-in-flight.ts';
import { RefundBed } from '../../support/fault-refund-bed.ts';
import { expectEveryCaseSettledOnce } from '../../support/fault-refund-checks.ts';
import { type KillableServer, startKillableFerretDb } from '../../support/fault-servers.ts';
import { refundScenarioCases } from '../policies/refund-scenarios.ts';

const OUTAGE_MS = 10_000;
const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(6, '3')
  .slice(0, 6);
// One case per row of the shipped policy: approvals, store returns, coupons, A-to-Z, refunds.
const cases = refundScenarioCases(runId, 1, new Date());

let dataDir: string;
let ferret: KillableServer;
let bed: RefundBed;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'acorn-db-outage-'));
  ferret = await startKillableFerretDb(dataDir);
  bed = await RefundBed.open({
    name: `db-outage-${runId}`,
    temporalAddress: inject('temporalAddress'),
    mongoBaseUri: ferret.address,
    workflowBundlePath: inject('workflowBundlePath'),
    logDir: join(dataDir, 'logs'),
  });
  bed.addOrders(cases);
});
afterAll(async () => {
  await bed?.close();
  await ferret?.stop();
  if (process.env.KEEP_FAULT_LOGS) console.log(`fault test logs kept in ${dataDir}`);
  else await rm(dataDir, { recursive: true, force: true });
});

describe('FerretDB killed (kill -9) for ten seconds with refunds in flight', () => {
  it('every case of the shipped policy ends as it should, each refund, entry and e-mail once', {
    timeout: 420_000,
  }, async () => {
    const worker = await bed.startWorker();
    // The first refund to reach Amazon is answered only after the database is gone.
    holdCreateFeedAnswers(bed.emulator, 10_000);
    const workflowIds = await Promise.all(cases.map((scenario) => bed.submit(scenario)));
    const driven = bed.watch(
      Promise.all(cases.map((scenario, index) => bed.drive(workflowIds[index] ?? '', scenario))),
    );

    await bed.watch(createFeedHeld(bed.emulator));
    const held = heldRefundWorkflow(bed.emulator, cases);
    expect(await startedActivities(bed.temporal, [held])).toContainEqual(
      expect.objectContaining({
        activityType: 'marketplace.issueRefund',
        workerIdentity: worker.identity,
      }),
    );
    // Amazon has the feed, the worker still waits for the answer: the money step is mid-air.
    expect(unansweredCreateFeeds(bed.emulator)).toBe(1);
    await ferret.kill();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await ferret.restart();

    const results = await driven;
    await expectEveryCaseSettledOnce(bed, cases, results);
  });
});
