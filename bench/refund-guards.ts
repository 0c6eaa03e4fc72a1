/**
 * What the money guards cost on the embedded database: a refund's four steps (prepared →
 * submitting → submitted → done, with its feed recorded) taken through the transition log of
 * unique inserts, against the same steps as conditional updates (the old guard, which FerretDB
 * v1 does not make atomic) in the same run; and the account lock by generations against the old
 * upsert-guarded lock document.
 */
import { randomUUID } from 'node:crypto';
import { type Connection, Schema, trusted } from 'mongoose';
import { connectDatabase } from '#platform/database';
import { startTestStack } from '../tests/support/test-stack.ts';
import {
  type RefundState,
  refundIntentModel,
} from '../worker/activities/marketplace/refund-intent-record.ts';
import { RefundIntents } from '../worker/activities/marketplace/refund-intents.ts';
import { SubmissionLocks } from '../worker/activities/marketplace/submission-lock.ts';
import { inLanes, percentile, writeResults } from './support/measurements.ts';

const REFUNDS = 300;
const ROUNDS = 3;
const CONCURRENCY = [1, 10];

type Variant = 'conditional-update' | 'unique-insert';

const newIntent = (id: string) => ({
  _id: id,
  caseId: id,
  orderId: `114-${id.slice(0, 7)}`,
  account: 'SELLER:ATVPDKIKX0DER',
  currency: 'USD',
  reason: 'CustomerReturn',
  lines: [{ adjustmentItemId: `${id}-1`, orderItemId: 'item', components: { Principal: 1_000 } }],
  fingerprint: 'bench',
  createdAt: new Date(),
});

/** The old guard, kept here as the baseline: one conditional update per step. */
function conditionalSteps(database: Connection) {
  const model = refundIntentModel(database);
  const move = async (id: string, from: RefundState, to: RefundState) => {
    const at = new Date();
    await model.updateOne(
      { _id: id, state: from },
      {
        $set: { state: to, updatedAt: at },
        $push: { history: { at, state: to, note: to } },
      },
    );
  };
  return async (id: string) => {
    const now = new Date();
    await model.create({
      ...newIntent(id),
      state: 'prepared' as const,
      updatedAt: now,
      history: [{ at: now, state: 'prepared', note: 'prepared' }],
    });
    await move(id, 'prepared', 'submitting');
    await model.updateOne(
      { _id: id, feedId: trusted({ $exists: false }), state: 'submitting' },
      { $set: { feedId: `F-${id}`, state: 'submitted' } },
    );
    await move(id, 'submitted', 'done');
    await model.findById(id).lean();
  };
}

function transitionLogSteps(database: Connection) {
  const intents = new RefundIntents(database);
  return async (id: string) => {
    await intents.createIfAbsent(newIntent(id));
    await intents.move(id, 'prepared', 'submitting', 'sending createFeed');
    await intents.recordFeed(id, `F-${id}`, 'Amazon accepted');
    await intents.move(id, 'submitted', 'done', 'processed');
    await intents.get(id);
  };
}

/** The old lock: one document per account, taken by an upsert guarded on "no holder". */
function upsertLock(database: Connection) {
  const model = database.model(
    'BenchOldLock',
    new Schema({ _id: String, holder: String, since: Date }, { versionKey: false }),
    'bench_old_locks',
  );
  return async (account: string, holder: string) => {
    try {
      await model.updateOne(
        { _id: account, holder: trusted({ $exists: false }) },
        { $set: { holder, since: new Date() } },
        { upsert: true },
      );
    } catch {}
    await model.findById(account).lean();
    await model.updateOne({ _id: account, holder }, { $unset: { holder: 1, since: 1 } });
  };
}

function generationLock(database: Connection) {
  const locks = new SubmissionLocks(database);
  return async (account: string, holder: string) => {
    await locks.tryAcquire(account, holder);
    await locks.release(account, holder);
  };
}

function collect(table: Record<string, number[]>, key: string, values: number[]) {
  table[key] = [...(table[key] ?? []), ...values];
}

async function timed(count: number, concurrency: number, work: (n: number) => Promise<void>) {
  const items = Array.from({ length: count }, (_, n) => n);
  const began = performance.now();
  const each = await inLanes(concurrency, items, async (n) => {
    const start = performance.now();
    await work(n);
    return performance.now() - start;
  });
  return { seconds: (performance.now() - began) / 1_000, each };
}

const stack = await startTestStack();
const database = await connectDatabase(`${stack.mongoBaseUri}/bench-refund-guards`);
try {
  const steps: Record<Variant, (id: string) => Promise<void>> = {
    'conditional-update': conditionalSteps(database),
    'unique-insert': transitionLogSteps(database),
  };
  const lock: Record<Variant, (account: string, holder: string) => Promise<void>> = {
    'conditional-update': upsertLock(database),
    'unique-insert': generationLock(database),
  };
  const refunds: Record<string, number[]> = {};
  const locking: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const concurrency of CONCURRENCY) {
      // Interleaved, so both variants see the same machine and the same collection sizes.
      for (const variant of ['conditional-update', 'unique-insert'] as Variant[]) {
        const run = await timed(REFUNDS / ROUNDS, concurrency, () => steps[variant](randomUUID()));
        collect(refunds, `${variant}@${concurrency}`, run.each);
        const account = `SELLER-${randomUUID()}`;
        const held = await timed(REFUNDS / ROUNDS, 1, (n) => lock[variant](account, `r-${n}`));
        collect(locking, variant, held.each);
      }
    }
  }
  const summary = (values: number[]) => ({
    p50Ms: Math.round(percentile(values, 50) * 10) / 10,
    p99Ms: Math.round(percentile(values, 99) * 10) / 10,
  });
  const figures = {
    refundFourSteps: Object.fromEntries(
      Object.entries(refunds).map(([key, values]) => [key, summary(values)]),
    ),
    lockTakeAndRelease: Object.fromEntries(
      Object.entries(locking).map(([key, values]) => [key, summary(values)]),
    ),
  };
  const ratio = (a: string, b: string, table: Record<string, { p50Ms: number }>) =>
    Math.round(((table[a]?.p50Ms ?? 0) / (table[b]?.p50Ms || 1)) * 100) / 100;
  const ratios = {
    refundP50AtConcurrency1: ratio(
      'unique-insert@1',
      'conditional-update@1',
      figures.refundFourSteps,
    ),
    refundP50AtConcurrency10: ratio(
      'unique-insert@10',
      'conditional-update@10',
      figures.refundFourSteps,
    ),
    lockP50: ratio('unique-insert', 'conditional-update', figures.lockTakeAndRelease),
  };
  console.table(figures.refundFourSteps);
  console.table(figures.lockTakeAndRelease);
  console.log('unique-insert / conditional-update (p50):', ratios);
  await writeResults('refund-guards', { refunds: REFUNDS, ...figures, ratios });
} finally {
  await database.close();
  await stack.stop();
}
