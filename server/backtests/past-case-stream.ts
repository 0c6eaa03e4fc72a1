import type { Connection } from 'mongoose';
import {
  CaseRecordIndex,
  indexOfRecord,
  type PastCaseRecord,
  type PastTrailEvent,
  subflowCalls,
} from '#flow-language';
import { type CaseRecord, caseModel } from '../../worker/activities/engine/case-record.ts';
import {
  type CaseTrailEventRecord,
  caseTrailEventModel,
  trailEventId,
} from '../../worker/activities/engine/case-trail-record.ts';
import {
  caseContextOf,
  type PastCaseDocument,
  pastCaseCollection,
  pastTrailLine,
} from '../../worker/activities/engine/past-case-records.ts';
import type { AccessScope } from '../auth/identity.ts';
import { scopeCovers } from '../cases/case-scope.ts';

/** Trail lines of an older case read at once, each by `_id` (the lookup FerretDB indexes). */
const LINES_IN_FLIGHT = 16;

export interface PastCaseQuery {
  flowKey: string;
  from?: Date;
  to: Date;
  /** A scoped admin's brands, marketplaces and stores: cases outside them are not read. */
  scope?: AccessScope;
}

export interface StreamCounters {
  /** Documents read: past-case records, case projections and trail lines. */
  eventsRead: number;
}

/**
 * Every closed case of a flow in the range and scope, as the index a backtest walks. First
 * the compact records kept at close: one collection per flow, read whole with one cursor and
 * no filter (FerretDB v1 decodes every document for any filter but `_id`; a filter would not
 * save that, only move it). Then the flow's closed cases that have no record (closed before
 * records were kept): their trails, read line by line by `_id`, subflow runs included. Memory
 * holds the ids of the cases with a record (or without one), and one case at a time.
 */
export async function* pastCases(
  database: Connection,
  query: PastCaseQuery,
  counters: StreamCounters = { eventsRead: 0 },
): AsyncGenerator<CaseRecordIndex> {
  const recorded = new Set<string>();
  const records = pastCaseCollection(database, query.flowKey).find({}, { batchSize: 1_000 });
  for await (const document of records) {
    counters.eventsRead += 1;
    recorded.add(document._id);
    if (!wanted(document, query)) continue;
    yield indexOfRecord(JSON.parse(document.record) as PastCaseRecord);
  }
  // Ids first, trails after: on FerretDB's SQLite backend a read waits behind an open cursor.
  const older: string[] = [];
  // No filter either: a filter on FerretDB v1 decodes the whole collection anyway, and
  // measured far slower than the plain scan on 100,000 cases (see PERFORMANCE.md).
  const cases = caseModel(database).collection.find({}, { batchSize: 1_000 });
  for await (const projection of cases as AsyncIterable<CaseRecord>) {
    counters.eventsRead += 1;
    if (projection.flowKey !== query.flowKey || recorded.has(projection._id)) continue;
    if (projection.status !== 'completed' && projection.status !== 'failed') continue;
    if (wanted(projection, query)) older.push(projection._id);
  }
  recorded.clear();
  const projections = caseModel(database);
  for (const caseId of older) {
    const projection = await projections.findById(caseId).lean<CaseRecord>();
    if (projection?.inputJson) yield await fromTrail(database, projection, counters);
  }
}

function wanted(
  closed: Pick<PastCaseDocument, 'submittedAt' | 'brand' | 'marketplace' | 'store'>,
  query: PastCaseQuery,
): boolean {
  const submittedAt = closed.submittedAt.getTime();
  if ((query.from && submittedAt < query.from.getTime()) || submittedAt > query.to.getTime())
    return false;
  return scopeCovers(query.scope, closed);
}

/** A case closed before records were kept, indexed from its trail (its subflows' too). */
async function fromTrail(
  database: Connection,
  projection: CaseRecord,
  counters: StreamCounters,
): Promise<CaseRecordIndex> {
  const trail = await runTrail(database, projection.workflowId, counters);
  for (const call of subflowCalls(trail, projection.workflowId)) {
    trail.push(...(await runTrail(database, `${projection.workflowId}/${call}`, counters)));
  }
  return new CaseRecordIndex({
    caseId: projection._id,
    workflowId: projection.workflowId,
    flowVersion: projection.flowVersion,
    status: projection.status as 'completed' | 'failed',
    outcome: projection.outcome,
    caseInput: JSON.parse(projection.inputJson as string),
    caseContext: caseContextOf(projection),
    trail,
  });
}

/**
 * A run's trail lines by `_id` (sequence 1, 2, …) up to the first missing one: a resumed case's
 * trail goes on after its first end.
 */
async function runTrail(
  database: Connection,
  workflowId: string,
  counters: StreamCounters,
): Promise<PastTrailEvent[]> {
  const events = caseTrailEventModel(database);
  const trail: PastTrailEvent[] = [];
  for (let first = 1; ; first += LINES_IN_FLIGHT) {
    const ids = Array.from({ length: LINES_IN_FLIGHT }, (_, i) =>
      trailEventId(workflowId, first + i),
    );
    const lines = await Promise.all(
      ids.map((id) => events.findById(id).lean<CaseTrailEventRecord>()),
    );
    for (const line of lines) {
      if (!line) return trail;
      counters.eventsRead += 1;
      trail.push(pastTrailLine(line));
    }
  }
}
