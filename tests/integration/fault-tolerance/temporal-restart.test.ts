import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isPortOpen, waitUntil } from '../../../scripts/embedded/managed-process.ts';
import {
  startTemporalDevServer,
  type TemporalDevServer,
} from '../../../scripts/embedded/temporal-dev-server.ts';
import { temporalCliPath } from '../../../scripts/embedded/tool-cache.ts';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { InterpreterHarness } from '../../support/interpreter-harness.ts';
import { probeCallModel } from '../../support/probe-activities.ts';
import { distinctFreePorts } from '../../support/test-stack.ts';

const CASES = 10;

const restartFlow = buildFlow('temporal-restart', {
  nodes: [
    start,
    probe('before', 'before'),
    { id: 'pause', kind: 'wait', durationSeconds: 4 },
    probe('after', 'after'),
    end('done'),
  ],
  edges: [
    ['start', 'before'],
    ['before', 'pause'],
    ['pause', 'after'],
    ['after', 'done'],
  ],
});

let dataDir: string;
let ports: number[];
let temporal: TemporalDevServer;
let harness: InterpreterHarness;

const startOwnTemporal = () =>
  startTemporalDevServer({
    cliPath: temporalCliPath(),
    port: ports[0] ?? 0,
    uiPort: ports[1] ?? 0,
    dbFile: join(dataDir, 'temporal.sqlite'),
    logDir: join(dataDir, 'logs'),
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'acorn-temporal-restart-'));
  ports = await distinctFreePorts(2);
  temporal = await startOwnTemporal();
  harness = await InterpreterHarness.open('temporal-restart', {
    temporalAddress: temporal.address,
    mongoBaseUri: inject('mongoBaseUri'),
    workflowBundlePath: inject('workflowBundlePath'),
  });
});
afterAll(async () => {
  await harness?.close();
  await temporal?.process.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the Temporal server stopped and restarted mid-run', () => {
  it('keeps every case on its SQLite file and completes each once', async () => {
    const runs = await Promise.all(
      Array.from({ length: CASES }, () => harness.start(restartFlow, {})),
    );
    const ProbeCall = probeCallModel(harness.database);
    const workflowIds = runs.map((run) => run.workflowId);
    const calls = async (label: string) =>
      (await ProbeCall.find({ label }).lean()).filter((call) =>
        workflowIds.includes(call.workflowId),
      );
    await waitUntil(
      'every case to pass its first step',
      async () => (await calls('before')).length === CASES,
      30_000,
    );

    await temporal.process.stop();
    await waitUntil(
      'the server port to close',
      async () => !(await isPortOpen('127.0.0.1', ports[0] ?? 0)),
      10_000,
    );
    temporal = await startOwnTemporal();

    const results = await Promise.all(runs.map((run) => run.result()));
    expect(results.map((result) => result.outcome)).toEqual(Array(CASES).fill('done'));
    for (const label of ['before', 'after']) {
      const recorded = await calls(label);
      expect(recorded).toHaveLength(CASES);
      expect(recorded.every((call) => call.attempts === 1)).toBe(true);
    }
  });
});
