/**
 * What a lookup by `_id` costs on the embedded FerretDB (v1, SQLite backend) as a collection
 * grows: the engine reads cases, trail events and claims by `_id` on the assumption that it is
 * an index lookup. Each size is measured in the same run against the smallest one (the baseline);
 * a unique insert (what the money guards rely on) is measured beside it. The collection holds
 * documents shaped like the `cases` projection. Prints SQLite's plan for the lookup too.
 * Run: npm run bench:ferretdb-id
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mongo } from 'mongoose';
import { startFerretDb } from '../scripts/embedded/ferretdb-server.ts';
import { findFreePort } from '../scripts/embedded/managed-process.ts';
import { ferretDbPath } from '../scripts/embedded/tool-cache.ts';
import { percentile, writeResults } from './support/measurements.ts';

const SIZES = [1_000, 10_000, 50_000];
const PROBES = 60;
const INSERT_BATCH = 1_000;

const caseDocument = (index: number) => ({
  _id: `case-${String(index).padStart(8, '0')}`,
  workflowId: `case-workflow-${index}`,
  flowKey: 'marketplace-refund',
  flowVersion: 3,
  requestedBy: 'rita',
  marketplace: 'ATVPDKIKX0DER',
  inputJson: JSON.stringify({
    orderId: `114-${index}`,
    reason: 'no-reason',
    note: 'x'.repeat(300),
  }),
  submittedAt: new Date(1_760_000_000_000 + index * 1_000),
  status: 'completed',
});

async function timed(work: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await work();
  return performance.now() - began;
}

const dataDir = await mkdtemp(join(tmpdir(), 'acorn-ferretdb-id-'));
const ferret = await startFerretDb({
  binaryPath: ferretDbPath(),
  port: await findFreePort(),
  dataDir: join(dataDir, 'data'),
  logDir: dataDir,
});
const client = await mongo.MongoClient.connect(`${ferret.uri}/bench`);
try {
  const database = client.db('bench');
  const cases = database.collection<ReturnType<typeof caseDocument>>('cases');
  const rows = [];
  let stored = 0;
  for (const size of SIZES) {
    for (; stored < size; stored += INSERT_BATCH) {
      await cases.insertMany(
        Array.from({ length: INSERT_BATCH }, (_, i) => caseDocument(stored + i)),
      );
    }
    const lookups: number[] = [];
    const inserts: number[] = [];
    for (let probe = 0; probe < PROBES; probe += 1) {
      const id = caseDocument((probe * 7_919) % size)._id;
      lookups.push(await timed(() => cases.findOne({ _id: id })));
      inserts.push(await timed(() => cases.insertOne(caseDocument(10_000_000 + stored + probe))));
    }
    stored += PROBES;
    rows.push({
      documents: size,
      findByIdP50Ms: Number(percentile(lookups, 50).toFixed(2)),
      uniqueInsertP50Ms: Number(percentile(inserts, 50).toFixed(2)),
    });
  }
  const explained = await database.command({
    explain: { find: 'cases', filter: { _id: caseDocument(1)._id } },
  });
  const sqlitePlan = (explained.queryPlanner as { Plan?: unknown } | undefined)?.Plan;
  const plan = Array.isArray(sqlitePlan) ? sqlitePlan.join('; ') : JSON.stringify(sqlitePlan);
  const [baseline] = rows;
  const withRatios = rows.map((row) => ({
    ...row,
    findByIdVsSmallest: Number((row.findByIdP50Ms / (baseline?.findByIdP50Ms ?? 1)).toFixed(1)),
    insertVsSmallest: Number(
      (row.uniqueInsertP50Ms / (baseline?.uniqueInsertP50Ms ?? 1)).toFixed(1),
    ),
  }));
  console.table(withRatios);
  console.log(`filterPushdown: ${String(explained.filterPushdown)}; SQLite plan: ${plan}`);
  await writeResults('ferretdb-id-lookup', {
    probes: PROBES,
    rows: withRatios,
    filterPushdown: explained.filterPushdown,
    sqlitePlan: plan,
  });
} finally {
  await client.close();
  await ferret.process.stop();
  await rm(dataDir, { recursive: true, force: true });
}
