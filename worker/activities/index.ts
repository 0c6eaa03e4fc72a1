import type { Connection } from 'mongoose';
import { createSystemCheckActivities } from './diagnostics/system-check-activities.ts';
import { createApprovalTaskActivities } from './engine/approval-task-activities.ts';
import { createCaseTrailActivities } from './engine/case-trail-activities.ts';

export interface ActivityDependencies {
  database: Connection;
}

/** Every activity the worker registers, built from its real dependencies. */
export function createActivities({ database }: ActivityDependencies) {
  return {
    ...createSystemCheckActivities(database),
    ...createApprovalTaskActivities(database),
    ...createCaseTrailActivities(database),
  };
}
