import type { Connection } from 'mongoose';
import { insertMissing } from '#platform/database';
import { endsRun, summariseClosedCase } from './case-closing.ts';
import { caseModel, upsertRetryingOnce } from './case-record.ts';
import {
  type CaseTrailEventRecord,
  caseTrailEventModel,
  trailEventId,
} from './case-trail-record.ts';

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
  const Case = caseModel(connection);

  /**
   * The run's whole trail: this batch plus, after continue-as-new, the earlier runs' events,
   * read by primary key. (FerretDB answers only a plain `_id` filter from an index; a filter
   * on `workflowId` scans every case's trail, which made each closing case slower than the last.)
   */
  async function wholeTrail(workflowId: string, batch: CaseTrailEventRecord[]) {
    const first = Math.min(...batch.map((event) => event.sequence));
    const earlierIds = Array.from({ length: first - 1 }, (_, index) =>
      trailEventId(workflowId, index + 1),
    );
    const earlier = await Promise.all(earlierIds.map((id) => CaseTrailEvent.findById(id).lean()));
    return [...earlier.filter((event) => event !== null), ...batch].sort(
      (a, b) => a.sequence - b.sequence,
    );
  }

  /**
   * Completes the case's projection from the whole trail. Every field is recomputed from
   * the events, so a retry writes the same values.
   */
  async function closeCase(run: Omit<CaseTrailBatch, 'events'>, batch: CaseTrailEventRecord[]) {
    const trail = await wholeTrail(run.workflowId, batch);
    const closing = summariseClosedCase(trail);
    if (!closing) return;
    const started = trail.find((event) => event.type === 'run.started');
    await upsertRetryingOnce(() =>
      Case.updateOne(
        { _id: run.caseId },
        {
          $set: closing,
          // Runs started outside the API (tests, scripts) still get listed.
          $setOnInsert: {
            workflowId: run.workflowId,
            flowKey: run.flowKey,
            flowVersion: run.flowVersion,
            requestedBy: started?.actor ?? 'unknown',
            submittedAt: started?.at ?? closing.closedAt,
          },
        },
        { upsert: true },
      ),
    );
  }

  return {
    /** Keyed by workflow and sequence: saving the same batch again adds nothing. */
    async saveCaseTrail(batch: CaseTrailBatch): Promise<void> {
      if (batch.events.length === 0) return;
      const { events, ...run } = batch;
      const records: CaseTrailEventRecord[] = events.map((event) => ({
        ...run,
        ...event,
        _id: trailEventId(run.workflowId, event.sequence),
        at: new Date(event.at),
      }));
      await insertMissing(CaseTrailEvent, records);
      if (events.some((event) => endsRun(event.type))) await closeCase(run, records);
    },
  };
}

export type CaseTrailActivities = ReturnType<typeof createCaseTrailActivities>;
