import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { generatePayloadKey } from '#platform/payload-codec';
import { generatePiiMasterKey } from '#platform/pii-keyring';
import { bundleWorkflows } from '../../worker/create-worker.ts';
import { startTestStack } from '../support/test-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    mongoBaseUri: string;
    workflowBundlePath: string;
  }
}

/** One Temporal server, one FerretDB and one workflow bundle shared by every integration file. */
export default async function setup(project: TestProject) {
  // Test files and the workers they spawn inherit this environment: everything they send to
  // Temporal is sealed, as in production.
  process.env.ACORN_PAYLOAD_KEYS ??= generatePayloadKey('test');
  process.env.ACORN_PII_MASTER_KEYS ??= generatePiiMasterKey('test');
  const [stack, bundleDir] = await Promise.all([
    startTestStack(),
    mkdtemp(join(tmpdir(), 'acorn-bundle-')),
  ]);
  const workflowBundlePath = join(bundleDir, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, await bundleWorkflows(quietLogger));

  project.provide('temporalAddress', stack.temporalAddress);
  project.provide('mongoBaseUri', stack.mongoBaseUri);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    await stack.stop();
    await rm(bundleDir, { recursive: true, force: true });
  };
}

const quietLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn: console.warn,
  error: console.error,
};
