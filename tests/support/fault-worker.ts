import { hostname } from 'node:os';
import { join } from 'node:path';
import { type ManagedProcess, startProcess } from '../../scripts/embedded/managed-process.ts';

export interface ProductionWorkerOptions {
  name: string;
  temporalAddress: string;
  /** With the database name. */
  mongoUri: string;
  taskQueue: string;
  workflowBundlePath: string;
  logDir: string;
  /** Deployment settings: the SP-API endpoint, SMTP, timeouts. */
  env: Record<string, string>;
}

export interface ProductionWorker extends ManagedProcess {
  /** How Temporal names this worker in pending activities and history (the SDK's default). */
  readonly identity: string;
}

/** The production worker entry point (`worker/main.ts`), as `npm start` and the image run it. */
export async function startProductionWorker(
  options: ProductionWorkerOptions,
): Promise<ProductionWorker> {
  const worker = await startProcess({
    name: options.name,
    command: process.execPath,
    args: ['--import', 'tsx', 'worker/main.ts'],
    cwd: new URL('../..', import.meta.url).pathname,
    logFile: join(options.logDir, `${options.name}.log`),
    env: {
      ...process.env,
      ...options.env,
      TEMPORAL_ADDRESS: options.temporalAddress,
      MONGODB_URI: options.mongoUri,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      ACORN_WORKFLOW_BUNDLE: options.workflowBundlePath,
      // These workers run cases submitted by the tests; intake (which signs audit entries with
      // ACORN_AUDIT_KEY) has its own tests in tests/integration/intake.
      ACORN_INTAKE_POLL_SECONDS: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  return Object.assign(worker, { identity: `${worker.pid}@${hostname()}` });
}
