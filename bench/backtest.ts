/**
 * Backtests: (1) the walk with backtest effects over past cases of the shipped refund policy,
 * records in memory, one core, against the test-run simulator it replaced (the baseline, same
 * run, same cases); (2) an end-to-end backtest over stored past cases on the embedded FerretDB,
 * streamed, with its memory sampled and the cost of reading the records measured apart.
 * Run: npm run bench:backtest -- --stored-cases=100000 --trail-cases=200 --memory-cases=20000
 * (flags, or BENCH_BACKTEST_STORED_CASES / _TRAIL_CASES / _MEMORY_CASES; --skip-stored;
 * --seed-compacted seeds the records in buckets, as compaction leaves them; --skip-read-probes
 * skips the filtered read probes; --format-probe-records=N times N records read back as JSON-text
 * and as deflated buckets; --live-heap samples the heap after a full collection too).
 * Stored cases are seeded straight into the database as a closing case leaves them: the cases
 * projection and the compact past-case record; `--trail-cases` more are seeded the way cases
 * closed before records were kept (projection and trail lines only), read by the fallback.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Connection } from 'mongoose';
import {
  CaseRecordIndex,
  type FlowDefinition,
  indexOfRecord,
  type PastCase,
  pastCaseRecord,
} from '#flow-language';
import {
  type CaseTrailEventRecord,
  caseTrailCollection,
  trailRecordId,
} from '#platform/case-trail/case-trail-record';
import { caseModel } from '#platform/cases/case-record';
import { connectDatabase } from '#platform/database';
import {
  type PastCaseBucketDocument,
  type PastCaseDocument,
  pastCaseBucketCollection,
  pastCaseCollection,
} from '#platform/past-cases/past-case-records';
import { shippedPolicyDocument } from '../policies/shipped-policies.ts';
import { startFerretDb } from '../scripts/embedded/ferretdb-server.ts';
import { findFreePort } from '../scripts/embedded/managed-process.ts';
import { ferretDbPath } from '../scripts/embedded/tool-cache.ts';
import { FlowBacktests } from '../server/backtests/flow-backtests.ts';
import { bucketEntries } from '../server/backtests/past-case-buckets.ts';
import { bucketOf, RECORDS_PER_BUCKET } from '../server/backtests/past-case-compaction.ts';
import { FlowVersions } from '../server/flows/flow-versions.ts';
import { activityCatalog } from '../worker/activities/catalog.ts';
import { inMemoryBacktest, median } from './support/in-memory-backtest.ts';
import { writeResults } from './support/measurements.ts';
import { refundMarketplace, refundPastCase } from './support/refund-past-cases.ts';

function option(name: string, fallback: number): number {
  const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  const env = process.env[`BENCH_BACKTEST_${name.replace(/-/g, '_').toUpperCase()}`];
  return Number(flag?.split('=')[1] ?? env ?? fallback);
}

const IN_MEMORY_CASES = option('memory-cases', 20_000);
const STORED_CASES = option('stored-cases', 100_000);
const TRAIL_CASES = option('trail-cases', 200);
const SKIP_STORED =
  process.argv.includes('--skip-stored') || !!process.env.BENCH_BACKTEST_SKIP_STORED;
/** Records seeded straight into buckets, as a compaction leaves them (steady state). */
const SEED_COMPACTED = process.argv.includes('--seed-compacted');
/** Also samples the live heap (a full collection every 2 s, which slows the backtest a little). */
const LIVE_HEAP = process.argv.includes('--live-heap');
/** Records read back in each bucket format (JSON text, deflated) after the backtests. */
const FORMAT_PROBE_RECORDS = option('format-probe-records', 20_000);
const SEED_BATCH = 500;

