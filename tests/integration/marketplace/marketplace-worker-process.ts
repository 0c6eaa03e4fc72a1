/**
 * A marketplace worker in its own process, so a test can SIGKILL it mid-refund exactly as
 * the OOM killer would. SP-API settings come from the environment like in production.
 */
import { connectDatabase } from '#platform/database';
import { startMarketplaceWorker } from './marketplace-worker.ts';

const { TEMPORAL_ADDRESS, MONGODB_URI, TASK_QUEUE, WORKFLOW_BUNDLE } = process.env;
if (!TEMPORAL_ADDRESS || !MONGODB_URI || !TASK_QUEUE || !WORKFLOW_BUNDLE) {
  throw new Error('TEMPORAL_ADDRESS, MONGODB_URI, TASK_QUEUE and WORKFLOW_BUNDLE are required');
}
const database = await connectDatabase(MONGODB_URI);
await startMarketplaceWorker({
  temporalAddress: TEMPORAL_ADDRESS,
  taskQueue: TASK_QUEUE,
  database,
  workflowBundlePath: WORKFLOW_BUNDLE,
  env: process.env,
});
console.log('marketplace worker polling');
