import type { PayloadCodec } from '@temporalio/common';
import {
  type BundleOptions,
  bundleWorkflowCode,
  type NativeConnection,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { loadConfig } from '#platform/config';
import { registerPiiVault } from '#platform/pii-vault';
import { failureConverterPath, payloadCodec, sealedDataConverter } from '#platform/temporal';
import { type CatalogActivity, registerCatalog } from './activities/catalog-activity.ts';
import { createActivities } from './activities/index.ts';
import { livenessHeartbeat } from './liveness-heartbeat.ts';

export interface AcornWorkerOptions {
  temporal: NativeConnection;
  namespace: string;
  taskQueue: string;
  database: Connection;
  /** A pre-built bundle (tests, production images); otherwise workflows/ is bundled at start. */
  workflowBundlePath?: string;
  /** The catalog activities action nodes call (marketplace, store, finance, notify). */
  catalog?: CatalogActivity[];
  /** Extra activities, e.g. a test's own catalog entries. */
  extraActivities?: Record<string, (...args: never[]) => Promise<unknown>>;
  /** Seals and opens every payload; by default the keys in the environment (ACORN_PAYLOAD_KEYS). */
  payloadCodec?: PayloadCodec;
}

export const workflowsEntry = new URL('../workflows/index.ts', import.meta.url).pathname;

/**
 * Evaluated once per worker instead of once per workflow: each workflow gets its own module
 * cache, so without this every run re-ran the flow language's module code (its zod schemas,
 * the rule engine) on its first task, about 14 ms of CPU per case (bench/interpreter-overhead.ts).
 * Safe to share because the flow language is pure: no workflow APIs, clocks or randomness, and
 * its only module state is per-object memos and the rule budget reset before each evaluation.
 */
export const PRELOADED_WORKFLOW_MODULES = ['#flow-language'];

/**
 * How every bundle of workflow code is built. It carries the same failure converter the
 * workers and clients load, so failures stay sealed in history.
 */
export function workflowBundleOptions(workflowsPath = workflowsEntry): BundleOptions {
  return { workflowsPath, failureConverterPath, preloadModules: PRELOADED_WORKFLOW_MODULES };
}

/** The workflow code as a pre-built bundle (tests, benchmarks, replay). */
export async function bundleWorkflows(logger?: BundleOptions['logger']): Promise<string> {
  const bundle = await bundleWorkflowCode({
    ...workflowBundleOptions(),
    ...(logger && { logger }),
  });
  return bundle.code;
}

export async function createAcornWorker(options: AcornWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> =
    options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : {
          workflowsPath: workflowsEntry,
          bundlerOptions: { preloadModules: PRELOADED_WORKFLOW_MODULES },
        };
  // Activities open buyer data with the case keys kept in this database.
  registerPiiVault(options.database);
  return Worker.create({
    connection: options.temporal,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: sealedDataConverter(options.payloadCodec ?? payloadCodec(loadConfig())),
    activities: {
      ...createActivities({ database: options.database }),
      ...registerCatalog(options.catalog ?? []),
      ...options.extraActivities,
    },
    interceptors: { activity: [livenessHeartbeat] },
    shutdownGraceTime: '5 seconds',
    ...workflowSource,
  });
}
