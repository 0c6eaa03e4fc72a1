import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

const historiesDir = new URL('../fixtures/histories/', import.meta.url).pathname;

/**
 * The determinism guard: every recorded run must replay against the current workflow code.
 * A change that alters the commands an old history expects fails here, not in production.
 */
describe('recorded histories', () => {
  it('all replay against the current workflow code', async () => {
    const files = (await readdir(historiesDir)).filter((file) => file.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: file.replace(/(~resumed)?\.json$/, ''),
        history: historyFromJSON(JSON.parse(await readFile(join(historiesDir, file), 'utf8'))),
      })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
