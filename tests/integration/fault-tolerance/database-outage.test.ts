import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FerretDbServer, startFerretDb } from '../../../scripts/embedded/ferretdb-server.ts';
import { findFreePort, isPortOpen, waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { ferretDbPath } from '../../../scripts/embedded/tool-cache.ts';
import { caseTrailEventModel } from '../../../worker/activities/engine/case-trail-record.ts';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { InterpreterHarness } from '../../support/interpreter-harness.ts';
import { probeCallModel } from '../../support/probe-activities.ts';

const CASES = 10;
const OUTAGE_MS = 10_000;

// Retries that outlast the outage: the run must wait for the database, not give up on it.
const patientRetry = {
  retry: {
    maximumAttempts: 100,
    initialIntervalSeconds: 0.5,
    backoffCoefficient: 1.5,
    maximumIntervalSeconds: 2,
  },
};

const outageFlow = buildFlow('database-outage', {
  nodes: [
    start,
    probe('before', 'before', patientRetry),
    probe('during', 'during', { ...patientRetry, inputs: { label: 'during', holdMs: 2_000 } }),
    probe('after', 'after', patientRetry),
    end('done'),
  ],
  edges: [
    ['start', 'before'],
    ['before', 'during'],
    ['during', 'after'],
    ['after', 'done'],
  ],
});

let dataDir: string;
let port: number;
let ferret: FerretDbServer;
let harness: InterpreterHarness;

const startOwnFerretDb = () =>
  startFerretDb({
    binaryPath: ferretDbPath(),
    port,
    dataDir: join(dataDir, 'ferretdb'),
    logDir: join(dataDir, 'logs'),
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'acorn-outage-'));
  port = await findFreePort();
  ferret = await startOwnFerretDb();
  harness = await InterpreterHarness.open('outage', {
    temporalAddress: inject('temporalAddress'),
    mongoBaseUri: ferret.uri,
    workflowBundlePath: inject('workflowBundlePath'),
  });
});
afterAll(async () => {
  await harness?.close();
  await ferret?.process.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the database unreachable for ten seconds', () => {
  it('lets activities retry until it is back: every case completes, nothing lost or doubled', async () => {
    const runs = await Promise.all(
      Array.from({ length: CASES }, () => harness.start(outageFlow, {})),
    );
    const ProbeCall = probeCallModel(harness.database);
    await waitUntil(
      'every case to reach the database once',
      async () => (await ProbeCall.countDocuments({ label: 'before' })) === CASES,
      30_000,
    );

    await ferret.process.stop();
    await waitUntil(
      'the database port to close',
      async () => !(await isPortOpen('127.0.0.1', port)),
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    ferret = await startOwnFerretDb();

    const results = await Promise.all(runs.map((run) => run.result()));
    expect(results.map((result) => result.outcome)).toEqual(Array(CASES).fill('done'));
    for (const label of ['before', 'during', 'after']) {
      expect(await ProbeCall.countDocuments({ label })).toBe(CASES);
    }
    // This database is the test's own: every completed run in it is one of these cases.
    const completed = await caseTrailEventModel(harness.database).countDocuments({
      type: 'run.completed',
    });
    expect(completed).toBe(CASES);
  });
});
