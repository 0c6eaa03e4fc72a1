import { addMajorAmounts } from '#flow-language';
import type { AmountsByCurrency, CaseRecord, CaseStatus } from '#platform/cases/case-record';

interface TrailLine {
  type: string;
  at: Date | string;
  actor?: string;
  details?: Record<string, unknown>;
}

const TERMINAL: Record<string, Exclude<CaseStatus, 'running'>> = {
  'run.completed': 'completed',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

const REFUND_ACTIVITY = 'marketplace.issueRefund';

export type CaseClosing = Pick<
  CaseRecord,
  'status' | 'outcome' | 'closedAt' | 'decidedBy' | 'slaBreaches' | 'refunded' | 'account'
>;

export const endsRun = (type: string) => type in TERMINAL;

/**
 * What the whole trail of a finished run says about the case: how it ended, whether people
 * or rules decided it, how often an SLA was breached and how much was refunded.
 */
export function summariseClosedCase(trail: readonly TrailLine[]): CaseClosing | undefined {
  const end = trail.find((event) => endsRun(event.type));
  if (!end) return undefined;
  const outcome = end.details?.outcome;
  const account = accountOf(trail);
  return {
    status: TERMINAL[end.type] as CaseClosing['status'],
    ...(typeof outcome === 'string' && { outcome }),
    closedAt: new Date(end.at),
    decidedBy: trail.some(isPersonDeciding) ? 'people' : 'rules',
    slaBreaches: trail.filter((event) => ['task.escalated', 'task.timed-out'].includes(event.type))
      .length,
    refunded: refundTotals(trail),
    ...(account && { account }),
  };
}

/** The marketplace account the case's Amazon steps went through: they answer which. */
function accountOf(trail: readonly TrailLine[]): string | undefined {
  let account: string | undefined;
  for (const event of trail) {
    const activity = event.details?.activity;
    if (event.type !== 'activity.completed' || typeof activity !== 'string') continue;
    if (!activity.startsWith('marketplace.')) continue;
    const answered = (event.details?.output as { account?: unknown } | undefined)?.account;
    if (typeof answered === 'string') account = answered;
  }
  return account;
}

/**
 * A decision on a task whose purpose is work (a store grading a return) is work done, not the
 * case decided. Events recorded before tasks carried a purpose were all decisions.
 */
function isPersonDeciding(event: TrailLine): boolean {
  return event.type === 'task.decided' && event.details?.purpose !== 'work';
}

function refundTotals(trail: readonly TrailLine[]): AmountsByCurrency {
  const totals: AmountsByCurrency = {};
  for (const event of trail) {
    if (event.type !== 'activity.completed' || event.details?.activity !== REFUND_ACTIVITY)
      continue;
    const output = event.details.output as { currency?: unknown; amount?: unknown } | undefined;
    if (typeof output?.currency !== 'string' || typeof output.amount !== 'number') continue;
    totals[output.currency] = addMajorAmounts(
      totals[output.currency] ?? 0,
      output.amount,
      output.currency,
    );
  }
  return totals;
}
