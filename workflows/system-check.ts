import { proxyActivities } from '@temporalio/workflow';
import type { SystemCheckActivities } from '../worker/activities/diagnostics/system-check-activities.ts';

export interface SystemCheckInput {
  checkId: string;
  /** How long the activity holds before writing; lets tests kill the worker mid-activity. */
  holdMs: number;
}

export interface SystemCheckResult {
  checkId: string;
  completedByAttempt: number;
}

const { recordSystemCheck } = proxyActivities<SystemCheckActivities>({
  startToCloseTimeout: '5 minutes',
  // A worker that dies mid-activity stops heartbeating; the retry lands on a live worker soon.
  heartbeatTimeout: '3 seconds',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 20 },
});

/** Proves the whole chain: API → Temporal → worker → activity → database, exactly once. */
export async function systemCheck(input: SystemCheckInput): Promise<SystemCheckResult> {
  return recordSystemCheck(input);
}
