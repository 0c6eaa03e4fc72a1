import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { SpApiEmulator } from '../../emulators/sp-api/index.ts';
import { waitUntil } from '../../scripts/embedded/managed-process.ts';
import { caseWorkflowId } from '../../server/cases/case-submission.ts';
import { CREATE_FEED } from './fault-refund-bed.ts';

const STARTED = proto.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

export interface StartedActivity {
  workflowId: string;
  activityType: string;
  attempt: number;
  /** The worker running it, as `pid@host`. */
  workerIdentity: string;
}

/** The activities Temporal sees running (started, not yet answered) in these runs right now. */
export async function startedActivities(
  client: Client,
  workflowIds: string[],
): Promise<StartedActivity[]> {
  const described = await Promise.all(
    workflowIds.map(async (workflowId) => ({
      workflowId,
      pending: (await client.workflow.getHandle(workflowId).describe()).raw.pendingActivities ?? [],
    })),
  );
  return described.flatMap(({ workflowId, pending }) =>
    pending
      .filter((activity) => activity.state === STARTED)
      .map((activity) => ({
        workflowId,
        activityType: activity.activityType?.name ?? '',
        attempt: activity.attempt ?? 0,
        workerIdentity: activity.lastWorkerIdentity ?? '',
      })),
  );
}

/** Amazon got the next `times` createFeed calls but holds their answers for `delayMs`. */
export function holdCreateFeedAnswers(emulator: SpApiEmulator, delayMs: number, times = 1): void {
  emulator.controls.addFault({ method: 'POST', path: CREATE_FEED, delayMs, times });
}

/**
 * The workflow whose refund went out in Amazon's first feed: the createFeed being held, since
 * only the first call is held. Feed ids grow with each feed.
 */
export function heldRefundWorkflow(
  emulator: SpApiEmulator,
  cases: { caseId: string; input: Record<string, unknown> }[],
): string {
  const [first] = emulator.controls.feeds().sort((a, b) => Number(a.feedId) - Number(b.feedId));
  const held = cases.find((scenario) =>
    first?.content?.includes(`<AmazonOrderID>${scenario.input.orderId}</AmazonOrderID>`),
  );
  if (!held) throw new Error('no case has a feed at Amazon yet');
  return caseWorkflowId(held.caseId);
}

/** Waits until a createFeed call has reached the emulator and its answer has not left yet. */
export async function createFeedHeld(emulator: SpApiEmulator, timeoutMs = 180_000): Promise<void> {
  await waitUntil(
    'a createFeed call held by the emulator',
    async () => unansweredCreateFeeds(emulator) > 0,
    timeoutMs,
    50,
  );
}

export const unansweredCreateFeeds = (emulator: SpApiEmulator) =>
  emulator.controls
    .requests()
    .filter((request) => request.method === 'POST' && request.path === CREATE_FEED)
    .filter((request) => request.status === 0).length;
