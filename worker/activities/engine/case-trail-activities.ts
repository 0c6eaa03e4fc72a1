import type { Connection } from 'mongoose';
import { caseTrailEventModel } from './case-trail-record.ts';

export interface CaseTrailBatch {
  workflowId: string;
  runId: string;
  caseId: string;
  flowKey: string;
  flowVersion: number;
  events: {
    sequence: number;
    at: string;
    type: string;
    nodeId?: string;
    actor?: string;
    details?: Record<string, unknown>;
  }[];
}

export function createCaseTrailActivities(connection: Connection) {
  const CaseTrailEvent = caseTrailEventModel(connection);

  return {
    /** Keyed by workflow and sequence: saving the same batch again adds nothing. */
    async saveCaseTrail(batch: CaseTrailBatch): Promise<void> {
      if (batch.events.length === 0) return;
      const { events, ...run } = batch;
      await CaseTrailEvent.bulkWrite(
        events.map((event) => {
          const _id = `${run.workflowId}:${event.sequence}`;
          return {
            updateOne: {
              filter: { _id },
              update: { $setOnInsert: { ...run, ...event, _id, at: new Date(event.at) } },
              upsert: true,
            },
          };
        }),
        { ordered: false },
      );
    },
  };
}

export type CaseTrailActivities = ReturnType<typeof createCaseTrailActivities>;
