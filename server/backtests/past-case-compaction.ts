import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { PastCaseRecord } from '#flow-language';
import { insertMissing } from '#platform/database';
import {
  type PastCaseBucketDocument,
  type PastCaseBucketEntry,
  type PastCaseDocument,
  pastCaseBucketCollection,
  pastCaseCollection,
} from '#platform/past-cases/past-case-records';
import { packedRecords } from './past-case-buckets.ts';

/**
 * Records per bucket: ~800 KB of refund records, ~40 KB deflated. Larger buckets read no
 * cheaper from FerretDB v1 and take longer to inflate and parse (PERFORMANCE.md).
 */
export const RECORDS_PER_BUCKET = 100;
/**
 * Buckets written per round (~40 MB of refund singles held, ~8 KB each): each round deletes its
 * singles at once, and a delete costs a pass over the singles left (which the schedule keeps few).
 */
const BUCKETS_PER_ROUND = 50;

export interface Compaction {
  buckets: number;
  records: number;
}

/**
 * Packs a flow's single past-case records into buckets: each bucket is inserted under an `_id`
 * derived from the case ids it holds, and only then are its singles deleted by `_id`. Only
 * unique inserts and deletes of documents that never change, so a crash or a second compactor
 * at the same time cannot lose a record: a crash after the insert leaves a case in a bucket and
 * as a single, two compactors that grouped the same singles insert the same bucket once, and
 * two that grouped them differently leave one case in two buckets. Each is the same record,
 * which the reader takes once per case id (past-case-stream.ts). Fewer than a bucket's worth
 * stay single until more cases close.
 */
export async function compactPastCases(
  database: Connection,
  flowKey: string,
  recordsPerBucket = RECORDS_PER_BUCKET,
): Promise<Compaction> {
  const singles = pastCaseCollection(database, flowKey);
  const buckets = pastCaseBucketCollection(database, flowKey);
  const compacted: Compaction = { buckets: 0, records: 0 };
  const perRound = recordsPerBucket * BUCKETS_PER_ROUND;
  for (;;) {
    // Read whole before writing: on FerretDB's SQLite backend a write waits behind an open cursor.
    const round = await singles.find({}, { limit: perRound, batchSize: perRound }).toArray();
    round.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    const packed = round.slice(0, round.length - (round.length % recordsPerBucket));
    for (let first = 0; first < packed.length; first += recordsPerBucket) {
      // Another compactor may have packed the same singles first: the same bucket, already there.
      await insertMissing(buckets, [bucketOf(packed.slice(first, first + recordsPerBucket))]);
    }
    // One delete command for the round instead of one per record packed.
    if (packed.length > 0) await singles.deleteMany({ _id: { $in: packed.map(({ _id }) => _id) } });
    compacted.buckets += packed.length / recordsPerBucket;
    compacted.records += packed.length;
    if (round.length < perRound) return compacted;
  }
}

/** The bucket of these singles: the same singles always make the same bucket, `_id` included. */
export function bucketOf(singles: readonly PastCaseDocument[]): PastCaseBucketDocument {
  const ids = singles.map(({ _id }) => _id).sort();
  const entries = singles.map(
    (single): PastCaseBucketEntry => ({
      submittedAt: single.submittedAt.toISOString(),
      ...(single.brand && { brand: single.brand }),
      ...(single.marketplace && { marketplace: single.marketplace }),
      ...(single.store && { store: single.store }),
      record: JSON.parse(single.record) as PastCaseRecord,
    }),
  );
  return {
    _id: createHash('sha256').update(ids.join('\n')).digest('hex'),
    count: entries.length,
    deflated: packedRecords(entries),
  };
}
