import { randomInt } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type FlowDefinition, type PastTrailEvent, parseFlowDefinition } from '#flow-language';
import { caseModel } from '#platform/cases/case-record';
import { connectDatabase } from '#platform/database';
import {
  type PastCaseBucketDocument,
  type PastCaseBucketEntry,
  type PastCaseDocument,
  pastCaseBucketCollection,
  pastCaseCollection,
  pastCaseCoverageCollection,
} from '#platform/past-cases/past-case-records';
import type { BacktestResult } from '../../../server/backtests/backtest-job.ts';
import { BacktestNotFound, FlowBacktests } from '../../../server/backtests/flow-backtests.ts';
import { bucketEntries } from '../../../server/backtests/past-case-buckets.ts';
import { bucketOf, compactPastCases } from '../../../server/backtests/past-case-compaction.ts';
import { startPastCaseCompactor } from '../../../server/backtests/past-case-compactor.ts';
import { FlowVersions } from '../../../server/flows/flow-versions.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { createCaseTrailActivities } from '../../../worker/activities/engine/case-trail-activities.ts';
import { recordCase } from '../../unit/flow-language/support/recorded-case.ts';

// Cases close through the real closing code (saveCaseTrail) on the real FerretDB, trails shaped
// as a live run writes them (recorded by the same walk); then the real backtest job reads them.
const digits = String(randomInt(1_000_000, 9_999_999));
const parentKey = `bt-parent-${digits}`;
const childKey = `bt-vet-${digits}`;
const gradedKey = `bt-graded-${digits}`;
const manyKey = `bt-many-${digits}`;

const flowDocument = (key: string, trigger: string, nodes: unknown[], edges: string[][]) => ({
  key,
  name: key,
  version: 1,
  inputs: { amount: { type: 'number', required: true } },
  variables: {},
  nodes: [{ id: 'start', kind: 'start', trigger }, ...nodes],
  edges: edges.map(([source, target, handle], index) => ({
    id: `e${index}`,
    source,
    target,
    ...(handle && { handle }),
  })),
});

/** The child says "no" above 500. */
const child = flowDocument(
  childKey,
  `${childKey}.requested`,
  [
    { id: 'big', kind: 'decision', condition: { '>': [{ var: 'amount' }, 500] } },
    { id: 'no', kind: 'end', outcome: 'no' },
    { id: 'ok', kind: 'end', outcome: 'ok' },
  ],
  [
    ['start', 'big'],
    ['big', 'no', 'true'],
    ['big', 'ok', 'false'],
  ],
);

/** From `threshold` up, the child vets the case and its outcome decides. */
const parent = (threshold: number, key = parentKey) =>
  flowDocument(
    key,
    `${key}.requested`,
    [
      { id: 'size', kind: 'decision', condition: { '>=': [{ var: 'amount' }, threshold] } },
      {
        id: 'vet',
        kind: 'subflow',
        flowKey: childKey,
        version: 1,
        inputs: { amount: { var: 'amount' } },
        resultVariable: 'vet',
      },
      { id: 'verdict', kind: 'decision', condition: { '==': [{ var: 'vet.outcome' }, 'ok'] } },
      { id: 'approved', kind: 'end', outcome: 'approved' },
      { id: 'refused', kind: 'end', outcome: 'refused' },
      { id: 'auto', kind: 'end', outcome: 'auto' },
    ],
    [
      ['start', 'size'],
      ['size', 'vet', 'true'],
      ['size', 'auto', 'false'],
      ['vet', 'verdict'],
      ['verdict', 'approved', 'true'],
      ['verdict', 'refused', 'false'],
    ],
  );

/** The staff of store s1 grade every case: a group whose name holds a ".". */
const graded = flowDocument(
  gradedKey,
  `${gradedKey}.requested`,
  [
    { id: 'grade', kind: 'approval', title: 'grade', assignee: { group: 'store.s1' } },
    { id: 'graded', kind: 'end', outcome: 'graded' },
    { id: 'ungraded', kind: 'end', outcome: 'ungraded' },
  ],
  [
    ['start', 'grade'],
    ['grade', 'graded', 'approved'],
    ['grade', 'ungraded', 'rejected'],
  ],
);

