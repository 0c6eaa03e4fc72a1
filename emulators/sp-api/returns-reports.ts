import type { EmulatorStore } from './state.ts';

export const MFN_RETURNS_REPORT = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';
export const FBA_RETURNS_REPORT = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';

/** One merchant-fulfilled return as the flat-file returns report lists it (tab-separated). */
export interface MfnReturnRow {
  'Order ID': string;
  'Order date': string;
  'Return request date': string;
  'Return request status': string;
  'Amazon RMA ID': string;
  'Merchant RMA ID': string;
  'Label type': string;
  'Currency code': string;
  'A-to-Z Claim': string;
  'Is prime': string;
  ASIN: string;
  'Merchant SKU': string;
  'Item Name': string;
  'Return quantity': string;
  'Return reason': string;
  'In policy': string;
  'Return type': string;
  'Order Amount': string;
  'Order quantity': string;
}

const MFN_COLUMNS: (keyof MfnReturnRow)[] = [
  'Order ID',
  'Order date',
  'Return request date',
  'Return request status',
  'Amazon RMA ID',
  'Merchant RMA ID',
  'Label type',
  'Currency code',
  'A-to-Z Claim',
  'Is prime',
  'ASIN',
  'Merchant SKU',
  'Item Name',
  'Return quantity',
  'Return reason',
  'In policy',
  'Return type',
  'Order Amount',
  'Order quantity',
];

/** One FBA customer return as Amazon's fulfilment centre recorded it. */
export interface FbaReturnRow {
  'return-date': string;
  'order-id': string;
  sku: string;
  asin: string;
  fnsku: string;
  'product-name': string;
  quantity: string;
  'fulfillment-center-id': string;
  'detailed-disposition': string;
  reason: string;
  status: string;
  'license-plate-number': string;
  'customer-comments': string;
}

export interface ReturnRequest {
  orderId: string;
  sku: string;
  quantity?: number;
  /** Amazon's reason code, e.g. `CR-UNWANTED_ITEM`, `CR-DEFECTIVE`. */
  reason: string;
  /** When the buyer asked; default now. */
  returnDate?: string;
  /** The row's own id (Amazon RMA id, FBA license plate); default generated. */
  id?: string;
  /** FBA only: what the fulfilment centre found, e.g. `SELLABLE`, `CUSTOMER_DAMAGED`. */
  disposition?: string;
}

export class UnknownReturnLine extends Error {
  override name = 'UnknownReturnLine';
}

function lineOf(store: EmulatorStore, request: ReturnRequest) {
  const entry = store.data.orders[request.orderId];
  if (!entry) throw new UnknownReturnLine(`Order ${request.orderId} not found`);
  const item = entry.items.find((candidate) => candidate.SellerSKU === request.sku);
  if (!item) throw new UnknownReturnLine(`Order ${request.orderId} has no SKU ${request.sku}`);
  return { entry, item };
}

/** Adds a merchant-fulfilled return to what the returns report will list. */
export function addMfnReturn(store: EmulatorStore, request: ReturnRequest): MfnReturnRow {
  const { entry, item } = lineOf(store, request);
  const row: MfnReturnRow = {
    'Order ID': request.orderId,
    'Order date': entry.order.PurchaseDate,
    'Return request date': request.returnDate ?? new Date().toISOString(),
    'Return request status': 'Approved',
    'Amazon RMA ID': request.id ?? `D${store.nextId()}`,
    'Merchant RMA ID': '',
    'Label type': 'AmazonUnPaidLabel',
    'Currency code': entry.order.OrderTotal?.CurrencyCode ?? 'USD',
    'A-to-Z Claim': 'N',
    'Is prime': entry.order.IsPrime ? 'Y' : 'N',
    ASIN: item.ASIN,
    'Merchant SKU': request.sku,
    'Item Name': item.Title ?? '',
    'Return quantity': String(request.quantity ?? item.QuantityOrdered),
    'Return reason': request.reason,
    'In policy': 'Y',
    'Return type': 'C-Returns',
    'Order Amount': entry.order.OrderTotal?.Amount ?? '0.00',
    'Order quantity': String(item.QuantityOrdered),
  };
  store.data.mfnReturns = [...(store.data.mfnReturns ?? []), row];
  store.changed();
  return row;
}

/** Adds an FBA customer return (the item reached Amazon's fulfilment centre). */
export function addFbaReturn(store: EmulatorStore, request: ReturnRequest): FbaReturnRow {
  const { item } = lineOf(store, request);
  const row: FbaReturnRow = {
    'return-date': request.returnDate ?? new Date().toISOString(),
    'order-id': request.orderId,
    sku: request.sku,
    asin: item.ASIN,
    fnsku: `X00${item.ASIN.slice(3)}`,
    'product-name': item.Title ?? '',
    quantity: String(request.quantity ?? item.QuantityOrdered),
    'fulfillment-center-id': 'PHX7',
    'detailed-disposition': request.disposition ?? 'SELLABLE',
    reason: request.reason,
    status: 'Unit returned to inventory',
    'license-plate-number': request.id ?? `LPNRR${store.nextId()}`,
    'customer-comments': '',
  };
  store.data.fbaReturns = [...(store.data.fbaReturns ?? []), row];
  store.changed();
  return row;
}

const FBA_COLUMNS: (keyof FbaReturnRow)[] = [
  'return-date',
  'order-id',
  'sku',
  'asin',
  'fnsku',
  'product-name',
  'quantity',
  'fulfillment-center-id',
  'detailed-disposition',
  'reason',
  'status',
  'license-plate-number',
  'customer-comments',
];

/**
 * The report's document: a header line and one tab-separated line per return whose date falls
 * in `[start, end)`, as Amazon generates it when the report is created.
 */
export function returnsReportContent(
  store: EmulatorStore,
  reportType: string,
  start: number,
  end: number,
): string | undefined {
  const inWindow = (date: string) => Date.parse(date) >= start && Date.parse(date) < end;
  if (reportType === MFN_RETURNS_REPORT) {
    const rows = (store.data.mfnReturns ?? []).filter((row) =>
      inWindow(row['Return request date']),
    );
    return tabSeparated(MFN_COLUMNS, rows);
  }
  if (reportType === FBA_RETURNS_REPORT) {
    const rows = (store.data.fbaReturns ?? []).filter((row) => inWindow(row['return-date']));
    return tabSeparated(FBA_COLUMNS, rows);
  }
  return undefined;
}

/** Empty when no return falls in the window (Amazon then cancels the report). */
function tabSeparated<Row>(columns: (keyof Row & string)[], rows: Row[]): string {
  if (rows.length === 0) return '';
  const lines = rows.map((row) => columns.map((column) => String(row[column] ?? '')).join('\t'));
  return [columns.join('\t'), ...lines].join('\n');
}