/** The documents a closed case leaves: its cases projection, its trail lines, its record. */
function storedCase(pastCase: PastCase, submittedAt: Date) {
  // One document per line, as trails were saved before past-case records were kept.
  const events = pastCase.trail.map(
    (event): CaseTrailEventRecord => ({
      _id: trailRecordId(event.workflowId, event.sequence),
      workflowId: event.workflowId,
      runId: `run-${pastCase.caseId}`,
      caseId: pastCase.caseId,
      flowKey: 'marketplace-refund',
      flowVersion: 1,
      sequence: event.sequence,
      // The recorded clock: task SLAs are read from an opening's time and its due time.
      at: new Date(event.at ?? submittedAt),
      type: event.type,
      ...(event.nodeId !== undefined && { nodeId: event.nodeId }),
      ...(event.actor !== undefined && { actor: event.actor }),
      ...(event.details !== undefined && { details: event.details }),
    }),
  );
  const projection = {
    _id: pastCase.caseId,
    workflowId: pastCase.workflowId,
    flowKey: 'marketplace-refund',
    flowVersion: 1,
    requestedBy: 'agent-1',
    marketplace: String(pastCase.caseContext.marketplace),
    inputJson: JSON.stringify(pastCase.caseInput),
    submittedAt,
    status: pastCase.status,
    ...(pastCase.outcome && { outcome: pastCase.outcome }),
  };
  const record = {
    _id: pastCase.caseId,
    workflowId: pastCase.workflowId,
    flowVersion: 1,
    status: pastCase.status,
    submittedAt,
    marketplace: String(pastCase.caseContext.marketplace),
    record: JSON.stringify(pastCaseRecord(new CaseRecordIndex(pastCase))),
  };
  return { events, projection, record };
}

/**
 * `withRecords` cases as they close today (projection + record), then `trailOnly` cases as
 * they closed before records were kept (projection + trail lines). Case ids are unique.
 */
async function seed(
  database: Connection,
  v1: FlowDefinition,
  withRecords: number,
  trailOnly: number,
): Promise<{ seconds: number; trailLines: number }> {
  const started = Date.now();
  const events = caseTrailCollection(database);
  const cases = caseModel(database).collection;
  const records = pastCaseCollection(database, 'marketplace-refund');
  const buckets = pastCaseBucketCollection(database, 'marketplace-refund');
  let trailLines = 0;
  const total = withRecords + trailOnly;
  for (let from = 0; from < total; from += SEED_BATCH) {
    const batch = [];
    for (let i = from; i < Math.min(total, from + SEED_BATCH); i += 1) {
      const pastCase = await refundPastCase(v1, i);
      // Case context as a closing case records it: startedAt is the submission time.
      pastCase.caseContext = {
        id: pastCase.caseId,
        requestedBy: 'agent-1',
        startedAt: new Date(0).toISOString(),
        marketplace: refundMarketplace(i),
      };
      batch.push({ ...storedCase(pastCase, new Date(0)), trailOnly: i >= withRecords });
    }
    await cases.insertMany(batch.map((entry) => entry.projection) as never[], { ordered: false });
    const kept = batch.filter((entry) => !entry.trailOnly).map((entry) => entry.record);
    if (kept.length > 0 && SEED_COMPACTED) await buckets.insertMany(bucketsOf(kept));
    else if (kept.length > 0) await records.insertMany(kept, { ordered: false });
    const lines = batch.filter((entry) => entry.trailOnly).flatMap((entry) => entry.events);
    if (lines.length > 0) await events.insertMany(lines, { ordered: false });
    trailLines += lines.length;
    if ((from / SEED_BATCH) % 20 === 0) console.log(`seeded ${from + batch.length} cases`);
  }
  return { seconds: (Date.now() - started) / 1_000, trailLines };
}

function bucketsOf(records: PastCaseDocument[]) {
  const packed = [];
  for (let first = 0; first < records.length; first += RECORDS_PER_BUCKET)
    packed.push(bucketOf(records.slice(first, first + RECORDS_PER_BUCKET)));
  return packed;
}

/** What reading alone costs: `read` documents, and seconds. */
async function timedRead(documents: AsyncIterable<unknown>) {
  const started = Date.now();
  let read = 0;
  for await (const _ of documents) read += 1;
  const seconds = (Date.now() - started) / 1_000;
  return { documents: read, seconds, microsecondsPerDocument: (seconds * 1e6) / Math.max(1, read) };
}

/** What reading the packed records alone costs, per record. */
async function timedBuckets(database: Connection) {
  const started = Date.now();
  let records = 0;
  const buckets = pastCaseBucketCollection(database, 'marketplace-refund').find({});
  for await (const bucket of buckets) records += bucket.count;
  const seconds = (Date.now() - started) / 1_000;
  return {
    documents: records,
    seconds,
    microsecondsPerDocument: (seconds * 1e6) / Math.max(1, records),
  };
}

/**
 * What reading a bucket costs in each format, the same records in the same run: JSON text (as
 * compaction packed them before) against deflated, fetched alone and fetched and decoded,
 * alternating the formats round by round (the machine is shared: compare the ratios).
 */
