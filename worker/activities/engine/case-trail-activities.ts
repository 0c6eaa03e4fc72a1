import type { Connection } from 'mongoose';
import { endsRun, summariseClosedCase } from './case-closing.ts';
import { caseModel, upsertRetryingOnce } from './case-record.ts';
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
  const Case = caseModel(connection);

  /**
   * Completes the case's projection from the whole saved trail (earlier continue-as-new batches
   * included). Every field is recomputed from stored events, so a retry writes the same values.
   */
  async function closeCase(run: Omit<CaseTrailBatch, 'events'>): Promise<void> {
    const trail = await CaseTrailEvent.find({ workflowId: run.workflowId })
      .sort({ sequence: 1 })
      .lean();
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
      if (events.some((event) => endsRun(event.type))) await closeCase(run);
    },
  };
}

export type CaseTrailActivities = ReturnType<typeof createCaseTrailActivities>;
