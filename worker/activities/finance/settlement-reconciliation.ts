import { type Connection, Schema } from 'mongoose';
import { isDuplicateKey, recordModel } from '#platform/database';
import type { Ledger } from './ledger.ts';
import { type ReconciliationReport, reconcileRefunds } from './reconciliation.ts';
import { parseSettlementReport } from './settlement-report.ts';

export interface SettlementReconciliation extends ReconciliationReport {
  settlementId: string;
  currency: string;
  period: { start: string; end: string };
}

interface SettlementRecord {
  _id: string;
  importedAt: Date;
  reconciliation: SettlementReconciliation;
}

const settlementSchema = new Schema<SettlementRecord>(
  {
    _id: { type: String, required: true },
    importedAt: { type: Date, required: true },
    reconciliation: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'settlement_reconciliations', versionKey: false, minimize: false },
);

/**
 * Imports a settlement report once (by settlement id) and reconciles its refunds against the
 * ledger's refund postings of the same period and currency. A second import of the same
 * settlement returns the stored result.
 */
export function settlementReconciler(connection: Connection, ledger: Ledger) {
  const Settlement = recordModel<SettlementRecord>(connection, 'Settlement', settlementSchema);

  return async function reconcileSettlement(reportText: string): Promise<SettlementReconciliation> {
    const report = parseSettlementReport(reportText);
    const stored = await Settlement.findById(report.settlementId).lean();
    if (stored) return stored.reconciliation;
    const start = Date.parse(report.startDate);
    const end = Date.parse(report.endDate);
    const postings = (await ledger.entries({ kind: 'refund' })).filter(
      (entry) =>
        entry.currency === report.currency &&
        entry.postedAt.getTime() >= start &&
        entry.postedAt.getTime() <= end,
    );
    const reconciliation: SettlementReconciliation = {
      settlementId: report.settlementId,
      currency: report.currency,
      period: { start: report.startDate, end: report.endDate },
      ...reconcileRefunds(report.lines, postings),
    };
    try {
      await Settlement.create({ _id: report.settlementId, importedAt: new Date(), reconciliation });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return reconciliation;
  };
}