// amount, brand: 20 and 60 auto-approved, 150 vetted ok, 700 vetted no.
const CASES = [
  { amount: 20, brand: 'acorn' },
  { amount: 60, brand: 'acorn' },
  { amount: 150, brand: 'acorn' },
  { amount: 700, brand: 'oak' },
] as const;

let database: Connection;
let flows: FlowVersions;
let backtests: FlowBacktests;
const caseIds: string[] = [];
/** The records the four cases kept at close, as written (before any test moves them). */
let keptRecords: PastCaseDocument[] = [];

function parsed(document: unknown): FlowDefinition {
  const result = parseFlowDefinition(document);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.flow;
}

/** Submits and closes one case as the API and the worker do: projection, then each run's trail. */
async function closeCase(
  flow: FlowDefinition,
  amount: number,
  brand: string,
  flowKey = parentKey,
): Promise<string> {
  const past = await recordCase(flow, {
    caseInput: { amount },
    subflows: { vet: { outcome: amount > 500 ? 'no' : 'ok' } },
    approvals: { grade: [[{ actor: 'staff-1', verdict: 'approve' }]] },
    caseContext: { brand },
  });
  const caseId = `${past.caseId}-${digits}`;
  const workflowId = `case-${caseId}`;
  await caseModel(database).create({
    _id: caseId,
    workflowId,
    flowKey,
    flowVersion: 1,
    requestedBy: 'agent-1',
    brand,
    inputJson: JSON.stringify({ amount }),
    submittedAt: new Date(past.caseContext.startedAt as string),
    status: 'running',
  });
  const trails = createCaseTrailActivities(database);
  // A subflow's run saves its own trail, under its own workflow id and flow key, first.
  const childLines = past.trail.filter((line) => line.workflowId !== past.workflowId);
  const ownLines = past.trail.filter((line) => line.workflowId === past.workflowId);
  for (const [index, line] of childLines.entries()) {
    const childId = line.workflowId.replace(past.workflowId, workflowId);
    await trails.saveCaseTrail({
      workflowId: childId,
      runId: `run-${childId}`,
      caseId,
      flowKey: childKey,
      flowVersion: 1,
      events: [runLine(line, index)],
    });
  }
  await trails.saveCaseTrail({
    workflowId,
    runId: `run-${workflowId}`,
    caseId,
    flowKey,
    flowVersion: 1,
    events: ownLines.map(runLine),
  });
  return caseId;
}

/** A line as the run that wrote it numbers it (each run's trail counts from 1). */
function runLine({ workflowId: _run, ...line }: PastTrailEvent, index: number) {
  return { ...line, sequence: index + 1, at: line.at as string };
}

