/**
 * A worker in its own process (the real interpreter plus probe activities), so tests can kill it
 * with SIGKILL exactly as an operator or the OOM killer would.
 */
import { NativeConnection } from '@temporalio/worker';
import { connectDatabase } from '#platform/database';
import { createAcornWorker } from '../../worker/create-worker.ts';
import { createProbeActivities } from './probe-activities.ts';

const { TEMPORAL_ADDRESS, MONGODB_URI, TASK_QUEUE, WORKFLOW_BUNDLE } = process.env;
if (!TEMPORAL_ADDRESS || !MONGODB_URI || !TASK_QUEUE || !WORKFLOW_BUNDLE) {
  throw new Error('TEMPORAL_ADDRESS, MONGODB_URI, TASK_QUEUE and WORKFLOW_BUNDLE are required');
}
const database = await connectDatabase(MONGODB_URI);
const worker = await createAcornWorker({
  temporal: await NativeConnection.connect({ address: TEMPORAL_ADDRESS }),
  namespace: 'default',
  taskQueue: TASK_QUEUE,
  database,
  workflowBundlePath: WORKFLOW_BUNDLE,
  extraActivities: createProbeActivities(database),
});
console.log('probe worker polling');
await worker.run();
await database.close();
