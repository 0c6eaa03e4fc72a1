import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { parsePiiKeyring } from '#platform/pii-keyring';
import { isPortOpen, waitUntil } from '../../scripts/embedded/managed-process.ts';
import { systemCheckModel } from '../../worker/activities/diagnostics/system-check-record.ts';
import { getJson, postJson } from '../support/http.ts';
import { distinctFreePorts } from '../support/test-stack.ts';

const root = new URL('../..', import.meta.url).pathname;

/**
 * The README's run command, end to end, on its embedded defaults: it must come up healthy, run a
 * workflow whose activity survives a `kill -9` of the worker exactly once, report red health when
 * the database dies, and leave no process behind when stopped.
 */
describe('the start command', () => {
  let dataDir: string;
  let ports: { api: number; temporal: number; ui: number; mongo: number; marketplace: number };
  let supervisor: ChildProcess;
  let output = '';
  let database: Connection;
  let adminToken: string;
  const pidsSeen = new Set<number>();

  const apiUrl = (path: string) => `http://127.0.0.1:${ports.api}${path}`;
  const pidOf = async (name: string) => {
    const pid = Number(await readFile(join(dataDir, 'run', `${name}.pid`), 'utf8'));
    pidsSeen.add(pid);
    return pid;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'acorn-start-'));
    const [api = 0, temporal = 0, ui = 0, mongo = 0, marketplace = 0] = await distinctFreePorts(5);
    ports = { api, temporal, ui, mongo, marketplace };
    supervisor = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: startEnvironment(dataDir, ports),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervisor.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    supervisor.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    await waitUntil(
      '"Acorn Flow is up."',
      async () => output.includes('Acorn Flow is up.'),
      180_000,
    );
    adminToken = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    database = await connectDatabase(`mongodb://127.0.0.1:${ports.mongo}/acorn-flow`);
  }, 200_000);

  afterAll(async () => {
    await database?.close();
    if (supervisor?.exitCode === null) supervisor.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is healthy once it says it is up', async () => {
    const { status, body } = await getJson(apiUrl('/health'));
    expect(status, output).toBe(200);
    expect(body).toMatchObject({ ok: true });
    expect((await fetch(apiUrl('/'))).headers.get('content-type')).toContain('text/html');
  });

  it('seals Temporal payloads with a key generated into data/, and lets the UI decode through the API', async () => {
    const keys = await stat(join(dataDir, 'payload-keys'));
    expect(keys.mode & 0o777).toBe(0o600);
    expect(await readFile(join(dataDir, 'payload-keys'), 'utf8')).toMatch(/^k1:[\w-]{43}\n$/);
    const uiOrigin = `http://127.0.0.1:${ports.ui}`;
    const preflight = await fetch(apiUrl('/api/codec/decode'), {
      method: 'OPTIONS',
      headers: { origin: uiOrigin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('generates the master key wrapping buyer-data keys into data/', async () => {
    const file = join(dataDir, 'pii-master-keys');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const spec = await readFile(file, 'utf8');
    expect(spec).toMatch(/^m1:[\w-]{43}\n$/);
    expect(parsePiiKeyring(spec.trim()).currentKeyId).toBe('m1');
  });

  it('completes a system check exactly once across a kill -9 of the worker', async () => {
    const started = await postJson(apiUrl('/api/system-checks'), { holdMs: 6_000 }, adminToken);
    expect(started.status).toBe(202);
    const { checkId } = started.body as { checkId: string };
    const SystemCheck = systemCheckModel(database);

    await waitUntil(
      'the first activity attempt to start',
      async () =>
        (await SystemCheck.findById(checkId).lean())?.attemptsStarted.includes(1) ?? false,
      30_000,
    );
    process.kill(await pidOf('worker'), 'SIGKILL');

    await waitUntil(
      'the system check to complete on the restarted worker',
      async () =>
        (await getJson(apiUrl(`/api/system-checks/${checkId}`), adminToken)).body.status ===
        'COMPLETED',
      120_000,
      500,
    );
    const records = await SystemCheck.find({ _id: checkId }).lean();
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.attemptsStarted).toContain(2);
    expect(record?.completedByAttempt).toBeGreaterThanOrEqual(2);
    expect(await pidOf('worker')).not.toBe([...pidsSeen][0]);
  });

  it('turns health red while the database is down', async () => {
    process.kill(await pidOf('ferretdb'), 'SIGKILL');
    await waitUntil(
      'health to report the database down',
      async () => (await fetch(apiUrl('/health'))).status === 503,
      20_000,
    );
    const { body } = await getJson(apiUrl('/health'));
    expect(body).toMatchObject({ ok: false, database: { ok: false }, temporal: { ok: true } });
  });

  it('stops every process it started on SIGINT', async () => {
    for (const name of ['api', 'worker', 'sp-api-emulator', 'temporal']) await pidOf(name);
    const exited = new Promise((resolve) => supervisor.once('exit', resolve));
    supervisor.kill('SIGINT');
    await exited;
    for (const pid of pidsSeen) expect(isAlive(pid), `pid ${pid} still runs`).toBe(false);
    for (const port of Object.values(ports)) {
      expect(await isPortOpen('127.0.0.1', port), `port ${port} still open`).toBe(false);
    }
  });
});

function startEnvironment(
  dataDir: string,
  ports: { api: number; temporal: number; ui: number; mongo: number; marketplace: number },
): NodeJS.ProcessEnv {
  const {
    TEMPORAL_ADDRESS: _temporal,
    MONGODB_URI: _mongo,
    ACORN_ADMIN_TOKEN: _token,
    ACORN_PAYLOAD_KEYS: _payloadKeys,
    ACORN_PII_MASTER_KEYS: _piiKeys,
    LWA_REFRESH_TOKEN: _amazon,
    ...inherited
  } = process.env;
  return {
    ...inherited,
    ACORN_DATA_DIR: dataDir,
    PORT: String(ports.api),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    FERRETDB_PORT: String(ports.mongo),
    SP_API_EMULATOR_PORT: String(ports.marketplace),
    LOG_LEVEL: 'warn',
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
