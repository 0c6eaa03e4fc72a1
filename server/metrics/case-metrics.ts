import { type Connection, trusted } from 'mongoose';
import type {
  Backlog,
  FlowMetrics,
  FlowVersionMetrics,
  Metrics,
  MetricsQuery,
  ReviewerWorkload,
} from '#api-contract/metrics';
import { addMajorAmounts } from '#flow-language';
import {
  type ApprovalTaskRecord,
  approvalTaskModel,
} from '#platform/approval-tasks/approval-task-record';
import type { CaseRecord } from '#platform/cases/case-record';
import type { AccessScope } from '../auth/identity.ts';
import type { CaseProjection } from '../cases/case-projection.ts';

export interface MetricsSources {
  cases: CaseProjection;
  /** Approval tasks opened on or after `since` (every task without it). */
  tasksSince(since: Date | undefined): Promise<ApprovalTaskRecord[]>;
}

export function approvalTasksSince(database: Connection): MetricsSources['tasksSince'] {
  const tasks = approvalTaskModel(database);
  return (since) =>
    tasks.find(since ? { openedAt: trusted({ $gte: since }) } : {}).lean() as Promise<
      ApprovalTaskRecord[]
    >;
}

/**
 * Figures per flow and per flow version over the cases submitted in a period, computed in Node
 * from the `cases` projection and the approval tasks of those cases (FerretDB's aggregation is
 * too limited to trust with percentiles). A case counts as decided once its run completed; failed
 * and cancelled runs decided nothing. A task cannot open before its case was submitted, so the
 * tasks opened since the period began hold every task of the period's cases; only those of cases
 * in the caller's scope count.
 */
export async function caseMetrics(
  sources: MetricsSources,
  query: MetricsQuery,
  scope: AccessScope | undefined,
  now = new Date(),
): Promise<Metrics> {
  const records = await sources.cases.submittedBetween(query, scope);
  const caseIds = new Set(records.map((record) => record._id));
  const tasks = (await sources.tasksSince(query.from)).filter((task) => caseIds.has(task.caseId));
  return {
    ...(query.from && { from: query.from.toISOString() }),
    ...(query.to && { to: query.to.toISOString() }),
    flows: [...groupBy(records, (record) => record.flowKey).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([flowKey, flowCases]) => flowMetrics(flowKey, flowCases, tasks, now)),
    reviewers: reviewerWorkload(tasks),
  };
}

export function flowMetrics(
  flowKey: string,
  records: CaseRecord[],
  tasks: ApprovalTaskRecord[] = [],
  now = new Date(),
): FlowMetrics {
  const flowTasks = tasks.filter((task) => task.flowKey === flowKey);
  const versions = [...groupBy(records, (record) => record.flowVersion).entries()]
    .sort(([a], [b]) => b - a)
    .map(
      ([flowVersion, versionCases]): FlowVersionMetrics => ({
        flowVersion,
        ...figures(
          versionCases,
          flowTasks.filter((task) => task.flowVersion === flowVersion),
          now,
        ),
      }),
    );
  return { flowKey, ...figures(records, flowTasks, now), versions };
}

function figures(records: CaseRecord[], tasks: ApprovalTaskRecord[], now: Date) {
  const decided = records.filter((record) => record.status === 'completed');
  const seconds = decided
    .filter((record) => record.closedAt)
    .map((record) => secondsBetween(record.submittedAt, record.closedAt as Date));
  const byRules = decided.filter((record) => record.decidedBy === 'rules').length;
  return {
    cases: records.length,
    running: records.filter((record) => record.status === 'running').length,
    closed: records.filter((record) => record.status !== 'running').length,
    autoDecidedShare: decided.length > 0 ? byRules / decided.length : null,
    timeToDecisionSeconds: { p50: percentile(seconds, 0.5), p95: percentile(seconds, 0.95) },
    slaBreaches: records.reduce((sum, record) => sum + (record.slaBreaches ?? 0), 0),
    refunded: refundTotals(records),
    outcomes: countOutcomes(records),
    backlog: backlog(tasks, now),
  };
}

export function backlog(tasks: ApprovalTaskRecord[], now: Date): Backlog {
  const open = tasks.filter((task) => task.status === 'open');
  const oldest = open.reduce<Date | undefined>(
    (first, task) => (!first || task.openedAt < first ? task.openedAt : first),
    undefined,
  );
  return {
    openTasks: open.length,
    overdueTasks: open.filter((task) => task.dueAt && task.dueAt < now).length,
    ...(oldest && { oldestOpenSince: oldest.toISOString() }),
  };
}

/** Each reviewer's decisions on the tasks given, most decisions first, then by id. */
export function reviewerWorkload(tasks: ApprovalTaskRecord[]): ReviewerWorkload[] {
  const byReviewer = new Map<string, { approved: number; rejected: number; seconds: number[] }>();
  for (const task of tasks) {
    for (const decision of task.decisions ?? []) {
      const figures = byReviewer.get(decision.userId) ?? { approved: 0, rejected: 0, seconds: [] };
      figures[decision.verdict === 'approve' ? 'approved' : 'rejected'] += 1;
      figures.seconds.push(secondsBetween(task.openedAt, decision.at));
      byReviewer.set(decision.userId, figures);
    }
  }
  return [...byReviewer.entries()]
    .map(([userId, { approved, rejected, seconds }]) => ({
      userId,
      decisions: approved + rejected,
      approved,
      rejected,
      decisionSeconds: { p50: percentile(seconds, 0.5) },
    }))
    .sort((a, b) => b.decisions - a.decisions || a.userId.localeCompare(b.userId));
}

/** Nearest-rank percentile: always a value that occurred, never an interpolation. */
export function percentile(values: number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] as number;
}

const secondsBetween = (start: Date, end: Date) => (end.getTime() - start.getTime()) / 1_000;

function groupBy<Item, Key>(items: Item[], keyOf: (item: Item) => Key): Map<Key, Item[]> {
  const groups = new Map<Key, Item[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function refundTotals(records: CaseRecord[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const record of records) {
    for (const [currency, amount] of Object.entries(record.refunded ?? {})) {
      totals[currency] = addMajorAmounts(totals[currency] ?? 0, amount, currency);
    }
  }
  return totals;
}

function countOutcomes(records: CaseRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) {
    if (record.outcome) counts[record.outcome] = (counts[record.outcome] ?? 0) + 1;
  }
  return counts;
}
