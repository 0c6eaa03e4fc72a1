import type { InboxQuery } from '#api-contract/inbox';
import type { ApprovalTaskRecord } from '#platform/approval-tasks/approval-task-record';
import type { CaseRecord } from '#platform/cases/case-record';
import { caseInput } from '../cases/case-projection.ts';

/** What the inbox shows of a task's case: the order, the marketplace and the amount. */
export interface CaseColumns {
  orderId?: string;
  marketplace?: string;
  account?: string;
  /** In the currency's minor unit, with the currency the case names beside it. */
  amount?: { field: string; cents: number; currency?: string };
}

// Flows keep amounts as whole cents in inputs named `…Cents` (the designer's money convention).
const AMOUNT_NAME = /[a-z0-9]Cents$/;

/** The case's first `…Cents` input holding whole cents, as submitted. */
export function caseAmount(input: Record<string, unknown> | undefined): CaseColumns['amount'] {
  for (const [field, value] of Object.entries(input ?? {})) {
    if (AMOUNT_NAME.test(field) && typeof value === 'number' && Number.isSafeInteger(value)) {
      const currency = input?.currency;
      return { field, cents: value, ...(typeof currency === 'string' && { currency }) };
    }
  }
  return undefined;
}

/**
 * The case's columns; the amount is the case's own `…Cents` input, else the one the run had
 * computed when the task opened (a refund total read from Amazon's order, say).
 */
export function caseColumns(
  record: CaseRecord | undefined,
  task?: Pick<ApprovalTaskRecord, 'amount'>,
): CaseColumns {
  const taskAmount = task?.amount && {
    field: task.amount.field,
    cents: task.amount.cents,
    ...(task.amount.currency && { currency: task.amount.currency }),
  };
  if (!record) return taskAmount ? { amount: taskAmount } : {};
  const input = caseInput(record);
  const currency = input?.currency;
  return {
    orderId: record.orderId,
    marketplace: record.marketplace,
    account: record.account,
    amount:
      caseAmount(input) ??
      (taskAmount && {
        ...(typeof currency === 'string' && { currency }),
        ...taskAmount,
      }),
  };
}

/** Filters that read the case, not only the task. */
export const filtersByCase = (query: InboxQuery): boolean =>
  query.q !== undefined || query.marketplace !== undefined;

/** Whether a task passes the inbox's filters; `record` is its case (needed when filtersByCase). */
export function matchesFilters(
  task: ApprovalTaskRecord,
  record: CaseRecord | undefined,
  query: InboxQuery,
  now: Date,
): boolean {
  if (query.flowKey !== undefined && task.flowKey !== query.flowKey) return false;
  if (query.marketplace !== undefined && record?.marketplace !== query.marketplace) return false;
  if (query.overdue !== undefined) {
    const overdue = task.status === 'open' && !!task.dueAt && task.dueAt < now;
    if (overdue !== (query.overdue === 'true')) return false;
  }
  if (query.q === undefined) return true;
  const needle = query.q.toLowerCase();
  return [task.caseId, task.title, task.flowKey, record?.orderId].some((text) =>
    text?.toLowerCase().includes(needle),
  );
}

/** The caller's own decision on a task, latest first when they decided more than once. */
export function decidedAt(task: ApprovalTaskRecord, userId: string): number {
  const mine = task.decisions.filter((decision) => decision.userId === userId);
  return Math.max(0, ...mine.map((decision) => new Date(decision.at).getTime()));
}
