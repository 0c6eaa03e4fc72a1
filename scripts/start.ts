import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { CODEC_PATH } from '#api-contract/codec';
import { temporalTls } from '#platform/temporal-tls';
import { spApiEmulatorEnv } from '../emulators/sp-api/index.ts';
import { startFerretDb } from './embedded/ferretdb-server.ts';
import { isPortOpen, type ManagedProcess, waitUntil } from './embedded/managed-process.ts';
import { SupervisedService, stopLeftoverProcesses } from './embedded/supervised-service.ts';
import { startTemporalDevServer } from './embedded/temporal-dev-server.ts';
import { ferretDbPath, temporalCliPath } from './embedded/tool-cache.ts';

const log = (line: string) => console.log(`[acorn] ${line}`);
const root = new URL('..', import.meta.url).pathname;
const env = process.env;
const dataDir = resolve(root, env.ACORN_DATA_DIR ?? 'data');
const logDir = join(dataDir, 'logs');
const runDir = join(dataDir, 'run');
const apiPort = Number(env.PORT ?? 8080);
const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
const taskQueue = env.TEMPORAL_TASK_QUEUE ?? 'acorn-flow';

const embedded: ManagedProcess[] = [];
const services: SupervisedService[] = [];
let shuttingDown = false;

async function main(): Promise<void> {
  await mkdir(runDir, { recursive: true });
  await stopLeftoverProcesses(runDir, ['api', 'worker', 'sp-api-emulator', 'temporal', 'ferretdb']);
  const [temporalAddress, mongoUri, marketplaceEnv] = await Promise.all([
    startTemporal(),
    startMongo(),
    startMarketplace(),
  ]);
  const adminToken = env.ACORN_ADMIN_TOKEN ?? (await secretInDataDir('admin-token'));
  const seedDemoData = !env.MONGODB_URI;
  const childEnv = {
    ...env,
    ...marketplaceEnv,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    MONGODB_URI: mongoUri,
    PORT: String(apiPort),
    ACORN_ADMIN_TOKEN: adminToken,
    ACORN_SESSION_SECRET: env.ACORN_SESSION_SECRET ?? (await secretInDataDir('session-secret', 32)),
    ACORN_AUDIT_KEY: env.ACORN_AUDIT_KEY ?? (await secretInDataDir('audit-key', 32)),
    ACORN_AUDIT_HEADS_FILE: env.ACORN_AUDIT_HEADS_FILE ?? join(dataDir, 'audit-heads.jsonl'),
    // `id:key`: rotating is appending `,k2:<32 bytes of base64>` to the file (see README).
    ACORN_PAYLOAD_KEYS:
      env.ACORN_PAYLOAD_KEYS ?? (await secretInDataDir('payload-keys', 32, 'k1:')),
    // Wraps each case's buyer-data key; rotating is appending `,m2:<32 bytes of base64>`.
    ACORN_PII_MASTER_KEYS:
      env.ACORN_PII_MASTER_KEYS ?? (await secretInDataDir('pii-master-keys', 32, 'm1:')),
    ...(!env.TEMPORAL_ADDRESS && {
      ACORN_CODEC_CORS_ORIGINS: env.ACORN_CODEC_CORS_ORIGINS ?? temporalUiOrigin(),
    }),
    ACORN_SEED_DEMO_DATA: String(seedDemoData),
    ...(seedDemoData && (await demoCredentials())),
  };
  for (const [name, entry] of [
    ['worker', 'worker/main.ts'],
    ['api', 'server/main.ts'],
  ] as const) {
    const service = new SupervisedService(
      {
        name,
        command: process.execPath,
        args: ['--import', 'tsx', entry],
        cwd: root,
        env: childEnv,
        logFile: join(logDir, `${name}.log`),
      },
      runDir,
      log,
    );
    services.push(service);
    await service.start();
  }
  await Promise.all([waitForApi(), waitForWorker(temporalAddress)]);
  printReady(temporalAddress);
}

async function startTemporal(): Promise<string> {
  if (env.TEMPORAL_ADDRESS) {
    log(`using Temporal at ${env.TEMPORAL_ADDRESS}`);
    return env.TEMPORAL_ADDRESS;
  }
  const server = await startTemporalDevServer({
    cliPath: temporalCliPath(),
    port: Number(env.TEMPORAL_PORT ?? 7233),
    uiPort: Number(env.TEMPORAL_UI_PORT ?? 8233),
    dbFile: join(dataDir, 'temporal', 'temporal.sqlite'),
    logDir,
    namespace,
    // The UI opens sealed payloads through the API, for a signed-in auditor or admin.
    codecEndpoint: `http://127.0.0.1:${apiPort}${CODEC_PATH}`,
  });
  embedded.push(server.process);
  await writeFile(join(runDir, 'temporal.pid'), String(server.process.pid));
  return server.address;
}

const temporalUiOrigin = () => `http://127.0.0.1:${env.TEMPORAL_UI_PORT ?? 8233}`;

