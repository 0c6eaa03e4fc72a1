import type { PostedEntry } from './ledger.ts';
import type { SettlementLine } from './settlement-report.ts';

export interface ReconciledRefund {
  caseId?: string;
  orderId: string;
  adjustmentItemIds: string[];
  /** Net amount the ledger expects the settlement to show (minor units). */
  expected?: number;
  /** Net amount the settlement shows (minor units). */
  settled?: number;
}

export interface ReconciliationReport {
  matched: ReconciledRefund[];
  /** In the settlement, no refund posted in the ledger. */
  missingInLedger: ReconciledRefund[];
  /** Posted in the ledger for this period, not (yet) in the settlement. */
  missingInSettlement: ReconciledRefund[];
  amountMismatch: (ReconciledRefund & { difference: number })[];
}

interface SettledRefund {
  orderId: string;
  itemIds: Set<string>;
  amount: number;
}

/**
 * Matches settlement refund lines to ledger refund postings: by merchant-adjustment-item-id
 * first (we sent it with the feed, Amazon quotes it back); lines without one fall back to the
 * order id, which holds only while an order has one refund in the period.
 */
export function reconcileRefunds(
  lines: SettlementLine[],
  postings: PostedEntry[],
): ReconciliationReport {
  const report: ReconciliationReport = {
    matched: [],
    missingInLedger: [],
    missingInSettlement: [],
    amountMismatch: [],
  };
  const unmatched = new Set(postings);
  for (const settled of groupRefunds(lines)) {
    const posting = [...unmatched].find((candidate) => matches(candidate, settled));
    if (!posting) {
      report.missingInLedger.push(describeSettled(settled));
      continue;
    }
    unmatched.delete(posting);
    const refund = { ...describePosting(posting), settled: settled.amount };
    const difference = settled.amount - (refund.expected ?? 0);
    if (difference === 0) report.matched.push(refund);
    else report.amountMismatch.push({ ...refund, difference });
  }
  report.missingInSettlement.push(...[...unmatched].map(describePosting));
  return report;
}

/** One refund = its lines sharing an adjustment item id (or, without one, an order id). */
function groupRefunds(lines: SettlementLine[]): SettledRefund[] {
  const groups = new Map<string, SettledRefund>();
  for (const line of lines.filter((candidate) => candidate.transactionType === 'Refund')) {
    const adjustmentPrefix = line.merchantAdjustmentItemId.replace(/-\d+$/, '');
    const groupKey = adjustmentPrefix ? `adjustment:${adjustmentPrefix}` : `order:${line.orderId}`;
    const group = groups.get(groupKey) ?? { orderId: line.orderId, itemIds: new Set(), amount: 0 };
    if (line.merchantAdjustmentItemId) group.itemIds.add(line.merchantAdjustmentItemId);
    group.amount += line.amount;
    groups.set(groupKey, group);
  }
  return [...groups.values()];
}

function matches(posting: PostedEntry, settled: SettledRefund): boolean {
  const ids = (posting.reference?.adjustmentItemIds as string[] | undefined) ?? [];
  if (settled.itemIds.size > 0) return [...settled.itemIds].some((id) => ids.includes(id));
  return posting.reference?.orderId === settled.orderId;
}

function describePosting(posting: PostedEntry): ReconciledRefund {
  const reference = posting.reference ?? {};
  return {
    caseId: reference.caseId as string,
    orderId: reference.orderId as string,
    adjustmentItemIds: (reference.adjustmentItemIds as string[]) ?? [],
    expected: reference.expectedSettlementAmount as number,
  };
}

function describeSettled(settled: SettledRefund): ReconciledRefund {
  return {
    orderId: settled.orderId,
    adjustmentItemIds: [...settled.itemIds],
    settled: settled.amount,
  };
}
