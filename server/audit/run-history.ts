import { createHash } from 'node:crypto';
import type { History } from '@temporalio/common/lib/proto-utils';
import { canonicalJson } from '#flow-language';

export type { History };
export type HistoryEvent = NonNullable<History['events']>[number];

/** One run of a case's (possibly continued-as-new) chain, with the history auditors read. */
export interface RunHistory {
  runId: string;
  status: 'running' | 'closed';
  source: 'temporal' | 'archive';
  history: History;
  /** The `historyDigest` of the run's history. */
  sha256: string;
  closedAt?: Date;
  /** The archived copy's hash, while Temporal still has the run: it must equal `sha256`. */
  archivedSha256?: string;
  /** The hash recorded when the run was archived: it must equal `sha256`. */
  recordedSha256?: string;
  /** The hash the hash-chained audit log recorded when the run was archived. */
  anchoredSha256?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * SHA-256 over a history's content rather than its text: Temporal's server writes protobuf map
 * fields (a payload's `metadata`) in Go's random map order, so two fetches of one closed run can
 * differ in key order alone.
 */
export const historyDigest = (historyJson: string) =>
  sha256(canonicalJson(JSON.parse(historyJson)));

const lastEvent = (history: History): HistoryEvent | undefined => history.events?.at(-1);

/** A run is closed once its last event ends it (continue-as-new ends a run, not the chain). */
export function closingEvent(history: History): HistoryEvent | undefined {
  const last = lastEvent(history);
  if (
    last?.workflowExecutionCompletedEventAttributes ||
    last?.workflowExecutionFailedEventAttributes ||
    last?.workflowExecutionCanceledEventAttributes ||
    last?.workflowExecutionTerminatedEventAttributes ||
    last?.workflowExecutionTimedOutEventAttributes ||
    last?.workflowExecutionContinuedAsNewEventAttributes
  ) {
    return last;
  }
  return undefined;
}

export const nextRunId = (history: History): string | undefined =>
  lastEvent(history)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ??
  undefined;

export const eventTime = (event: HistoryEvent): Date | undefined =>
  event.eventTime
    ? new Date(
        protoNumber(event.eventTime.seconds) * 1000 +
          Math.floor((event.eventTime.nanos ?? 0) / 1_000_000),
      )
    : undefined;

/**
 * Int64 fields are `Long`s in a fetched history but plain numbers in one read back with
 * `historyFromJSON`, and the SDK's own `tsToDate` only takes the first.
 */
export function protoNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value ?? 0);
}

/** The hash over a chain: each run's hash in chain order, so one altered run changes it. */
export const chainHash = (runs: Pick<RunHistory, 'sha256'>[]) =>
  sha256(runs.map((run) => run.sha256).join('\n'));

/** A run as answers name it: which run, whether it closed, where its history came from. */
export const runSummary = ({ runId, status, source, sha256, closedAt }: RunHistory) => ({
  runId,
  status,
  source,
  sha256,
  ...(closedAt && { closedAt: closedAt.toISOString() }),
});
