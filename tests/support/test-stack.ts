import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerretDb } from '../../scripts/embedded/ferretdb-server.ts';
import { findFreePort } from '../../scripts/embedded/managed-process.ts';
import { startTemporalDevServer } from '../../scripts/embedded/temporal-dev-server.ts';
import { ferretDbPath, temporalCliPath } from '../../scripts/embedded/tool-cache.ts';

export interface TestStack {
  temporalAddress: string;
  mongoBaseUri: string;
  /** Process ids of the servers, for benchmarks that account their CPU time. */
  pids: { temporal: number; ferretDb: number };
  stop(): Promise<void>;
}

/** A throw-away Temporal dev server and FerretDB on free ports, data in a temp directory. */
export async function startTestStack(): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'acorn-test-'));
  const logDir = join(dataDir, 'logs');
  const [temporalPort = 0, uiPort = 0, mongoPort = 0] = await distinctFreePorts(3);
  const [temporal, ferret] = await Promise.all([
    startTemporalDevServer({
      cliPath: temporalCliPath(),
      port: temporalPort,
      uiPort,
      dbFile: join(dataDir, 'temporal.sqlite'),
      logDir,
    }),
    startFerretDb({
      binaryPath: ferretDbPath(),
      port: mongoPort,
      dataDir: join(dataDir, 'ferretdb'),
      logDir,
    }),
  ]);
  return {
    temporalAddress: temporal.address,
    mongoBaseUri: ferret.uri,
    pids: { temporal: temporal.process.pid, ferretDb: ferret.process.pid },
    async stop() {
      await Promise.all([temporal.process.stop(), ferret.process.stop()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await findFreePort());
  return [...ports];
}