async function backtest(scope?: { brands: string[] }, flowKey = parentKey) {
  const started = await backtests.start(flowKey, { range: 'all', ...(scope && { scope }) }, 'x');
  await backtests.settled();
  const record = await backtests.get(flowKey, started._id);
  expect(record.status).toBe('done');
  return { id: started._id, result: record.result as unknown as BacktestResult };
}

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/backtest-records-${digits}`);
  flows = new FlowVersions(database, activityCatalog);
  await flows.saveDraft(child, 'admin');
  await flows.publish(childKey, 'admin');
  await flows.saveDraft(parent(100), 'admin');
  await flows.publish(parentKey, 'admin');
  const v1 = parsed(parent(100));
  for (const { amount, brand } of CASES) caseIds.push(await closeCase(v1, amount, brand));
  keptRecords = await pastCaseCollection(database, parentKey).find({}).toArray();
  // The draft sends cases from 50 up to the child.
  await flows.saveDraft(parent(50), 'admin');
  backtests = new FlowBacktests(database, flows);
}, 120_000);

afterAll(async () => {
  await database?.dropDatabase();
  await database?.close();
});

describe('past-case records', () => {
  it('are kept when a case closes, one per case, under the flow key', async () => {
    const records = await pastCaseCollection(database, parentKey).find({}).toArray();
    expect(records.map((record) => record._id).sort()).toEqual([...caseIds].sort());
    const vetted = records.find((record) => record._id === caseIds[2]);
    expect(JSON.parse(vetted?.record ?? '{}')).toMatchObject({
      caseInput: { amount: 150 },
      outcome: 'approved',
      path: ['start', 'size', 'vet', 'verdict', 'approved'],
      subflows: [['vet#1', { outcome: 'ok' }]],
    });
  });

  it('answer the backtest, subflows included, and every case reproduces itself', async () => {
    const { result } = await backtest();
    expect(result.summary.total).toMatchObject({
      cases: 4,
      same: 3,
      flipped: 1,
      engineFaults: 0,
    });
    expect(result.fromTrail).toBe(0);
    expect(result.flips).toEqual([
      expect.objectContaining({ caseId: caseIds[1], source: 'record', recordedOutcome: 'auto' }),
    ]);
  });

  it('let later backtests skip the scan for cases without a record once none is found', async () => {
    expect(await pastCaseCoverageCollection(database).findOne({ _id: parentKey })).not.toBeNull();
    const { id } = await backtest();
    // The four records, and no case projection.
    expect((await backtests.get(parentKey, id)).progress).toMatchObject({
      eventsRead: 4,
      expected: 4,
    });
  });

  it('fall back to the trail, subflow runs included, for a case closed before records', async () => {
    // A database from before records: two cases without one, and no scan that found none.
    await pastCaseCollection(database, parentKey).deleteOne({ _id: caseIds[1] as string });
    await pastCaseCollection(database, parentKey).deleteOne({ _id: caseIds[2] as string });
    await pastCaseCoverageCollection(database).deleteOne({ _id: parentKey });
    const { result } = await backtest();
    expect(result.summary.total).toMatchObject({ cases: 4, same: 3, flipped: 1, engineFaults: 0 });
    expect(result.fromTrail).toBe(2);
    expect(result.flips).toEqual([
      expect.objectContaining({ caseId: caseIds[1], source: 'trail' }),
    ]);
  });

  it('give a case read from its trail its record, so the next backtest reads the record', async () => {
    const { result } = await backtest();
    expect(result.summary.total).toMatchObject({ cases: 4, same: 3, flipped: 1, engineFaults: 0 });
    expect(result.fromTrail).toBe(0);
    expect(result.flips).toEqual([
      expect.objectContaining({ caseId: caseIds[1], source: 'record' }),
    ]);
    const backfilled = await pastCaseCollection(database, parentKey).findOne({ _id: caseIds[2] });
    expect(JSON.parse(backfilled?.record ?? '{}')).toEqual(
      JSON.parse(keptRecords.find(({ _id }) => _id === caseIds[2])?.record ?? ''),
    );
  });
});

describe('backtest scope', () => {
  it("reads and counts only the cases in a scoped admin's brands", async () => {
    const { result } = await backtest({ brands: ['oak'] });
    expect(result.summary.total).toMatchObject({ cases: 1, same: 1, engineFaults: 0 });
    expect(result.flips).toEqual([]);
  });

  it('shows a backtest only to admins whose scope holds everything it read', async () => {
    const everything = await backtest();
    const acorn = await backtest({ brands: ['acorn'] });
    await expect(backtests.get(parentKey, everything.id, { brands: ['acorn'] })).rejects.toThrow(
      BacktestNotFound,
    );
    await expect(backtests.get(parentKey, acorn.id, { brands: ['oak'] })).rejects.toThrow(
      BacktestNotFound,
    );
    expect((await backtests.get(parentKey, acorn.id, { brands: ['acorn', 'oak'] }))._id).toBe(
      acorn.id,
    );
    expect((await backtests.get(parentKey, acorn.id, {}))._id).toBe(acorn.id);
  });
});

describe('compacted past-case records', () => {
  const singles = () => pastCaseCollection(database, parentKey);
  const buckets = () => pastCaseBucketCollection(database, parentKey);
  const kept = (index: number) =>
    keptRecords.find(({ _id }) => _id === caseIds[index]) as PastCaseDocument;

  /** The records as the cases left them: all single, no bucket. */
  async function onlySingles() {
    await singles().deleteMany({});
    await buckets().deleteMany({});
    await singles().insertMany(keptRecords);
  }

  /** What a backtest answers, without the parts that differ between any two runs. */
  async function answer() {
    const { result } = await backtest();
    return { summary: result.summary, flips: result.flips, fromTrail: result.fromTrail };
  }

  let uncompacted: Awaited<ReturnType<typeof answer>>;
  beforeAll(async () => {
    await onlySingles();
    uncompacted = await answer();
    expect(uncompacted.summary.total).toMatchObject({ cases: 4, same: 3, flipped: 1 });
    expect(uncompacted.fromTrail).toBe(0);
  });

  it('answer the backtest exactly as the single records did', async () => {
    await onlySingles();
    expect(await compactPastCases(database, parentKey, 2)).toEqual({ buckets: 2, records: 4 });
    expect(await singles().countDocuments()).toBe(0);
    expect(await buckets().countDocuments()).toBe(2);
    expect(await answer()).toEqual(uncompacted);
  });

  it('count each case once after a compaction stopped between its bucket and deleting its singles', async () => {
    await onlySingles();
    // The crash: a bucket inserted, its singles still there (and two singles never packed).
    await buckets().insertOne(bucketOf([kept(0), kept(1)]));
    expect(await answer()).toEqual(uncompacted);
    // The next compaction makes the same bucket (already there) and deletes the singles.
    await compactPastCases(database, parentKey, 2);
    expect(await singles().countDocuments()).toBe(0);
    expect(await buckets().countDocuments()).toBe(2);
    expect(await answer()).toEqual(uncompacted);
  });

  it('count each case once when two compactors ran at once', async () => {
    await onlySingles();
    await Promise.all([
      compactPastCases(database, parentKey, 2),
      compactPastCases(database, parentKey, 2),
    ]);
    expect(await singles().countDocuments()).toBe(0);
    expect(await buckets().countDocuments()).toBe(2);
    expect(await answer()).toEqual(uncompacted);
  });

  it('are stored deflated, and every field of every record comes back', async () => {
    await singles().deleteMany({});
    await buckets().deleteMany({});
    // One record with every field a bucket keeps beside the record itself.
    const everyField = { ...kept(3), marketplace: 'ATVPDKIKX0DER', store: 's1' };
    await singles().insertMany([kept(0), kept(1), kept(2), everyField]);
    await compactPastCases(database, parentKey, 2);
    const stored = await buckets().find({}).toArray();
    expect(stored).toHaveLength(2);
    const entries: PastCaseBucketEntry[] = [];
    for (const bucket of stored) {
      expect(bucket.records).toBeUndefined();
      const held = await bucketEntries(bucket);
      expect(bucket.count).toBe(held.length);
      expect(bucket.deflated?.buffer.length).toBeLessThan(JSON.stringify(held).length);
      entries.push(...held);
    }
    const byCase = (a: PastCaseBucketEntry, b: PastCaseBucketEntry) =>
      a.record.caseId.localeCompare(b.record.caseId);
    expect(entries.sort(byCase)).toEqual(
      [kept(0), kept(1), kept(2), everyField].map(entryOf).sort(byCase),
    );
  });

  it('read buckets packed before deflating (JSON text) beside deflated ones, once per case', async () => {
    await onlySingles();
    // An older bucket holds cases 0 and 1, a newer one cases 1 and 2: case 1 is in both.
    await buckets().insertMany([textBucketOf([kept(0), kept(1)]), bucketOf([kept(1), kept(2)])]);
    await singles().deleteMany({ _id: { $in: [caseIds[0], caseIds[1], caseIds[2]] as string[] } });
    expect(await answer()).toEqual(uncompacted);
  });

  it('count each case once after a compaction stopped between a JSON-text bucket and its deletes', async () => {
    await onlySingles();
    // Stopped while the code before deflating ran: its bucket in, its singles still there.
    await buckets().insertOne(textBucketOf([kept(0), kept(1)]));
    expect(await answer()).toEqual(uncompacted);
    // The next compaction packs all four (deflated) and deletes them: cases 0 and 1 in two buckets.
    await compactPastCases(database, parentKey, 4);
    expect(await singles().countDocuments()).toBe(0);
    expect(await buckets().countDocuments()).toBe(2);
    expect(await answer()).toEqual(uncompacted);
  });

  it('count each case once when two compactors packed the same single into different buckets', async () => {
    await onlySingles();
    // One saw singles 0 and 1, the other 1 and 2: case 1 is in both buckets.
    await buckets().insertMany([bucketOf([kept(0), kept(1)]), bucketOf([kept(1), kept(2)])]);
    await singles().deleteMany({ _id: { $in: [caseIds[0], caseIds[1], caseIds[2]] as string[] } });
    expect(await answer()).toEqual(uncompacted);
  });
});

describe('scheduled compaction', () => {
  it("packs every flow's single records in the background, each case then read once", async () => {
    await flows.saveDraft(parent(100, manyKey), 'admin');
    await flows.publish(manyKey, 'admin');
    await flows.saveDraft(parent(50, manyKey), 'admin');
    // 250 closed cases of that flow: the four cases' records under new case ids.
    const closed = Array.from({ length: 250 }, (_, i) =>
      recordAs(keptRecords[i % 4] as PastCaseDocument, `many-${i}-${digits}`),
    );
    await pastCaseCollection(database, manyKey).insertMany(closed);
    const stop = startPastCaseCompactor({ database, logger: { info() {}, warn() {} } }, 3_600);
    try {
      // Two buckets of 100; the 50 left wait for more cases to close.
      await vi.waitFor(
        async () => expect(await pastCaseCollection(database, manyKey).countDocuments()).toBe(50),
        { timeout: 120_000, interval: 250 },
      );
    } finally {
      stop();
    }
    const packed = await pastCaseBucketCollection(database, manyKey).find({}).toArray();
    expect(packed.map(({ count }) => count)).toEqual([100, 100]);
    const { id, result } = await backtest(undefined, manyKey);
    // Counted before reading: 50 single records and two buckets of 100, then all read (and the
    // cases' projections, scanned once for cases without a record).
    const { progress } = await backtests.get(manyKey, id);
    expect(progress.expected).toBe(250);
    expect(progress.eventsRead).toBeGreaterThanOrEqual(250);
    // Case i behaves as case i % 4 did: only case 1's kind (63 of them) flips.
    expect(result.summary.total).toMatchObject({
      cases: 250,
      same: 187,
      flipped: 63,
      engineFaults: 0,
    });
    // The flow's records are noted to cover its cases: they are all a backtest reads now.
    const again = await backtest(undefined, manyKey);
    expect((await backtests.get(manyKey, again.id)).progress).toMatchObject({
      processed: 250,
      eventsRead: 250,
      expected: 250,
    });
  });
});

describe('backtest results', () => {
  it("are kept whatever the flow's names: a group of store staff holds a '.'", async () => {
    await flows.saveDraft(graded, 'admin');
    await flows.publish(gradedKey, 'admin');
    await closeCase(parsed(graded), 30, 'acorn', gradedKey);
    const { result } = await backtest(undefined, gradedKey);
    expect(result.summary.total).toMatchObject({ cases: 1, same: 1, engineFaults: 0 });
    expect(Object.keys(result.summary.total.people)).toEqual(['store.s1']);
  });
});

/** A single record as a bucket keeps it. */
function entryOf(single: PastCaseDocument): PastCaseBucketEntry {
  return {
    submittedAt: single.submittedAt.toISOString(),
    ...(single.brand && { brand: single.brand }),
    ...(single.marketplace && { marketplace: single.marketplace }),
    ...(single.store && { store: single.store }),
    record: JSON.parse(single.record),
  };
}

/** A bucket as compaction packed it before buckets were deflated: its records as JSON text. */
function textBucketOf(singles: PastCaseDocument[]): PastCaseBucketDocument {
  return {
    _id: `text-${singles.map(({ _id }) => _id).join('+')}`,
    count: singles.length,
    records: JSON.stringify(singles.map(entryOf)),
  };
}

/** The same record, as another case's. */
function recordAs(single: PastCaseDocument, caseId: string): PastCaseDocument {
  const record = JSON.parse(single.record);
  return {
    ...single,
    _id: caseId,
    record: JSON.stringify({
      ...record,
      caseId,
      caseContext: { ...record.caseContext, id: caseId },
    }),
  };
}
