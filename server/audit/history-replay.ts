import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PayloadCodec } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { ReplayVerdict } from '#api-contract/audit';
import { sealedDataConverter } from '#platform/temporal';
import { bundleWorkflows } from '../../worker/create-worker.ts';
import {
  chainHash,
  type History,
  protoNumber,
  type RunHistory,
  runSummary,
} from './run-history.ts';

type Divergence = NonNullable<ReplayVerdict['divergence']>;

/**
 * Replays recorded histories against the CURRENT workflow code: the bundle production ships
 * (ACORN_WORKFLOW_BUNDLE), or else `workflows/` bundled once per process. Replay proves the code
 * emits the recorded commands; it trusts its input, so each history's hash is checked first.
 * Payloads are opened with the codec that sealed them; one that accepts clear text, since
 * histories recorded before sealing hold clear text and what a run accepted is already in it.
 */
export class HistoryReplayer {
  private bundle?: Promise<string>;

  constructor(
    private readonly codec: PayloadCodec,
    private readonly workflowBundlePath?: string,
  ) {}

  async verify(workflowId: string, chain: RunHistory[]): Promise<ReplayVerdict> {
    const runs = chain.map(runSummary);
    const verdict = { runsChecked: 0, historyHash: chainHash(chain), runs };
    const tampered = chain.map(tamperOf).find((found) => found !== undefined);
    if (tampered) return { ...verdict, ok: false, divergence: tampered };
    const replay: Replay = { codePath: await this.bundlePath(), codec: this.codec, workflowId };
    for (const run of chain) {
      verdict.runsChecked += 1;
      const divergence = await replayRun(replay, run);
      if (divergence) return { ...verdict, ok: false, divergence };
    }
    return { ...verdict, ok: true };
  }

  private bundlePath(): Promise<string> {
    if (this.workflowBundlePath) return Promise.resolve(this.workflowBundlePath);
    this.bundle ??= bundleOnce().catch((error: unknown) => {
      this.bundle = undefined;
      throw error;
    });
    return this.bundle;
  }
}

function tamperOf(run: RunHistory): Divergence | undefined {
  if (run.recordedSha256 !== undefined && run.recordedSha256 !== run.sha256) {
    return {
      runId: run.runId,
      kind: 'tampered',
      message: 'The archived history no longer matches the hash recorded when it was archived.',
    };
  }
  if (run.anchoredSha256 !== undefined && run.anchoredSha256 !== run.sha256) {
    return {
      runId: run.runId,
      kind: 'tampered',
      message:
        'The archived history differs from the hash the audit log recorded when it was archived.',
    };
  }
  if (run.archivedSha256 !== undefined && run.archivedSha256 !== run.sha256) {
    return {
      runId: run.runId,
      kind: 'tampered',
      message: 'The archived copy of this run differs from the history Temporal holds.',
    };
  }
  return undefined;
}

/** What every replay of a chain shares: the code, the codec and the recorded workflow id. */
interface Replay {
  codePath: string;
  codec: PayloadCodec;
  workflowId: string;
}

async function replayRun(replay: Replay, run: RunHistory): Promise<Divergence | undefined> {
  const error = await replayError(replay, run.history);
  if (!error) return undefined;
  const nondeterminism = error.name === 'DeterminismViolationError';
  const eventId = nondeterminism ? await firstDivergentEvent(replay, run.history) : undefined;
  return {
    runId: run.runId,
    kind: nondeterminism ? 'nondeterminism' : 'replay-failed',
    message: error.message,
    ...(eventId !== undefined && { eventId }),
  };
}

async function replayError(replay: Replay, history: History): Promise<Error | undefined> {
  try {
    // Child and activity ids derive from the workflow id: replay must use the recorded one.
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: replay.codePath },
        dataConverter: sealedDataConverter(replay.codec),
      },
      history,
      replay.workflowId,
    );
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The SDK names the mismatch but not the event. Replaying ever longer prefixes, cut between
 * workflow tasks, finds the first task whose commands diverge (a binary search: a few replays);
 * the answer is the first event that task's commands recorded.
 */
async function firstDivergentEvent(replay: Replay, history: History): Promise<number | undefined> {
  const events = history.events ?? [];
  const cuts = [
    ...events.flatMap((event, index) =>
      event.workflowTaskScheduledEventAttributes ? [index] : [],
    ),
    events.length,
  ];
  let low = 0;
  let high = cuts.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    const prefix = { events: events.slice(0, cuts[middle]) };
    if (await replayError(replay, prefix)) high = middle;
    else low = middle + 1;
  }
  const task = events.slice(cuts[low - 1] ?? 0, cuts[low]);
  const completed = task.findLastIndex((event) => event.workflowTaskCompletedEventAttributes);
  const recorded = task[completed + 1] ?? task[completed];
  return recorded ? protoNumber(recorded.eventId) : undefined;
}

async function bundleOnce(): Promise<string> {
  const code = await bundleWorkflows();
  const path = join(await mkdtemp(join(tmpdir(), 'acorn-replay-')), 'workflow-bundle.js');
  await writeFile(path, code);
  return path;
}
