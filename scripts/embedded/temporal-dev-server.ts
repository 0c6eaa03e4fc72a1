import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { isPortOpen, type ManagedProcess, startProcess, waitUntil } from './managed-process.ts';

export interface TemporalDevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  /** SQLite file; workflows survive a restart of the server. */
  dbFile: string;
  logDir: string;
  namespace?: string;
  /** The Web UI's remote codec (`--ui-codec-endpoint`): it shows sealed payloads opened there. */
  codecEndpoint?: string;
}

export interface TemporalDevServer {
  address: string;
  uiUrl: string;
  process: ManagedProcess;
}

export async function startTemporalDevServer(
  options: TemporalDevServerOptions,
): Promise<TemporalDevServer> {
  const host = '127.0.0.1';
  if (await isPortOpen(host, options.port)) {
    throw new Error(`port ${options.port} is taken: set TEMPORAL_PORT or stop what listens there`);
  }
  await mkdir(dirname(options.dbFile), { recursive: true });
  const namespaceArgs =
    options.namespace && options.namespace !== 'default' ? ['--namespace', options.namespace] : [];
  const process = await startProcess({
    name: 'temporal',
    command: options.cliPath,
    args: [
      'server',
      'start-dev',
      '--ip',
      host,
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--db-filename',
      options.dbFile,
      '--log-format',
      'json',
      ...namespaceArgs,
      ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ],
    logFile: join(options.logDir, 'temporal.log'),
  });
  const address = `${host}:${options.port}`;
  await Promise.race([
    waitForNamespace(address, options.namespace ?? 'default'),
    process.exited.then((code) => {
      throw new Error(`Temporal dev server exited (${code}); see ${options.logDir}/temporal.log`);
    }),
  ]).catch(async (error) => {
    await process.stop();
    throw error;
  });
  return { address, uiUrl: `http://${host}:${options.uiPort}`, process };
}

async function waitForNamespace(address: string, namespace: string): Promise<void> {
  await waitUntil(
    `Temporal at ${address}`,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: '1s' });
      try {
        await new Client({ connection, namespace }).workflowService.describeNamespace({
          namespace,
        });
        return true;
      } finally {
        await connection.close();
      }
    },
    60_000,
    300,
  );
}
