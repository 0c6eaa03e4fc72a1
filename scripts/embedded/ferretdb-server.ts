import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { isPortOpen, type ManagedProcess, startProcess, waitUntil } from './managed-process.ts';

export interface FerretDbOptions {
  binaryPath: string;
  port: number;
  /** Directory of SQLite files, one per database. */
  dataDir: string;
  logDir: string;
}

export interface FerretDbServer {
  /** Base URI without a database name; callers append theirs. */
  uri: string;
  process: ManagedProcess;
}

export async function startFerretDb(options: FerretDbOptions): Promise<FerretDbServer> {
  const host = '127.0.0.1';
  if (await isPortOpen(host, options.port)) {
    throw new Error(`port ${options.port} is taken: set FERRETDB_PORT or stop what listens there`);
  }
  await mkdir(options.dataDir, { recursive: true });
  const process = await startProcess({
    name: 'ferretdb',
    command: options.binaryPath,
    args: [
      '--handler=sqlite',
      `--sqlite-url=file:${options.dataDir}/`,
      `--state-dir=${options.dataDir}`,
      `--listen-addr=${host}:${options.port}`,
      // The debug/metrics listener is not needed and would collide between instances.
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
      '--log-format=json',
    ],
    logFile: join(options.logDir, 'ferretdb.log'),
  });
  const uri = `mongodb://${host}:${options.port}`;
  await Promise.race([
    waitUntil(`FerretDB at ${uri}`, () => pingMongo(uri), 30_000),
    process.exited.then((code) => {
      throw new Error(`FerretDB exited (${code}); see ${options.logDir}/ferretdb.log`);
    }),
  ]).catch(async (error) => {
    await process.stop();
    throw error;
  });
  return { uri, process };
}

async function pingMongo(uri: string): Promise<boolean> {
  const connection = mongoose.createConnection(`${uri}/admin`, { serverSelectionTimeoutMS: 1_000 });
  try {
    await connection.asPromise();
    await connection.db?.admin().command({ ping: 1 });
    return true;
  } finally {
    await connection.close();
  }
}
