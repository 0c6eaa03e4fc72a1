import type { Connection } from 'mongoose';
import type { PastCase, PastTrailEvent } from '#flow-language';
import { type CaseRecord, caseModel } from '../../worker/activities/engine/case-record.ts';
import {
  type CaseTrailEventRecord,
  caseTrailEventModel,
} from '../../worker/activities/engine/case-trail-record.ts';

const TERMINAL = new Set(['run.completed', 'run.failed', 'run.cancelled']);
/** Case lookups in flight at once: each is an indexed read by `_id`, so they overlap well. */
const LOOKUPS_IN_FLIGHT = 16;

export interface PastCaseQuery {
  flowKey: string;
  from?: Date;
  to: Date;
}

export interface StreamCounters {
  eventsRead: number;
}

/**
 * Every closed case of a flow with its trail, streamed: one pass over the flow's trail events
 * (a cursor, never the whole collection in memory), each case handed on once its run's last
 * line has arrived, its projection read by `_id` (the one lookup FerretDB serves from an
 * index). Only the cases whose trail is still arriving are held.
 */
export async function* pastCases(
  database: Connection,
  query: PastCaseQuery,
  counters: StreamCounters = { eventsRead: 0 },
): AsyncGenerator<PastCase> {
  const events = caseTrailEventModel(database);
  const cases = caseModel(database);
  const open = new Map<string, PastTrailEvent[]>();
  const lookups: Promise<PastCase | undefined>[] = [];
  const cursor = events.find({ flowKey: query.flowKey }).lean().cursor({ batchSize: 1_000 });
  for await (const event of cursor as AsyncIterable<CaseTrailEventRecord>) {
    counters.eventsRead += 1;
    const root = event.workflowId.split('/')[0] as string;
    const trail = open.get(root) ?? [];
    open.set(root, trail);
    trail.push(trailLine(event));
    if (event.workflowId !== root || !TERMINAL.has(event.type)) continue;
    if (trail.filter((line) => line.workflowId === root).length < event.sequence) continue;
    open.delete(root);
    lookups.push(withProjection(cases, event.caseId, root, trail, query));
    if (lookups.length >= LOOKUPS_IN_FLIGHT) {
      const pastCase = await lookups.shift();
      if (pastCase) yield pastCase;
    }
  }
  for (const lookup of lookups) {
    const pastCase = await lookup;
    if (pastCase) yield pastCase;
  }
}

function trailLine(event: CaseTrailEventRecord): PastTrailEvent {
  return {
    workflowId: event.workflowId,
    sequence: event.sequence,
    at: event.at.toISOString(),
    type: event.type,
    ...(event.nodeId !== undefined && { nodeId: event.nodeId }),
    ...(event.actor !== undefined && { actor: event.actor }),
    ...(event.details !== undefined && { details: event.details }),
  };
}

async function withProjection(
  cases: ReturnType<typeof caseModel>,
  caseId: string,
  workflowId: string,
  trail: PastTrailEvent[],
  query: PastCaseQuery,
): Promise<PastCase | undefined> {
  const record = await cases.findById(caseId).lean<CaseRecord>();
  if (!record?.inputJson || (record.status !== 'completed' && record.status !== 'failed'))
    return undefined;
  const submittedAt = record.submittedAt.getTime();
  if ((query.from && submittedAt < query.from.getTime()) || submittedAt > query.to.getTime())
    return undefined;
  trail.sort((a, b) =>
    a.workflowId === b.workflowId ? a.sequence - b.sequence : a.workflowId < b.workflowId ? -1 : 1,
  );
  return {
    caseId,
    workflowId,
    flowVersion: record.flowVersion,
    status: record.status,
    outcome: record.outcome,
    caseInput: JSON.parse(record.inputJson),
    caseContext: {
      id: caseId,
      requestedBy: record.requestedBy,
      startedAt: record.submittedAt.toISOString(),
      ...(record.brand && { brand: record.brand }),
      ...(record.marketplace && { marketplace: record.marketplace }),
      ...(record.store && { store: record.store }),
    },
    trail,
  };
}
