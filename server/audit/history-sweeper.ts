import type { Client } from '@temporalio/client';
import type { Logger } from '#platform/logger';
import { everyInterval } from '../periodic-round.ts';
import type { CaseHistories } from './case-histories.ts';

/** Closed runs only: a running run's history is still growing. */
const CLOSED_RUNS = "WorkflowType = 'runFlow' AND ExecutionStatus != 'Running'";
const BATCH = 100;

/**
 * Archives every closed `runFlow` run Temporal still lists and the archive lacks, so a case
 * nobody audits before Temporal's retention ends keeps its history. Temporal only lists runs
 * inside retention, which bounds each sweep.
 */
export async function sweepClosedRuns(temporal: Client, histories: CaseHistories): Promise<number> {
  let archived = 0;
  let batch: { workflowId: string; runId: string }[] = [];
  const flush = async () => {
    const known = await histories.archivedRunIds(batch.map((run) => run.runId));
    for (const run of batch) {
      if (!known.has(run.runId) && (await histories.archiveRun(run.workflowId, run.runId))) {
        archived += 1;
      }
    }
    batch = [];
  };
  for await (const execution of temporal.workflow.list({ query: CLOSED_RUNS })) {
    batch.push({ workflowId: execution.workflowId, runId: execution.runId });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return archived;
}

/** Sweeps now and then every `intervalSeconds`; a failed sweep is logged and retried next time. */
export function startHistorySweeper(
  deps: { temporal: Client; histories: CaseHistories; logger: Logger },
  intervalSeconds: number,
): () => void {
  return everyInterval(
    intervalSeconds,
    async () => {
      const archived = await sweepClosedRuns(deps.temporal, deps.histories);
      if (archived > 0) deps.logger.info({ archived }, 'archived closed run histories');
    },
    (error) =>
      deps.logger.warn({ err: error }, 'history sweep failed; retrying at the next interval'),
  );
}
