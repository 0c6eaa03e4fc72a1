export { ACCOUNT, type Account, CHART_OF_ACCOUNTS } from './chart-of-accounts.ts';
export { createFinanceActivities, type FinanceActivityDeps } from './finance-activities.ts';
export { financeCatalog } from './finance-catalog.ts';
export { type JournalEntryDraft, type JournalLine, UnbalancedEntry } from './journal-entry.ts';
export type { AccountBalance, Ledger, PostedEntry, PostResult } from './ledger.ts';
export { LedgerConflict } from './ledger.ts';
export { MongoLedger } from './mongo-ledger.ts';
export { type ReconciliationReport, reconcileRefunds } from './reconciliation.ts';
export {
  expectedSettlementAmount,
  type RefundPosting,
  refundAdministrationFee,
  refundEntry,
} from './refund-posting.ts';
export { settlementReconciler } from './settlement-reconciliation.ts';
export { parseSettlementReport, type SettlementReport } from './settlement-report.ts';
