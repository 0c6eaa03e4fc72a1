import type { Connection } from 'mongoose';
import { createSystemCheckActivities } from './diagnostics/system-check-activities.ts';

export interface ActivityDependencies {
  database: Connection;
}

/** Every activity the worker registers, built from its real dependencies. */
export function createActivities({ database }: ActivityDependencies) {
  return {
    ...createSystemCheckActivities(database),
  };
}
