import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { startWorkerProcess } from '../../support/worker-process.ts';
import { MarketplaceHarness } from './marketplace-harness.ts';
import { refundFlow } from './refund-flows.ts';

const databaseName = 'marketplace-worker-killed';
let harness: MarketplaceHarness;
let logDir: string;

beforeAll(async () => {
  harness = await MarketplaceHarness.open(databaseName, false);
  logDir = await mkdtemp(join(tmpdir(), 'acorn-marketplace-worker-'));
});
afterAll(async () => {
  await harness?.close();
  if (process.env.KEEP_WORKER_LOGS) console.log(`worker logs kept in ${logDir}`);
  else await rm(logDir, { recursive: true, force: true });
});

const startMarketplaceWorker = (taskQueue: string) =>
  startWorkerProcess({
    entry: 'tests/integration/marketplace/marketplace-worker-process.ts',
    databaseName,
    taskQueue,
    logDir,
    env: harness.env,
  });

it('a worker killed right after Amazon accepted the feed refunds exactly once', async () => {
  // Amazon records the feed at once but its answer is held back: the worker dies not knowing.
  harness.emulator.controls.addFault({
    method: 'POST',
    path: '/feeds/2021-06-30/feeds',
    delayMs: 60_000,
  });
  const taskQueue = `${harness.taskQueue}-killable`;
  let worker = await startMarketplaceWorker(taskQueue);
  const caseId = randomUUID();
  const refundId = `RR-${caseId}`;
  const run = await harness.start(
    refundFlow({ timeoutSeconds: 6 }),
    {
      caseId,
      orderId: '113-6620139-4407715',
      reason: 'CustomerReturn',
      items: [{ orderItemId: '94417705213390', principal: 14.95, tax: 1.23 }],
    },
    taskQueue,
  );
  await waitUntil(
    'Amazon to accept the refund feed',
    async () => harness.refundFeeds().length > 0,
    60_000,
    20,
  );
  process.kill(worker.pid, 'SIGKILL');
  await worker.exited;
  expect((await harness.intent(refundId)).state).toBe('submitting');

  // The retry comes once Temporal times the lost attempt out (6 s), on the restarted worker.
  worker = await startMarketplaceWorker(taskQueue);
  try {
    expect((await run.result()).outcome).toBe('refunded');
  } finally {
    await worker.stop();
  }
  const feeds = harness.refundFeeds();
  expect(feeds).toHaveLength(1);
  expect(harness.adjustmentsFor(refundId)).toHaveLength(1);
  expect(harness.createFeedCalls()).toHaveLength(1);
  const intent = await harness.intent(refundId);
  expect(intent).toMatchObject({ state: 'done', feedId: feeds[0]?.feedId });
  expect(intent.history.map((change) => change.state)).toEqual([
    'prepared',
    'submitting',
    'submitted',
    'done',
  ]);
});
