import type { Connection } from 'mongoose';
import type { ChainedTrailEvent, TrailEventContent } from '#flow-language';
import {
  type CaseTrailBatchRecord,
  type CaseTrailRecord,
  type CaseTrailRun,
  caseTrailCollection,
  trailRecordId,
} from './case-trail-record.ts';

/** One saved line of a run's trail, whichever shape it was saved in. */
export interface SavedTrailLine extends TrailEventContent, CaseTrailRun {
  /** Absent on events saved before the trail was hash-chained. */
  previousHash?: string;
  hash?: string;
}

/** Single events (the shape before batches) read at once once a trail turns out to hold them. */
const SINGLES_IN_FLIGHT = 16;

/**
 * The saved trail of a workflow (every run of a continue-as-new chain) in sequence order, up to
 * `beforeSequence` or the first sequence nothing holds. Read by `_id`, the one filter FerretDB
 * answers from an index: a batch says where the next one starts, a single event is followed by
 * the next sequence.
 */
export async function readSavedTrail(
  connection: Connection,
  workflowId: string,
  { beforeSequence = Number.POSITIVE_INFINITY } = {},
): Promise<SavedTrailLine[]> {
  const trail = caseTrailCollection(connection);
  const lines: SavedTrailLine[] = [];
  let next = 1;
  let inFlight = 1;
  reading: while (next < beforeSequence) {
    const sequences = Array.from(
      { length: Math.min(inFlight, beforeSequence - next) },
      (_, index) => next + index,
    );
    const records = await Promise.all(
      sequences.map((sequence) => trail.findOne({ _id: trailRecordId(workflowId, sequence) })),
    );
    for (const record of records) {
      if (!record) break reading;
      const read = linesOf(record);
      lines.push(...read.filter((line) => line.sequence < beforeSequence));
      next = (read.at(-1)?.sequence ?? next) + 1;
      if (isBatch(record)) {
        // The rest of this read fell inside the batch: read on from where it ends.
        inFlight = 1;
        continue reading;
      }
      inFlight = SINGLES_IN_FLIGHT;
    }
  }
  return lines;
}

/** The lines of saved trail documents of either shape, in workflow and sequence order. */
export function linesOfSavedTrail(records: readonly CaseTrailRecord[]): SavedTrailLine[] {
  return records
    .flatMap(linesOf)
    .sort((a, b) =>
      a.workflowId === b.workflowId
        ? a.sequence - b.sequence
        : a.workflowId < b.workflowId
          ? -1
          : 1,
    );
}

function linesOf(record: CaseTrailRecord): SavedTrailLine[] {
  if (isBatch(record)) {
    const run = runOf(record);
    return (JSON.parse(record.lines) as ChainedTrailEvent[]).map((event) => ({
      ...run,
      ...event,
    }));
  }
  const { _id, at, ...event } = record;
  return [{ ...event, at: at.toISOString() }];
}

function isBatch(record: CaseTrailRecord): record is CaseTrailBatchRecord {
  return 'lines' in record;
}

function runOf({ workflowId, runId, caseId, flowKey, flowVersion }: CaseTrailRun): CaseTrailRun {
  return { workflowId, runId, caseId, flowKey, flowVersion };
}
