import { promisify } from 'node:util';
import { deflateSync, inflate } from 'node:zlib';
import { mongo } from 'mongoose';
import type {
  PastCaseBucketDocument,
  PastCaseBucketEntry,
} from '#platform/past-cases/past-case-records';

const inflated = promisify(inflate);

/**
 * A bucket's records as it is stored: their JSON, deflated. FerretDB v1's read cost follows a
 * document's size (it turns every stored document into BSON on each read), and a bucket of
 * refund records deflates about 20×: reading one costs FerretDB a twentieth as much
 * (PERFORMANCE.md). Deflated once, when the bucket is made; inflated by each backtest.
 */
export function packedRecords(entries: readonly PastCaseBucketEntry[]): mongo.Binary {
  return new mongo.Binary(deflateSync(JSON.stringify(entries)));
}

/**
 * The records a bucket holds, in either format: deflated, or (buckets packed before) their
 * JSON text. Inflated on zlib's thread pool, beside the walk.
 */
export async function bucketEntries(
  bucket: PastCaseBucketDocument,
): Promise<PastCaseBucketEntry[]> {
  const json = bucket.deflated
    ? (await inflated(bucket.deflated.buffer)).toString('utf8')
    : bucket.records;
  if (json === undefined) throw new Error(`past-case bucket ${bucket._id} holds no records`);
  return JSON.parse(json) as PastCaseBucketEntry[];
}
