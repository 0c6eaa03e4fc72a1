import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { refundScenarioCases } from '../integration/policies/refund-scenarios.ts';
import {
  createFeedHeld,
  heldRefundWorkflow,
  holdCreateFeedAnswers,
  startedActivities,
  unansweredCreateFeeds,
} from './fault-in-flight.ts';
import { RefundBed } from './fault-refund-bed.ts';
import { expectEveryCaseSettledOnce } from './fault-refund-checks.ts';
import type { KillableServer } from './fault-servers.ts';

const OUTAGE_MS = 10_000;

export interface OutageTest {
  /** Names the test's databases and temporary folder, e.g. `db-outage`. */
  name: string;
  /** Pads the run id, so two outage tests never share order ids. */
  digit: string;
  describe: string;
  it: string;
  start(dataDir: string): Promise<KillableServer>;
  /** Where the bed finds Temporal and MongoDB, one of them the killable server. */
  addresses(server: KillableServer): { temporalAddress: string; mongoBaseUri: string };
}

/**
 * One case per row of the shipped policy runs on `worker/main.ts` while a server is killed
 * (kill -9) for ten seconds with a refund provably mid-air (Amazon has the feed, the worker
 * still waits for the answer), then restarted on its data; every case must settle once.
 */
export function outageTest(test: OutageTest): void {
  const runId = randomUUID()
    .replace(/[^0-9]/g, '')
    .padEnd(6, test.digit)
    .slice(0, 6);
  const cases = refundScenarioCases(runId, 1, new Date());
  let dataDir: string;
  let server: KillableServer;
  let bed: RefundBed;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `acorn-${test.name}-`));
    server = await test.start(dataDir);
    bed = await RefundBed.open({
      name: `${test.name}-${runId}`,
      ...test.addresses(server),
      workflowBundlePath: inject('workflowBundlePath'),
      logDir: join(dataDir, 'logs'),
    });
    bed.addOrders(cases);
  });
  afterAll(async () => {
    await bed?.close();
    await server?.stop();
    if (process.env.KEEP_FAULT_LOGS) console.log(`fault test logs kept in ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  });

  describe(test.describe, () => {
    it(test.it, { timeout: 420_000 }, async () => {
      const worker = await bed.startWorker();
      // The first refund to reach Amazon is answered only after the server is gone.
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
      expect(unansweredCreateFeeds(bed.emulator)).toBe(1);
      await server.kill();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await server.restart();

      await expectEveryCaseSettledOnce(bed, cases, await driven);
    });
  });
}
