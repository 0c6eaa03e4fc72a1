/**
 * Activities that move money. Once started, a run's cancellation must not interrupt them or
 * strand what they began: a refund sent to Amazon is booked in the ledger.
 */
export const MONEY_ACTIVITIES: ReadonlySet<string> = new Set([
  'marketplace.issueRefund',
  'finance.postRefund',
  'finance.issueCompensationCoupon',
]);

export const movesMoney = (activity: string) => MONEY_ACTIVITIES.has(activity);
