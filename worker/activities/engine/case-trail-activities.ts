import type { Connection } from 'mongoose';
import { chainTrail, trailGenesis } from '#flow-language';
import { insertMissing } from '#platform/database';
import { endsRun, summariseClosedCase } from './case-closing.ts';
import { caseModel, upsertRetryingOnce } from './case-record.ts';
import {
  type CaseTrailEventRecord,
  type CaseTrailHeadRecord,
  caseTrailEventModel,
  caseTrailHeadModel,
  trailEventId,
} from './case-trail-record.ts';
import { keepClosedRun } from './past-case-records.ts';

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
  const CaseTrailHead = caseTrailHeadModel(connection);
  const Case = caseModel(connection);
  const trailEvents = connection.collection<CaseTrailEventRecord>(
    CaseTrailEvent.collection.collectionName,
  );
  const trailHeads = connection.collection<CaseTrailHeadRecord>(
    CaseTrailHead.collection.collectionName,
  );

  /**
   * The hash this batch chains onto: the genesis for a case's first run, else the hash of the
   * event before the batch, which the run before (continue-as-new) saved on its way out. Events
   * saved before the chain existed have no hash; the chain is then computed over them.
   */
  async function chainStart(workflowId: string, first: number): Promise<string> {
    const genesis = trailGenesis(workflowId);
    if (first <= 1) return genesis;
    const previous = await CaseTrailEvent.findById(trailEventId(workflowId, first - 1)).lean();
    if (previous?.hash) return previous.hash;
    const earlier = await eventsBefore(workflowId, first);
    const content = earlier.map((event) => ({ ...event, at: event.at.toISOString() }));
    return chainTrail(content, genesis).at(-1)?.hash ?? genesis;
  }

  /**
   * The run's whole trail: this batch plus, after continue-as-new, the earlier runs' events,
   * read by primary key. (FerretDB runs only a plain `_id` filter without decoding every
   * document; a `workflowId` filter decoded every case's trail, which made each closing case
   * slower than the last.)
   */
  async function wholeTrail(workflowId: string, batch: CaseTrailEventRecord[]) {
    const first = Math.min(...batch.map((event) => event.sequence));
    const earlier = await eventsBefore(workflowId, first);
    return [...earlier, ...batch].sort((a, b) => a.sequence - b.sequence);
  }

  async function eventsBefore(workflowId: string, first: number) {
    const earlierIds = Array.from({ length: first - 1 }, (_, index) =>
      trailEventId(workflowId, index + 1),
    );
    const earlier = await Promise.all(earlierIds.map((id) => CaseTrailEvent.findById(id).lean()));
    return earlier.filter((event) => event !== null);
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
    // The run's own end, not the projection's: a subflow's close writes the same case too.
    const submission = run.workflowId.includes('/') ? null : await Case.findById(run.caseId).lean();
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
      const chained = chainTrail(events, await chainStart(run.workflowId, first));
      const records: CaseTrailEventRecord[] = chained.map((event) => ({
        ...run,
        ...event,
        _id: trailEventId(run.workflowId, event.sequence),
        at: new Date(event.at),
      }));
      await insertMissing(trailEvents, records);
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
      if (events.some((event) => endsRun(event.type))) await closeCase(run, records);
    },
  };
}

export type CaseTrailActivities = ReturnType<typeof createCaseTrailActivities>;
