import type { Connection } from 'mongoose';
import {
  contentHash,
  describeFlowChanges,
  diffFlows,
  type FlowChange,
  type FlowDiff,
  parseFlowDefinition,
} from '#flow-language';
import type { BacktestRecord } from '../backtests/backtest-records.ts';
import { approvalWeakenings } from './approval-weakening.ts';
import { hasPastCases, pastCaseCount } from './archive-intake.ts';
import { type FlowVersionRecord, flowRecords } from './flow-records.ts';
import type { FlowVersions } from './flow-versions.ts';
import { WeakeningNeedsPerson } from './pending-publications.ts';
import { type TriggerConflict, TriggerTaken, triggerConflict } from './publish-conflicts.ts';

export type BacktestRefusal = 'backtest_required' | 'backtest_unfinished' | 'backtest_outdated';

/**
 * A change to a flow that has past cases is published only with a finished backtest of exactly
 * the content being published: the publisher has seen what it would have done to those cases.
 */
export class BacktestRequired extends Error {
  override name = 'BacktestRequired';
  constructor(
    readonly code: BacktestRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface PublishGateDeps {
  flows: FlowVersions;
  connection: Connection;
  /** A backtest by id (throws when there is none): the backtests' own read function. */
  backtest(flowKey: string, backtestId: string): Promise<BacktestRecord>;
  /** Starts a backtest of the draft as the backtests API does. */
  startDraftBacktest(
    flowKey: string,
    requestedBy: string,
    range?: number | 'all',
  ): Promise<BacktestRecord>;
}

export interface PublishRequest {
  note: string;
  backtestId?: string;
  byPerson?: boolean;
}

/**
 * Publishes the draft once it passes the checks a publication owes the cases: no other live
 * flow takes the same trigger and scope, and a changed flow with past cases was backtested.
 */
/** The version published and what it changed against the one it replaced (none for a first). */
export interface Publication {
  published: FlowVersionRecord;
  changes: FlowChange[];
}

export async function publishFlow(
  deps: PublishGateDeps,
  key: string,
  publishedBy: string,
  { note, backtestId, byPerson }: PublishRequest,
): Promise<Publication> {
  const { flow, hash, latest } = await deps.flows.publishable(key);
  const options = { byPerson, note, expectedHash: hash };
  // Unchanged content answers the live version: nothing new reaches any case.
  if (latest?.contentHash === hash) {
    return { published: await deps.flows.publish(key, publishedBy, options), changes: [] };
  }
  // Who may ask is settled before what the change would do.
  if (byPerson === false && approvalWeakenings(latest?.definition, flow).length > 0) {
    throw new WeakeningNeedsPerson();
  }
  const conflict = await conflictOf(deps.flows, flow);
  if (conflict) throw new TriggerTaken(key, conflict);
  if (latest && (await hasPastCases(deps.connection, key))) {
    await requireBacktestOf(deps, key, hash, backtestId);
  }
  const published = await deps.flows.publish(key, publishedBy, {
    ...options,
    ...(backtestId && { backtestId }),
  });
  return { published, changes: latest ? describeFlowChanges(latest.definition, flow) : [] };
}

async function conflictOf(
  flows: FlowVersions,
  flow: Parameters<typeof triggerConflict>[0],
): Promise<TriggerConflict | undefined> {
  const start = flow.nodes.find((node) => node.kind === 'start');
  const trigger = start?.kind === 'start' ? start.trigger : undefined;
  if (!trigger) return undefined;
  return triggerConflict(flow, trigger, await flows.publishedForTrigger(trigger));
}

async function requireBacktestOf(
  deps: PublishGateDeps,
  key: string,
  hash: string,
  backtestId: string | undefined,
): Promise<void> {
  const refuse = (code: BacktestRefusal, message: string) => {
    throw new BacktestRequired(code, message);
  };
  if (!backtestId) {
    return refuse(
      'backtest_required',
      `Flow "${key}" has past cases: backtest this draft over them and publish with its backtestId`,
    );
  }
  const record = await deps.backtest(key, backtestId).catch(() => undefined);
  if (!record)
    return refuse('backtest_required', `There is no backtest "${backtestId}" of "${key}"`);
  if (record.status === 'running') {
    return refuse('backtest_unfinished', `Backtest "${backtestId}" is still running; wait for it`);
  }
  if (record.status === 'failed') {
    return refuse('backtest_required', `Backtest "${backtestId}" failed; run another`);
  }
  const walked = record.target.kind === 'draft' ? await walkedContent(deps, record) : undefined;
  if (walked !== hash) {
    return refuse(
      'backtest_outdated',
      `Backtest "${backtestId}" did not walk this draft (it was saved since, or the backtest ` +
        'was of a version); backtest the draft as it is now',
    );
  }
}

/** The content hash of the draft a backtest walked, when it is known. */
async function walkedContent(
  deps: PublishGateDeps,
  record: BacktestRecord,
): Promise<string | undefined> {
  if (record.target.contentHash) return record.target.contentHash;
  const { PublishBacktest } = flowRecords(deps.connection);
  return (await PublishBacktest.findById(String(record._id)).lean())?.contentHash;
}

/**
 * Starts a backtest of the draft and records which content it walks. The draft is read before
 * and after the start: if it was saved in between, which content the backtest read is unknown,
 * and the backtest runs but cannot clear the publish gate.
 */
export async function backtestDraft(
  deps: PublishGateDeps,
  key: string,
  requestedBy: string,
  range?: number | 'all',
): Promise<BacktestRecord> {
  const before = await deps.flows.draft(key);
  const record = await deps.startDraftBacktest(key, requestedBy, range);
  const after = await deps.flows.draft(key);
  const parsed = parseFlowDefinition(before.document);
  if (parsed.ok && (after.revision ?? 0) === (before.revision ?? 0)) {
    await flowRecords(deps.connection).PublishBacktest.create({
      _id: record._id,
      key,
      contentHash: contentHash(parsed.flow),
      draftRevision: before.revision ?? 0,
      requestedBy,
      requestedAt: record.requestedAt,
    });
  }
  return record;
}

export interface PublishPreview {
  key: string;
  contentHash: string;
  liveVersion?: number;
  /** What publishing changes against the live version (empty lists for a first version). */
  diff?: FlowDiff;
  unchanged: boolean;
  pastCases: number;
  backtestRequired: boolean;
  conflict?: TriggerConflict;
}

/** What the publish dialog shows before the publisher writes their note. */
export async function publishPreview(deps: PublishGateDeps, key: string): Promise<PublishPreview> {
  const { flow, hash, latest } = await deps.flows.publishable(key);
  const unchanged = latest?.contentHash === hash;
  const pastCases = latest && !unchanged ? await pastCaseCount(deps.connection, key) : 0;
  const conflict = unchanged ? undefined : await conflictOf(deps.flows, flow);
  return {
    key,
    contentHash: hash,
    ...(latest && { liveVersion: latest.version, diff: diffFlows(latest.definition, flow) }),
    unchanged,
    pastCases,
    backtestRequired: pastCases > 0,
    ...(conflict && { conflict }),
  };
}
