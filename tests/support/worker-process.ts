import { join } from 'node:path';
import { inject } from 'vitest';
import { type ManagedProcess, startProcess } from '../../scripts/embedded/managed-process.ts';

export interface WorkerProcessOptions {
  /** A worker entry file, relative to the repo root. */
  entry: string;
  databaseName: string;
  taskQueue: string;
  logDir: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * A worker in its own process, wired to the shared test servers, so a test can SIGKILL it as
 * an operator or the OOM killer would and start another in its place.
 */
export function startWorkerProcess(options: WorkerProcessOptions): Promise<ManagedProcess> {
  return startProcess({
    name: 'test-worker',
    command: process.execPath,
    args: ['--import', 'tsx', options.entry],
    cwd: new URL('../..', import.meta.url).pathname,
    logFile: join(options.logDir, 'worker.log'),
    env: {
      ...process.env,
      ...options.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      MONGODB_URI: `${inject('mongoBaseUri')}/${options.databaseName}`,
      TASK_QUEUE: options.taskQueue,
      WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    },
  });
}