async function bucketFormats(database: Connection) {
  const packed = await pastCaseBucketCollection(database, 'marketplace-refund')
    .find({}, { limit: Math.ceil(FORMAT_PROBE_RECORDS / RECORDS_PER_BUCKET) })
    .toArray();
  const formats = {
    text: pastCaseBucketCollection(database, 'bench-probe-text'),
    deflated: pastCaseBucketCollection(database, 'bench-probe-deflated'),
  };
  for (const bucket of packed) {
    const records = JSON.stringify(await bucketEntries(bucket));
    await formats.text.insertOne({ _id: bucket._id, count: bucket.count, records });
    await formats.deflated.insertOne(bucket);
  }
  const rounds = () => ({ fetch: [] as number[], decode: [] as number[] });
  const timings = { text: rounds(), deflated: rounds() };
  for (let round = 0; round < 3; round += 1) {
    for (const name of ['text', 'deflated'] as const) {
      timings[name].fetch.push(await microsecondsPerRecord(formats[name], false));
      timings[name].decode.push(await microsecondsPerRecord(formats[name], true));
    }
  }
  const records = packed.reduce((sum, { count }) => sum + count, 0);
  // The median of three passes: a single pass ranged from 72 to 146 µs a record between runs of
  // the same code (PERFORMANCE.md, fifth pass).
  const decodingCpu: number[] = [];
  for (let pass = 0; pass < 3; pass += 1) {
    const decodeCpu = process.cpuUsage();
    for (const bucket of packed)
      for (const entry of await bucketEntries(bucket)) indexOfRecord(entry.record);
    const decoded = process.cpuUsage(decodeCpu);
    decodingCpu.push((decoded.user + decoded.system) / Math.max(1, records));
  }
  await formats.text.drop();
  await formats.deflated.drop();
  const text = { fetch: median(timings.text.fetch), decode: median(timings.text.decode) };
  const deflated = {
    fetch: median(timings.deflated.fetch),
    decode: median(timings.deflated.decode),
  };
  return {
    records,
    bytesPerBucket: {
      text: Math.round(median(packed.map((bucket) => bucketJsonBytes(bucket)))),
      deflated: Math.round(median(packed.map((bucket) => bucket.deflated?.buffer.length ?? 0))),
    },
    microsecondsPerRecord: { text, deflated },
    // Inflating, parsing and indexing alone, buckets in memory: what the backtest's thread pays.
    cpuMicrosecondsPerRecordDecodingDeflated: median(decodingCpu),
    ratioTextToDeflated: {
      fetch: text.fetch / deflated.fetch,
      decode: text.decode / deflated.decode,
    },
  };
}

function bucketJsonBytes(bucket: PastCaseBucketDocument): number {
  return bucket.deflated ? inflateSync(bucket.deflated.buffer).length : 0;
}

/** One read of every bucket: fetched only, or fetched and decoded as the backtest does. */
async function microsecondsPerRecord(
  buckets: ReturnType<typeof pastCaseBucketCollection>,
  decode: boolean,
): Promise<number> {
  const started = process.hrtime.bigint();
  let records = 0;
  for await (const bucket of buckets.find({}, { batchSize: 10 }))
    records += decode ? (await bucketEntries(bucket)).length : bucket.count;
  return Number(process.hrtime.bigint() - started) / 1_000 / Math.max(1, records);
}

