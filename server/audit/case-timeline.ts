import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { CaseTimeline, TimelineItem } from '#api-contract/audit';
import { caseTrailEventModel } from '../../worker/activities/engine/case-trail-record.ts';
import { flowStateQuery } from '../../workflows/flow-run/definitions.ts';
import type { TrailEvent } from '../../workflows/flow-run/types.ts';
import { caseWorkflowId } from '../cases/case-submission.ts';
import { notFound } from '../http/api-errors.ts';
import { historyTimeline } from './history-timeline.ts';
import { type RunHistory, runSummary } from './run-history.ts';

/**
 * A case as auditors see it: the business trail (live from the running workflow, else as saved
 * when the run ended) merged in time order with Temporal's history of every run of its chain.
 */
export async function caseTimeline(
  deps: { temporal: Client; database: Connection },
  caseId: string,
  chain: RunHistory[],
): Promise<CaseTimeline> {
  const workflowId = caseWorkflowId(caseId);
  const running = chain.at(-1)?.status === 'running';
  const saved = await savedTrail(deps.database, workflowId);
  const live = running ? await liveTrail(deps.temporal, workflowId) : undefined;
  const trail = mergeTrails(saved, live ?? []);
  if (chain.length === 0 && trail.length === 0) throw notFound('case');
  const items = mergeByTime(trail, chain.flatMap(historyTimeline));
  return {
    caseId,
    workflowId,
    trailSource: live ? 'live' : 'saved',
    runs: chain.map(runSummary),
    items,
  };
}

async function savedTrail(database: Connection, workflowId: string): Promise<TimelineItem[]> {
  const events = await caseTrailEventModel(database)
    .find({ workflowId })
    .sort({ sequence: 1 })
    .lean();
  return events.map((event) =>
    trailItem({ ...event, at: event.at.toISOString() } as TrailEvent, event.runId),
  );
}

/** A query needs a live worker: without one the saved trail still answers. */
async function liveTrail(
  temporal: Client,
  workflowId: string,
): Promise<TimelineItem[] | undefined> {
  const state = await temporal.workflow
    .getHandle(workflowId)
    .query(flowStateQuery)
    .catch(() => undefined);
  return state?.trail.map((event) => trailItem(event));
}

function trailItem(event: TrailEvent, runId?: string): TimelineItem {
  return {
    at: event.at,
    source: 'trail',
    ...(runId && { runId }),
    ref: event.sequence,
    who: event.actor ?? 'system',
    what: event.type,
    ...(event.nodeId && { nodeId: event.nodeId }),
    ...(event.details && { outputs: event.details }),
  };
}

/** Earlier continue-as-new runs saved their trail; the live run adds what is not saved yet. */
function mergeTrails(saved: TimelineItem[], live: TimelineItem[]): TimelineItem[] {
  const known = new Set(saved.map((item) => item.ref));
  return [...saved, ...live.filter((item) => !known.has(item.ref))].sort((a, b) => a.ref - b.ref);
}

/** A stable sort: on equal times the trail line comes first and each list keeps its order. */
function mergeByTime(trail: TimelineItem[], history: TimelineItem[]): TimelineItem[] {
  return [...trail, ...history].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
