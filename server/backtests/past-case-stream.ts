import { Readable } from 'node:stream';
import { type Connection, mongo } from 'mongoose';
import {
  CaseRecordIndex,
  indexOfRecord,
  type PastCaseRecord,
  type PastTrailEvent,
  subflowCalls,
} from '#flow-language';
import { readSavedTrail } from '#platform/case-trail/saved-trail';
import { type CaseRecord, caseModel } from '#platform/cases/case-record';
import {
  caseContextOf,
  keepPastCase,
  noteRecordsCoverFlow,
  type PastCaseDocument,
  pastCaseBucketCollection,
  pastCaseCollection,
  pastCaseCoverageCollection,
  pastCaseDocument,
  pastTrailLine,
} from '#platform/past-cases/past-case-records';
import type { AccessScope } from '../auth/identity.ts';
import { scopeCovers } from '../cases/case-scope.ts';
import { bucketEntries } from './past-case-buckets.ts';
import { RECORDS_PER_BUCKET } from './past-case-compaction.ts';

/**
 * Cases read ahead of the walk: five buckets, ~8 MB of indexed cases (~17 KB each). More
 * bought no speed once buckets were deflated, and 2,000 held ~34 MB (PERFORMANCE.md).
 */
const READ_AHEAD = 500;

/** The error a collection never written answers `$collStats` with. */
const NAMESPACE_NOT_FOUND = 26;

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
 * the compact records kept at close: per flow, the single records, then the buckets
 * compaction packed them into (past-case-compaction.ts), each collection read whole with one
 * cursor and no filter (FerretDB v1 decodes every document for any filter but `_id`; a filter
 * would not save that, only move it). A case is taken once by its id: after a compaction
 * crash, or two compactors at once, the same record can be both single and in a bucket, or in
 * two buckets. Singles before buckets: a compactor running meanwhile only moves records from
 * singles to buckets, so each is still read at least once. Then the flow's closed cases that
 * have no record (closed before records were kept): their trails, read line by line by `_id`,
 * subflow runs included. Memory holds the ids of the cases with a record (or without one), and
 * one bucket at a time.
 */
export async function* pastCases(
  database: Connection,
  query: PastCaseQuery,
  counters: StreamCounters = { eventsRead: 0 },
): AsyncGenerator<CaseRecordIndex> {
  const recorded = new Set<string>();
  const firstSeen = (caseId: string) => takeOnce(recorded, caseId);
  const singles = pastCaseCollection(database, query.flowKey).find({}, { batchSize: 1_000 });
  for await (const single of singles) {
    counters.eventsRead += 1;
    if (firstSeen(single._id) && wanted(single, query))
      yield indexOfRecord(JSON.parse(single.record) as PastCaseRecord);
  }
  const buckets = pastCaseBucketCollection(database, query.flowKey).find(
    {},
    { batchSize: Math.ceil(1_000 / RECORDS_PER_BUCKET) },
  );
  for await (const bucket of buckets) {
    counters.eventsRead += bucket.count;
    for (const entry of await bucketEntries(bucket)) {
      if (firstSeen(entry.record.caseId) && wanted(entry, query)) yield indexOfRecord(entry.record);
    }
  }
  yield* casesWithoutRecord(database, query, recorded, counters);
}

/**
 * The records `pastCases` will read for a flow, singles and bucketed, counted before it starts
 * so its progress can say how far it is. Cases without a record are not known until the scan.
 */
export async function recordsToRead(database: Connection, flowKey: string): Promise<number> {
  const [singles, buckets] = await Promise.all([
    storedDocuments(pastCaseCollection(database, flowKey)),
    storedDocuments(pastCaseBucketCollection(database, flowKey)),
  ]);
  return singles + buckets * RECORDS_PER_BUCKET;
}

/**
 * From the collection's statistics: FerretDB v1 answers a count, even `estimatedDocumentCount`,
 * by decoding every document. On 100,000 records it took ~1.4 s in buckets (~40 s as singles),
 * `$collStats` ~50 ms (~0.9 s). A collection never written has no statistics.
 */
async function storedDocuments<T extends mongo.Document>(
  collection: mongo.Collection<T>,
): Promise<number> {
  try {
    const [stats] = await collection
      .aggregate<{ count: number }>([{ $collStats: { count: {} } }])
      .toArray();
    return stats?.count ?? 0;
  } catch (error) {
    if (error instanceof mongo.MongoServerError && error.code === NAMESPACE_NOT_FOUND) return 0;
    throw error;
  }
}

/**
 * The cases read ahead of the walk: the next batch is fetched (and decoded by the database,
 * in its own process) while this one is walked, and reading pauses while `cases` are waiting,
 * so memory stays flat however many cases there are.
 */
export function readAhead<T>(source: AsyncIterable<T>, cases = READ_AHEAD): AsyncIterable<T> {
  return Readable.from(source, { highWaterMark: cases });
}

/**
 * Closed cases of the flow with no record, from their trails, each then given its record (a
 * unique insert: the same record its close would have written), so the next backtest reads
 * it as a record. A scan that finds none notes that the flow's records cover every closed
 * case, and later backtests skip it. `recorded` is emptied.
 */
async function* casesWithoutRecord(
  database: Connection,
  query: PastCaseQuery,
  recorded: Set<string>,
  counters: StreamCounters,
): AsyncGenerator<CaseRecordIndex> {
  if (await pastCaseCoverageCollection(database).findOne({ _id: query.flowKey })) return;
  // Ids first, trails after: on FerretDB's SQLite backend a read waits behind an open cursor.
  const older: string[] = [];
  let missing = 0;
  // No filter either: a filter on FerretDB v1 decodes the whole collection anyway, and
  // measured far slower than the plain scan on 100,000 cases (see PERFORMANCE.md).
  const cases = caseModel(database).collection.find({}, { batchSize: 1_000 });
  for await (const projection of cases as AsyncIterable<CaseRecord>) {
    counters.eventsRead += 1;
    if (projection.flowKey !== query.flowKey || recorded.has(projection._id)) continue;
    // Runs started outside the API (tests, scripts) have no input to walk again, nor a record.
    if (!projection.inputJson) continue;
    if (projection.status !== 'completed' && projection.status !== 'failed') continue;
    missing += 1;
    if (wanted(projection, query)) older.push(projection._id);
  }
  recorded.clear();
  if (missing === 0) await noteRecordsCoverFlow(database, query.flowKey);
  const projections = caseModel(database);
  for (const caseId of older) {
    const projection = await projections.findById(caseId).lean<CaseRecord>();
    if (!projection?.inputJson) continue;
    const index = await fromTrail(database, projection, counters);
    await keepPastCase(database, query.flowKey, pastCaseDocument(index, projection));
    yield index;
  }
}

/** True the first time a case id is seen. */
function takeOnce(seen: Set<string>, caseId: string): boolean {
  if (seen.has(caseId)) return false;
  seen.add(caseId);
  return true;
}

function wanted(
  closed: Pick<PastCaseDocument, 'brand' | 'marketplace' | 'store'> & {
    submittedAt: Date | string;
  },
  query: PastCaseQuery,
): boolean {
  const submittedAt = new Date(closed.submittedAt).getTime();
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

/** A run's saved trail: a resumed case's trail goes on after its first end. */
async function runTrail(
  database: Connection,
  workflowId: string,
  counters: StreamCounters,
): Promise<PastTrailEvent[]> {
  const lines = await readSavedTrail(database, workflowId);
  counters.eventsRead += lines.length;
  return lines.map(pastTrailLine);
}
