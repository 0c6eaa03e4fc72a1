import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import {
  createFeedHeld,
  heldRefundWorkflow,
  holdCreateFeedAnswers,
  startedActivities,
  unansweredCreateFeeds,
} from '../../support/fault-in-flight.ts';
import { RefundBed } from '../../support/fault-refund-bed.ts';
import { expectEveryCaseSettledOnce } from '../../support/fault-refund-checks.ts';
import type { ProductionWorker } from '../../support/fault-worker.ts';
import { refundScenarioCases } from '../policies/refund-scenarios.ts';

const ISSUE_REFUND = 'marketplace.issueRefund';
/**
 * Shorter than the heartbeat timeout (10 s), so the answer is already waiting in the paused
 * worker's socket when the retry starts elsewhere and the paused worker resumes.
 */
const CREATE_FEED_ANSWER_HELD_MS = 8_000;
// However long the pause lasts, the paused worker's request timer must not beat the answer.
const PATIENT_SP_API = {
  SP_API_REQUEST_TIMEOUT_MS: '120000',
  SP_API_SUBMISSION_SETTLE_MS: '150000',
};
const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(6, '8')
  .slice(0, 6);
// Refunded at once (fulfilled by Amazon): no person and no store between the request and the money.
const cases = refundScenarioCases(runId, 2, new Date()).filter(
  (scenario) => scenario.order.order.FulfillmentChannel === 'AFN',
);

let logDir: string;
let bed: RefundBed;

beforeAll(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'acorn-paused-worker-'));
  bed = await RefundBed.open({
    name: `paused-worker-${runId}`,
    temporalAddress: inject('temporalAddress'),
    mongoBaseUri: inject('mongoBaseUri'),
    workflowBundlePath: inject('workflowBundlePath'),
    logDir,
  });
  bed.addOrders(cases);
});
afterAll(async () => {
  await bed?.close();
  if (process.env.KEEP_FAULT_LOGS) console.log(`fault test logs kept in ${logDir}`);
  else await rm(logDir, { recursive: true, force: true });
});

/** SIGSTOP / SIGCONT to the worker's whole process group, as a frozen VM or a long GC pause. */
const signal = (worker: ProductionWorker, name: 'SIGSTOP' | 'SIGCONT') =>
  process.kill(-worker.pid, name);

/**
 * The issueRefund attempt Temporal recorded as completed, 0 while none has. Read from the
 * history, which needs no worker: a query would wait for the paused one, where the run is sticky.
 */
async function completedRefundAttempt(client: Client, workflowId: string): Promise<number> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const scheduledId = String(
    events.find(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === ISSUE_REFUND,
    )?.eventId,
  );
  const of = (id: unknown) => String(id) === scheduledId;
  const completed = events.some((event) =>
    of(event.activityTaskCompletedEventAttributes?.scheduledEventId),
  );
  const started = events.find((event) =>
    of(event.activityTaskStartedEventAttributes?.scheduledEventId),
  );
  return completed ? (started?.activityTaskStartedEventAttributes?.attempt ?? 0) : 0;
}

describe('a worker paused (SIGSTOP) inside issueRefund past its heartbeat timeout', () => {
  it('the retry on the other worker and the resumed attempt send one feed per refund', {
    timeout: 420_000,
  }, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
    const workers = [
      await bed.startWorker('worker-a', PATIENT_SP_API),
      await bed.startWorker('worker-b', PATIENT_SP_API),
    ];
    // Amazon receives the first refund's createFeed (the feed exists) but its answer waits.
    holdCreateFeedAnswers(bed.emulator, CREATE_FEED_ANSWER_HELD_MS);
    const workflowIds = await Promise.all(cases.map((scenario) => bed.submit(scenario)));
    const driven = bed.watch(
      Promise.all(cases.map((scenario, index) => bed.drive(workflowIds[index] ?? '', scenario))),
    );

    await bed.watch(createFeedHeld(bed.emulator));
    const held = heldRefundWorkflow(bed.emulator, cases);
    const inFlight = (await startedActivities(bed.temporal, [held])).find(
      (activity) => activity.activityType === ISSUE_REFUND,
    );
    const paused = workers.find((worker) => worker.identity === inFlight?.workerIdentity);
    const other = workers.find((worker) => worker !== paused);
    if (!inFlight || !paused || !other) throw new Error('no worker is inside issueRefund');
    // Still between createFeed sent and answered when the worker stops.
    expect(unansweredCreateFeeds(bed.emulator)).toBe(1);
    signal(paused, 'SIGSTOP');
    try {
      // Temporal presumes the silent worker dead after the heartbeat timeout and retries the
      // refund; resume the paused one as soon as the retry runs on the other worker (or has
      // already finished there: nothing else could have taken it through).
      await bed.watch(
        waitUntil(
          'the refund retried on the other worker',
          async () =>
            (await startedActivities(bed.temporal, [held])).some(
              (activity) =>
                activity.activityType === ISSUE_REFUND &&
                activity.attempt > inFlight.attempt &&
                activity.workerIdentity === other.identity,
            ) || (await completedRefundAttempt(bed.temporal, held)) > 0,
          180_000,
        ),
      );
    } finally {
      // Amazon's answer is waiting in its socket: the stale attempt carries on beside the retry.
      signal(paused, 'SIGCONT');
    }
    await waitUntil(
      'the held createFeed answer to leave the emulator',
      async () => unansweredCreateFeeds(bed.emulator) === 0,
      60_000,
    );

    const results = await driven;
    // The resumed worker finishes whatever its stale attempt still does before anything is counted.
    await bed.stopWorker(paused);

    expect(await completedRefundAttempt(bed.temporal, held)).toBeGreaterThan(inFlight.attempt);
    await expectEveryCaseSettledOnce(bed, cases, results);
    expect(bed.emulator.controls.feeds()).toHaveLength(cases.length);
  });
});
