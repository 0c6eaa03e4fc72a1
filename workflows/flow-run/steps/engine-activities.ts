import { proxyActivities } from '@temporalio/workflow';
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
