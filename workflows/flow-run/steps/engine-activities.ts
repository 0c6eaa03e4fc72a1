import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ApprovalTaskActivities } from '../../../worker/activities/engine/approval-task-activities.ts';
import type { CaseTrailActivities } from '../../../worker/activities/engine/case-trail-activities.ts';
import { livenessTimeout } from '../worker-liveness.ts';

/**
 * The engine's own bookkeeping (inbox projection, case trail). No attempt limit: while the
 * database is down these retry with backoff, and the run waits instead of losing a write.
 */
export const engineActivities = proxyActivities<ApprovalTaskActivities & CaseTrailActivities>({
  startToCloseTimeout: '30 seconds',
  ...livenessTimeout(30_000),
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * The case trail saved where the workflow runs: a local activity costs no round trips to the
 * server (one marker instead of six history events), which was most of what the interpreter
 * added to a case over a hand-written workflow (bench/interpreter-overhead.ts). Same retries.
 */
export const localEngineActivities = proxyLocalActivities<CaseTrailActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
