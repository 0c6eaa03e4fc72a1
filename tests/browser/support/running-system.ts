import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { distinctFreePorts } from '../../support/test-stack.ts';

const root = new URL('../../..', import.meta.url).pathname;

export interface RunningSystem {
  baseUrl: string;
  dataDir: string;
  /** The demo users' password, generated into the data dir on first start. */
  demoPassword: string;
  /** Rita's (requester) integration token. */
  demoToken: string;
  /** The bootstrap admin token (`data/admin-token`). */
  adminToken: string;
  /** The embedded FerretDB's database, for tests that stage records the UI then shows. */
  mongoUri: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `scripts/start.ts` as the README runs it, on its embedded defaults (demo data on), with a
 * throw-away data dir and free ports, like tests/integration/start-command.test.ts.
 */
export async function startSystem(): Promise<RunningSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'acorn-browser-'));
  const [api = 0, temporal = 0, ui = 0, mongo = 0, marketplace = 0] = await distinctFreePorts(5);
  const {
    TEMPORAL_ADDRESS: _temporal,
    MONGODB_URI: _mongo,
    ACORN_ADMIN_TOKEN: _token,
    ACORN_DEMO_PASSWORD: _password,
    ACORN_DEMO_TOKEN: _demoToken,
    LWA_REFRESH_TOKEN: _amazon,
    ...inherited
  } = process.env;
  const supervisor = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...inherited,
      ACORN_DATA_DIR: dataDir,
      PORT: String(api),
      TEMPORAL_PORT: String(temporal),
      TEMPORAL_UI_PORT: String(ui),
      FERRETDB_PORT: String(mongo),
      SP_API_EMULATOR_PORT: String(marketplace),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  supervisor.stdout?.on('data', collect);
  supervisor.stderr?.on('data', collect);
  const stop = () => stopSupervisor(supervisor, dataDir);
  try {
    await waitUntil(
      '"Acorn Flow is up."',
      async () => {
        if (supervisor.exitCode !== null) throw new Error(`start.ts exited:\n${output}`);
        return output.includes('Acorn Flow is up.');
      },
      240_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const secret = async (name: string) => (await readFile(join(dataDir, name), 'utf8')).trim();
  return {
    baseUrl: `http://127.0.0.1:${api}`,
    dataDir,
    demoPassword: await secret('demo-password'),
    demoToken: await secret('demo-token'),
    adminToken: await secret('admin-token'),
    mongoUri: `mongodb://127.0.0.1:${mongo}/acorn-flow`,
    output: () => output,
    stop,
  };
}

async function stopSupervisor(supervisor: ChildProcess, dataDir: string): Promise<void> {
  if (supervisor.exitCode === null) {
    const exited = new Promise((resolve) => supervisor.once('exit', resolve));
    supervisor.kill('SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (supervisor.exitCode === null) supervisor.kill('SIGKILL');
  }
  await rm(dataDir, { recursive: true, force: true });
}
