import type { FlowMetrics, Metrics, MetricsQuery } from '#api-contract/metrics';
import type { CaseRecord } from '../../worker/activities/engine/case-record.ts';
import type { AccessScope } from '../auth/identity.ts';
import type { CaseProjection } from '../cases/case-projection.ts';

/**
 * Figures per flow over the cases submitted in a period, computed in Node from the `cases`
 * projection (FerretDB's aggregation is too limited to trust with percentiles). A case counts
 * as decided once its run completed; failed and cancelled runs decided nothing.
 */
export async function caseMetrics(
  cases: CaseProjection,
  query: MetricsQuery,
  scope: AccessScope | undefined,
): Promise<Metrics> {
  const records = await cases.submittedBetween(query, scope);
  const byFlow = new Map<string, CaseRecord[]>();
  for (const record of records) {
    byFlow.set(record.flowKey, [...(byFlow.get(record.flowKey) ?? []), record]);
  }
  return {
    ...(query.from && { from: query.from.toISOString() }),
    ...(query.to && { to: query.to.toISOString() }),
    flows: [...byFlow.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([flowKey, flowCases]) => flowMetrics(flowKey, flowCases)),
  };
}

export function flowMetrics(flowKey: string, records: CaseRecord[]): FlowMetrics {
  const decided = records.filter((record) => record.status === 'completed');
  const seconds = decided
    .filter((record) => record.closedAt)
    .map((record) => ((record.closedAt as Date).getTime() - record.submittedAt.getTime()) / 1_000);
  const byRules = decided.filter((record) => record.decidedBy === 'rules').length;
  return {
    flowKey,
    cases: records.length,
    running: records.filter((record) => record.status === 'running').length,
    closed: records.filter((record) => record.status !== 'running').length,
    autoDecidedShare: decided.length > 0 ? byRules / decided.length : null,
    timeToDecisionSeconds: { p50: percentile(seconds, 0.5), p95: percentile(seconds, 0.95) },
    slaBreaches: records.reduce((sum, record) => sum + (record.slaBreaches ?? 0), 0),
    refunded: refundTotals(records),
    outcomes: countOutcomes(records),
  };
}

/** Nearest-rank percentile: always a value that occurred, never an interpolation. */
export function percentile(values: number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] as number;
}

function refundTotals(records: CaseRecord[]): Record<string, number> {
  const cents: Record<string, number> = {};
  for (const record of records) {
    for (const [currency, amount] of Object.entries(record.refunded ?? {})) {
      cents[currency] = (cents[currency] ?? 0) + Math.round(amount * 100);
    }
  }
  return Object.fromEntries(
    Object.entries(cents).map(([currency, total]) => [currency, total / 100]),
  );
}

function countOutcomes(records: CaseRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) {
    if (record.outcome) counts[record.outcome] = (counts[record.outcome] ?? 0) + 1;
  }
  return counts;
}
