/** One line of an Amazon V2 flat-file settlement report (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2). */
export interface SettlementLine {
  transactionType: string;
  orderId: string;
  adjustmentId: string;
  orderItemCode: string;
  merchantAdjustmentItemId: string;
  amountType: string;
  amountDescription: string;
  /** Minor units; negative is money leaving the seller. */
  amount: number;
  postedDate: string;
}

export interface SettlementReport {
  settlementId: string;
  startDate: string;
  endDate: string;
  depositDate: string;
  totalAmount: number;
  currency: string;
  lines: SettlementLine[];
}

export class InvalidSettlementReport extends Error {
  override name = 'InvalidSettlementReport';
}

const REQUIRED_COLUMNS = [
  'settlement-id',
  'settlement-start-date',
  'settlement-end-date',
  'deposit-date',
  'total-amount',
  'currency',
  'transaction-type',
  'order-id',
  'amount-type',
  'amount-description',
  'amount',
] as const;

/**
 * Tab-separated, one header row; the first data row is the settlement summary (totals, dates)
 * with no transaction type; every other row is one amount of one transaction.
 */
export function parseSettlementReport(text: string): SettlementReport {
  const [header, ...rows] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!header) throw new InvalidSettlementReport('The settlement report is empty');
  const columns = header.split('\t').map((name) => name.trim());
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new InvalidSettlementReport(`The settlement report lacks columns: ${missing.join(', ')}`);
  }
  const records = rows.map((row, index) => toRecord(columns, row, index + 2));
  const summary = records.find((record) => !record['transaction-type']);
  if (!summary) throw new InvalidSettlementReport('The settlement report has no summary row');
  return {
    settlementId: field(summary, 'settlement-id'),
    startDate: field(summary, 'settlement-start-date'),
    endDate: field(summary, 'settlement-end-date'),
    depositDate: field(summary, 'deposit-date'),
    totalAmount: minorUnits(field(summary, 'total-amount')),
    currency: field(summary, 'currency'),
    lines: records.filter((record) => record !== summary).map(toLine),
  };
}

function toRecord(columns: string[], row: string, lineNumber: number): Record<string, string> {
  const cells = row.split('\t');
  if (cells.length > columns.length) {
    throw new InvalidSettlementReport(`Line ${lineNumber} has more cells than the header`);
  }
  return Object.fromEntries(columns.map((name, index) => [name, (cells[index] ?? '').trim()]));
}

function toLine(record: Record<string, string>): SettlementLine {
  return {
    transactionType: field(record, 'transaction-type'),
    orderId: field(record, 'order-id'),
    adjustmentId: record['adjustment-id'] ?? '',
    orderItemCode: record['order-item-code'] ?? '',
    merchantAdjustmentItemId: record['merchant-adjustment-item-id'] ?? '',
    amountType: field(record, 'amount-type'),
    amountDescription: field(record, 'amount-description'),
    amount: minorUnits(field(record, 'amount')),
    postedDate: record['posted-date'] ?? '',
  };
}

function field(record: Record<string, string>, name: string): string {
  return record[name] ?? '';
}

/** "-12.34" → -1234, without going through a float multiplication. */
export function minorUnits(decimal: string): number {
  const match = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(decimal.trim());
  if (!match) throw new InvalidSettlementReport(`"${decimal}" is not an amount`);
  const [, sign, whole = '0', fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}
