import type { Connection, mongo } from 'mongoose';
import { type CaseTrailRecord, caseTrailCollection } from '#platform/case-trail/case-trail-record';
import { linesOfSavedTrail, type SavedTrailLine } from '#platform/case-trail/saved-trail';

/** Saved trail lines of the runs `filter` selects (by workflowId, caseId, …), in order. */
export async function savedTrailLines(
  database: Connection,
  filter: mongo.Filter<CaseTrailRecord> = {},
): Promise<SavedTrailLine[]> {
  return linesOfSavedTrail(await caseTrailCollection(database).find(filter).toArray());
}

/**
 * Tampers with a saved run as someone with database access could: rewrites the lines of the
 * batch holding `sequence` (their hashes only as `edit` recomputes them).
 */
export async function rewriteSavedBatch(
  database: Connection,
  workflowId: string,
  sequence: number,
  edit: (lines: SavedTrailLine[]) => SavedTrailLine[],
): Promise<void> {
  const trail = caseTrailCollection(database);
  const [batch] = await trail
    .find({
      workflowId,
      firstSequence: { $lte: sequence },
      lastSequence: { $gte: sequence },
    } as mongo.Filter<CaseTrailRecord>)
    .toArray();
  if (!batch || !('lines' in batch)) throw new Error(`no saved batch holds ${sequence}`);
  const events = edit(linesOfSavedTrail([batch])).map(
    ({ workflowId: _w, runId: _r, caseId: _c, flowKey: _k, flowVersion: _v, ...event }) => event,
  );
  await trail.updateOne({ _id: batch._id }, { $set: { lines: JSON.stringify(events) } });
}
