import type { Connection } from 'mongoose';
import { chainTrail, trailGenesis } from '#flow-language';
import {
  caseTrailCollection,
  caseTrailHeadCollection,
  trailBatchRecord,
} from '#platform/case-trail/case-trail-record';
import { readSavedTrail, type SavedTrailLine } from '#platform/case-trail/saved-trail';
import { caseModel, upsertRetryingOnce } from '#platform/cases/case-record';
import { insertMissing } from '#platform/database';
import { keepClosedRun } from '#platform/past-cases/past-case-records';
import { endsRun, summariseClosedCase } from './case-closing.ts';

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
  const Case = caseModel(connection);
  const trail = caseTrailCollection(connection);
  const trailHeads = caseTrailHeadCollection(connection);

  /**
   * The hash this batch chains onto: the genesis for a case's first run, else the hash of the
   * event before the batch, which the run before (continue-as-new) saved on its way out. Events
   * saved before the chain existed have no hash; the chain is then computed over them.
   */
  function chainStart(workflowId: string, earlier: readonly SavedTrailLine[]): string {
    const genesis = trailGenesis(workflowId);
    const previous = earlier.at(-1);
    if (!previous) return genesis;
    if (previous.hash) return previous.hash;
    return chainTrail(earlier, genesis).at(-1)?.hash ?? genesis;
  }

  /**
   * Completes the case's projection from the whole trail. Every field is recomputed from
   * the events, so a retry writes the same values. The update is filtered by `_id` alone, with
   * no state to check: it guards nothing (refunds and decisions are guarded by unique inserts
   * elsewhere), so FerretDB v1's non-atomic update is safe here. Its other writers: the API's
   * submission, which writes the same values where both set a field and `status` only on
   * insert (a racing first insert is retried once), and a subflow's close, which finishes
   * before its parent goes on and so before this one.
   */
  async function closeCase(run: Omit<CaseTrailBatch, 'events'>, trail: readonly SavedTrailLine[]) {
    const closing = summariseClosedCase(trail);
    if (!closing) return;
    const started = trail.find((event) => event.type === 'run.started');
    const closed = await upsertRetryingOnce(() =>
      Case.findOneAndUpdate(
        { _id: run.caseId },
        {
          $set: closing,
          // Runs started outside the API (tests, scripts) still get listed.
          $setOnInsert: {
            workflowId: run.workflowId,
            flowKey: run.flowKey,
            flowVersion: run.flowVersion,
            requestedBy: started?.actor ?? 'unknown',
            submittedAt: started ? new Date(started.at) : closing.closedAt,
          },
        },
        { upsert: true, returnDocument: 'after', lean: true },
      ),
    );
    // The run's own end, not the projection's: a subflow's close writes the same case too.
    const submission = run.workflowId.includes('/') ? null : closed;
    await keepClosedRun(
      connection,
      run,
      trail,
      submission && { ...submission, outcome: undefined, ...closing },
    );
  }

  return {
    /**
     * Keyed by workflow and sequence: saving the same batch again adds nothing, and the hashes
     * it would chain are the same, since they depend only on the events.
     */
    async saveCaseTrail(batch: CaseTrailBatch): Promise<void> {
      if (batch.events.length === 0) return;
      const { events, ...run } = batch;
      const first = Math.min(...events.map((event) => event.sequence));
      // Runs before this one (continue-as-new) saved theirs on the way out.
      const earlier =
        first > 1
          ? await readSavedTrail(connection, run.workflowId, { beforeSequence: first })
          : [];
      const chained = chainTrail(events, chainStart(run.workflowId, earlier));
      await insertMissing(trail, [trailBatchRecord(run, chained)]);
      const head = chained.at(-1);
      if (head) {
        await insertMissing(trailHeads, [
          {
            _id: run.runId,
            workflowId: run.workflowId,
            caseId: run.caseId,
            sequence: head.sequence,
            hash: head.hash,
          },
        ]);
      }
      if (events.some((event) => endsRun(event.type))) {
        await closeCase(run, [...earlier, ...chained.map((event) => ({ ...run, ...event }))]);
      }
    },
  };
}

export type CaseTrailActivities = ReturnType<typeof createCaseTrailActivities>;
