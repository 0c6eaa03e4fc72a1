import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { CaseTimeline, TimelineItem } from '#api-contract/audit';
import { readSavedTrail } from '#platform/case-trail/saved-trail';
import { flowStateQuery } from '../../workflows/flow-run/definitions.ts';
import type { TrailEvent } from '../../workflows/flow-run/types.ts';
import { caseWorkflowId } from '../cases/case-submission.ts';
import { notFound } from '../http/api-errors.ts';
import { historyTimeline } from './history-timeline.ts';
import { type RunHistory, runSummary } from './run-history.ts';

/** One trail event as auditors get it: saved (with its chain hashes) or live from the run. */
export interface TrailLine extends TrailEvent {
  runId?: string;
  previousHash?: string;
  hash?: string;
}

/** The timeline, and the trail events it was drawn from, for the export's hash chain. */
export interface CaseRecord {
  timeline: CaseTimeline;
  trail: TrailLine[];
}

/**
 * A case as auditors see it: the business trail (live from the running workflow, else as saved
 * when the run ended) merged in time order with Temporal's history of every run of its chain.
 */
export async function caseTimeline(
  deps: { temporal: Client; database: Connection },
  caseId: string,
  chain: RunHistory[],
): Promise<CaseRecord> {
  const workflowId = caseWorkflowId(caseId);
  const running = chain.at(-1);
  const saved = await savedTrail(deps.database, workflowId);
  const live =
    running?.status === 'running'
      ? await liveTrail(deps.temporal, workflowId, running.runId)
      : undefined;
  const trail = mergeTrails(saved, live ?? []);
  if (chain.length === 0 && trail.length === 0) throw notFound('case');
  const items = mergeByTime(trail.map(trailItem), chain.flatMap(historyTimeline));
  return {
    timeline: {
      caseId,
      workflowId,
      trailSource: live ? 'live' : 'saved',
      runs: chain.map(runSummary),
      items,
    },
    trail,
  };
}

async function savedTrail(database: Connection, workflowId: string): Promise<TrailLine[]> {
  const lines = await readSavedTrail(database, workflowId);
  return lines.map(({ sequence, at, type, nodeId, actor, details, runId, previousHash, hash }) => ({
    sequence,
    at,
    type: type as TrailEvent['type'],
    ...(nodeId !== undefined && { nodeId }),
    ...(actor !== undefined && { actor }),
    ...(details !== undefined && { details }),
    runId,
    ...(previousHash && { previousHash }),
    ...(hash && { hash }),
  }));
}

/** A query needs a live worker: without one the saved trail still answers. */
async function liveTrail(
  temporal: Client,
  workflowId: string,
  runId: string,
): Promise<TrailLine[] | undefined> {
  const state = await temporal.workflow
    .getHandle(workflowId)
    .query(flowStateQuery)
    .catch(() => undefined);
  return state?.trail.map((event) => ({ ...event, runId }));
}

function trailItem(event: TrailLine): TimelineItem {
  return {
    at: event.at,
    source: 'trail',
    ...(event.runId && { runId: event.runId }),
    ref: event.sequence,
    who: event.actor ?? 'system',
    what: event.type,
    ...(event.nodeId && { nodeId: event.nodeId }),
    ...(event.details && { outputs: event.details }),
  };
}

/** Earlier continue-as-new runs saved their trail; the live run adds what is not saved yet. */
function mergeTrails(saved: TrailLine[], live: TrailLine[]): TrailLine[] {
  const known = new Set(saved.map((event) => event.sequence));
  return [...saved, ...live.filter((event) => !known.has(event.sequence))].sort(
    (a, b) => a.sequence - b.sequence,
  );
}

/** A stable sort: on equal times the trail line comes first and each list keeps its order. */
function mergeByTime(trail: TimelineItem[], history: TimelineItem[]): TimelineItem[] {
  return [...trail, ...history].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
