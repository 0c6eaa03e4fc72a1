/**
 * Records the histories the replay guard replays:
 * `node --import tsx tests/replay/record-histories.ts <generation>`.
 * Record a new generation after a deliberate, patched() change of the interpreter; the files are
 * named `replay-<generation>-<run>.json` beside the older ones, which must still replay too.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { loadConfig } from '#platform/config';
import { generatePayloadKey } from '#platform/payload-codec';
import { payloadCodec } from '#platform/temporal';
import { openHistory } from '../../server/audit/open-history.ts';
import { bundleWorkflows } from '../../worker/create-worker.ts';
import { InterpreterHarness } from '../support/interpreter-harness.ts';
import { startTestStack } from '../support/test-stack.ts';
import { representativeRuns } from './representative-runs.ts';

const historiesDir = new URL('../fixtures/histories/', import.meta.url).pathname;
const generation = process.argv[2];
if (!generation || !/^[a-z0-9-]+$/.test(generation)) {
  throw new Error('name the generation being recorded, e.g. "local-trail" (a-z, 0-9, -)');
}

// Runs are sealed as in production, with a throw-away key; the files keep them opened, so they
// replay with any key (the replay codec takes clear text) and hold nothing secret.
process.env.ACORN_PAYLOAD_KEYS ??= generatePayloadKey('record');
const codec = payloadCodec(loadConfig());
const stack = await startTestStack();
const bundlePath = join(await mkdtemp(join(tmpdir(), 'acorn-record-')), 'bundle.js');
await writeFile(bundlePath, await bundleWorkflows());
const harness = await InterpreterHarness.open('record-histories', {
  temporalAddress: stack.temporalAddress,
  mongoBaseUri: stack.mongoBaseUri,
  workflowBundlePath: bundlePath,
});
try {
  for (const run of representativeRuns) {
    const handle = await run.drive(harness, `replay-${generation}-${run.name}`);
    const latest = await handle.describe();
    const firstRunId = latest.raw.workflowExecutionInfo?.firstRunId ?? latest.runId;
    // A continued-as-new run has two shapes worth replaying: the first run and a resumed one.
    const runIds = [...new Set([firstRunId, latest.runId])];
    for (const [index, runId] of runIds.entries()) {
      const history = await harness.client.workflow
        .getHandle(handle.workflowId, runId)
        .fetchHistory();
      // The file is named after the workflow id: replay needs it (child ids derive from it).
      const name = index === 0 ? handle.workflowId : `${handle.workflowId}~resumed`;
      const opened = await openHistory(history, codec);
      await writeFile(join(historiesDir, `${name}.json`), historyToJSON(opened));
      console.log(`recorded ${name} (${history.events?.length} events)`);
    }
  }
} finally {
  await harness.close();
  await stack.stop();
}