async function startMongo(): Promise<string> {
  if (env.MONGODB_URI) {
    log('using the MongoDB at MONGODB_URI');
    return env.MONGODB_URI;
  }
  const server = await startFerretDb({
    binaryPath: ferretDbPath(),
    port: Number(env.FERRETDB_PORT ?? 27018),
    dataDir: join(dataDir, 'ferretdb'),
    logDir,
  });
  embedded.push(server.process);
  await writeFile(join(runDir, 'ferretdb.pid'), String(server.process.pid));
  return `${server.uri}/acorn-flow`;
}

/**
 * Without Amazon credentials the SP-API emulator stands in for the marketplace, with its
 * orders, feeds and refunds kept in data/. With them, the worker talks to Amazon.
 */
async function startMarketplace(): Promise<Record<string, string>> {
  if (env.LWA_REFRESH_TOKEN) {
    log('using Amazon SP-API with the LWA credentials from the environment');
    return {};
  }
  const port = Number(env.SP_API_EMULATOR_PORT ?? 8110);
  const emulator = new SupervisedService(
    {
      name: 'sp-api-emulator',
      command: process.execPath,
      args: ['--import', 'tsx', 'emulators/sp-api/main.ts'],
      cwd: root,
      env: {
        ...env,
        SP_API_EMULATOR_PORT: String(port),
        SP_API_EMULATOR_DATA_DIR: join(dataDir, 'sp-api-emulator'),
      },
      logFile: join(logDir, 'sp-api-emulator.log'),
    },
    runDir,
    log,
  );
  services.push(emulator);
  await emulator.start();
  await waitUntil(
    `the SP-API emulator on port ${port}`,
    () => isPortOpen('127.0.0.1', port),
    60_000,
  );
  return spApiEmulatorEnv(`http://127.0.0.1:${port}`);
}

/** A random secret kept in data/, readable only by this user, so no secret lives in the repo. */
async function secretInDataDir(fileName: string, bytes = 24, prefix = ''): Promise<string> {
  const secretFile = join(dataDir, fileName);
  const existing = await readFile(secretFile, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const secret = `${prefix}${randomBytes(bytes).toString('base64url')}`;
  await writeFile(secretFile, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The demo users' password and the demo integration token, generated on first start. */
async function demoCredentials(): Promise<Record<string, string>> {
  return {
    ACORN_DEMO_PASSWORD: env.ACORN_DEMO_PASSWORD ?? (await secretInDataDir('demo-password', 12)),
    ACORN_DEMO_TOKEN: env.ACORN_DEMO_TOKEN ?? (await secretInDataDir('demo-token', 32, 'acorn_')),
  };
}

async function waitForApi(): Promise<void> {
  await waitUntil(
    `the API's /health on port ${apiPort}`,
    async () => (await fetch(`http://127.0.0.1:${apiPort}/health`)).ok,
    120_000,
    500,
  );
}

/** The worker is ready once Temporal sees it polling the task queue. */
async function waitForWorker(address: string): Promise<void> {
  const connection = await Connection.connect({ address, tls: temporalTls(env) });
  const client = new Client({ connection, namespace });
  try {
    await waitUntil(
      `a worker polling task queue ${taskQueue}`,
      async () => {
        const queue = await client.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: taskQueue },
        });
        return queue.pollers.length > 0;
      },
      180_000,
      500,
    );
  } finally {
    await connection.close();
  }
}

function printReady(temporalAddress: string): void {
  const lines = [
    `Acorn Flow is up.`,
    `  designer + API  http://127.0.0.1:${apiPort}`,
    `  health          http://127.0.0.1:${apiPort}/health`,
    `  Temporal        ${temporalAddress}`,
  ];
  if (!env.TEMPORAL_ADDRESS) {
    lines.push(`  Temporal Web UI http://127.0.0.1:${env.TEMPORAL_UI_PORT ?? 8233}`);
  }
  if (!env.LWA_REFRESH_TOKEN) {
    lines.push(`  SP-API emulator http://127.0.0.1:${env.SP_API_EMULATOR_PORT ?? 8110}`);
  }
  if (!env.ACORN_ADMIN_TOKEN) lines.push(`  admin token     ${join(dataDir, 'admin-token')}`);
  if (!env.MONGODB_URI) {
    lines.push(
      `  demo users      ada (admin), rob and rae (reviewers), aud (auditor), rita (requester)`,
      `  demo password   ${env.ACORN_DEMO_PASSWORD ? 'ACORN_DEMO_PASSWORD' : join(dataDir, 'demo-password')}`,
      `  demo token      ${env.ACORN_DEMO_TOKEN ? 'ACORN_DEMO_TOKEN' : join(dataDir, 'demo-token')} (Rita's integration)`,
    );
  }
  lines.push(`  logs            ${logDir}`, 'Press Ctrl-C to stop everything.');
  console.log(lines.join('\n'));
}

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`stopping (${reason})…`);
  // Clients first, servers last, so the worker can finish its in-flight tasks cleanly.
  for (const service of services.reverse()) await service.stop();
  for (const server of embedded.reverse()) await server.stop();
  await stopLeftoverProcesses(runDir, ['temporal', 'ferretdb']);
  log('stopped');
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(signal, 0));
}

main().catch(async (error: unknown) => {
  console.error(`[acorn] failed to start: ${error instanceof Error ? error.message : error}`);
  await shutdown('start-up failed', 1);
});