/** One backtest of the draft over every stored case: its time, progress, result and memory. */
async function timedBacktest(backtests: FlowBacktests) {
  global.gc?.();
  const heap: number[] = [];
  const rss: number[] = [];
  const live: number[] = [];
  const sampler = setInterval(() => {
    heap.push(process.memoryUsage().heapUsed);
    rss.push(process.memoryUsage().rss);
  }, 500);
  // What stays reachable, without the garbage a collection has not reclaimed yet.
  const liveSampler = setInterval(() => {
    if (!LIVE_HEAP || !global.gc) return;
    global.gc();
    live.push(process.memoryUsage().heapUsed);
  }, 2_000);
  const started = Date.now();
  const cpuAtStart = process.cpuUsage();
  const record = await backtests.start('marketplace-refund', { range: 'all' }, 'bench');
  const progress: number[] = [];
  const watcher = setInterval(async () => {
    const { processed } = (await backtests.get('marketplace-refund', record._id)).progress;
    progress.push(processed);
    console.log(`${Math.round((Date.now() - started) / 1_000)} s: ${processed} cases`);
  }, 2_000);
  await backtests.settled();
  const seconds = (Date.now() - started) / 1_000;
  const cpu = process.cpuUsage(cpuAtStart);
  clearInterval(sampler);
  clearInterval(liveSampler);
  clearInterval(watcher);
  const done = await backtests.get('marketplace-refund', record._id);
  const total = (done.result as { summary: { total: Record<string, unknown> } } | undefined)
    ?.summary.total;
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  const tenth = Math.max(1, Math.floor(heap.length / 10));
  return {
    status: done.status,
    error: done.error,
    seconds,
    // The process's own CPU time (the database runs in its own): a guide when the load is high.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    casesPerSecond: (STORED_CASES + TRAIL_CASES) / seconds,
    fromTrail: (done.result as { fromTrail?: number } | undefined)?.fromTrail,
    progressSamples: progress,
    summary: total,
    memory: {
      heapMbFirstTenth: mb(median(heap.slice(0, tenth))),
      heapMbLastTenth: mb(median(heap.slice(-tenth))),
      heapMbMax: mb(Math.max(...heap)),
      rssMbMax: mb(Math.max(...rss)),
      ...(live.length > 0 && { liveHeapMbSamples: live.map(mb) }),
    },
  };
}

async function endToEnd() {
  const loadAtStart = loadavg();
  const dataDir = await mkdtemp(join(tmpdir(), 'acorn-bench-backtest-'));
  const server = await startFerretDb({
    binaryPath: ferretDbPath(),
    port: await findFreePort(),
    dataDir,
    logDir: dataDir,
  });
  const database = await connectDatabase(`${server.uri}/bench-backtest`);
  try {
    const flows = new FlowVersions(database, activityCatalog);
    await flows.saveDraft(shippedPolicyDocument('marketplace-refund'), 'bench');
    await flows.publish('marketplace-refund', 'bench');
    const v1 = (await flows.get('marketplace-refund', 1)).definition;
    const seeded = await seed(database, v1, STORED_CASES, TRAIL_CASES);
    const reading: Record<string, Awaited<ReturnType<typeof timedRead>>> = {
      singleRecordsNoFilter: await timedRead(
        pastCaseCollection(database, 'marketplace-refund').find({}, { batchSize: 1_000 }),
      ),
      ...(!process.argv.includes('--skip-read-probes') && {
        singleRecordsByDateFilter: await timedRead(
          pastCaseCollection(database, 'marketplace-refund').find(
            { submittedAt: { $gte: new Date(0) } },
            { batchSize: 1_000 },
          ),
        ),
        projectionsOfFlow: await timedRead(
          caseModel(database).find({ flowKey: 'marketplace-refund' }).lean().cursor(),
        ),
      }),
    };
    console.log('read probes', reading);

    const draft = structuredClone(shippedPolicyDocument('marketplace-refund')) as {
      nodes: { id: string; cases?: { id: string; when: unknown }[] }[];
    };
    const highValue = draft.nodes
      .find((node) => node.id === 'policy')
      ?.cases?.find((c) => c.id === 'highValue');
    if (highValue) highValue.when = { '>=': [{ var: 'refundTotalCents' }, 15_000] };
    await flows.saveDraft(draft, 'bench');

    const backtests = new FlowBacktests(database, flows);
    // The first backtest compacts the records it finds single (all of them here), the second
    // finds them packed.
    const first = await timedBacktest(backtests);
    reading.bucketedRecordsNoFilter = await timedBuckets(database);
    console.log('read probes', reading);
    const second = await timedBacktest(backtests);
    const formats = await bucketFormats(database);
    console.log('bucket formats', formats);
    return {
      storedCases: STORED_CASES,
      trailOnlyCases: TRAIL_CASES,
      trailLines: seeded.trailLines,
      seedSeconds: seeded.seconds,
      reading,
      compactingBacktest: first,
      compactedBacktest: second,
      bucketFormats: formats,
      loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
    };
  } finally {
    await database.close();
    await server.process.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const memory = await inMemoryBacktest({ cases: IN_MEMORY_CASES, rounds: 5 });
console.log('in memory', memory);
const stored = SKIP_STORED ? undefined : await endToEnd();
console.log('stored', stored);
await writeResults('backtest', { inMemory: memory, ...(stored && { stored }) });
