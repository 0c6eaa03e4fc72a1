import { join } from 'node:path';
import { startFerretDb } from '../../scripts/embedded/ferretdb-server.ts';
import {
  isPortOpen,
  type ManagedProcess,
  waitUntil,
} from '../../scripts/embedded/managed-process.ts';
import { startTemporalDevServer } from '../../scripts/embedded/temporal-dev-server.ts';
import { ferretDbPath, temporalCliPath } from '../../scripts/embedded/tool-cache.ts';
import { distinctFreePorts } from './test-stack.ts';

/**
 * A server a fault test may kill: `kill -9` as a crash or the OOM killer would (no shutdown,
 * no flush), then started again on the same port and the same data, so every client that
 * knew the address reconnects on its own.
 */
export interface KillableServer {
  /** Where clients connect: a Temporal address, or a MongoDB base URI. */
  readonly address: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const LAUNCH_ATTEMPTS = 3;

class Killable implements KillableServer {
  private running?: ManagedProcess;

  constructor(
    readonly address: string,
    private readonly port: number,
    private readonly launch: () => Promise<ManagedProcess>,
  ) {}

  /**
   * Starts the server again, up to three times: the Temporal dev server picks its other ports
   * (HTTP, metrics, its internal services) as free ones when it starts, so a server another
   * test file starts meanwhile can take one first and the launch exits. What a fault test
   * checks is how the system rides out the kill, not that race; a server that cannot start on
   * its data fails all three.
   */
  async restart(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.running = await this.launch();
        return;
      } catch (error) {
        if (attempt === LAUNCH_ATTEMPTS) throw error;
        console.warn(
          `${this.address} did not start (attempt ${attempt} of ${LAUNCH_ATTEMPTS}):`,
          error,
        );
      }
    }
  }

  async kill(): Promise<void> {
    const running = this.running;
    if (!running) throw new Error(`${this.address} is not running`);
    this.running = undefined;
    process.kill(-running.pid, 'SIGKILL');
    await running.exited;
    await waitUntil(
      `port ${this.port} to close`,
      async () => !(await isPortOpen('127.0.0.1', this.port)),
      30_000,
    );
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}

/** FerretDB (SQLite backend, as `npm start` runs it) with its data under `dataDir`. */
export async function startKillableFerretDb(dataDir: string): Promise<KillableServer> {
  const [port = 0] = await distinctFreePorts(1);
  const launch = async () =>
    (
      await startFerretDb({
        binaryPath: ferretDbPath(),
        port,
        dataDir: join(dataDir, 'ferretdb'),
        logDir: join(dataDir, 'logs'),
      })
    ).process;
  const server = new Killable(`mongodb://127.0.0.1:${port}`, port, launch);
  await server.restart();
  return server;
}

/** The Temporal dev server on its SQLite file under `dataDir`. */
export async function startKillableTemporal(dataDir: string): Promise<KillableServer> {
  const [port = 0, uiPort = 0] = await distinctFreePorts(2);
  const launch = async () =>
    (
      await startTemporalDevServer({
        cliPath: temporalCliPath(),
        port,
        uiPort,
        dbFile: join(dataDir, 'temporal.sqlite'),
        logDir: join(dataDir, 'logs'),
      })
    ).process;
  const server = new Killable(`127.0.0.1:${port}`, port, launch);
  await server.restart();
  return server;
}
