import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../database.ts';

// Written by whoever starts a case (the API, the worker's intake), read by the worker's
// notification intake: a plain collection by the driver, no model on either side.
const COLLECTION = 'order_cases';

/** One case of an Amazon order, as it started: who it went through, to tell sellers apart. */
export interface OrderCase {
  /** `<orderId>|<n>`: the order's n-th case, so an order's cases are found by `_id` alone. */
  _id: string;
  orderId: string;
  caseId: string;
  /** The account the case named; absent: its marketplace (or the default account) decides. */
  account?: string;
  marketplace?: string;
  notedAt: Date;
}

export type OrderCaseFields = Pick<OrderCase, 'caseId' | 'account' | 'marketplace'>;

/** The Amazon order a case's input names (`orderId`, or `order.orderId`), if any. */
export function orderIdOf(input: Record<string, unknown>): string | undefined {
  if (typeof input.orderId === 'string') return input.orderId;
  const order = input.order as { orderId?: unknown } | undefined;
  return typeof order?.orderId === 'string' ? order.orderId : undefined;
}

const entryId = (orderId: string, n: number) => `${orderId}|${n}`;

// An order has a handful of cases; a chain this long means something else is wrong.
const MAX_CASES_PER_ORDER = 1_000;

/**
 * The cases of each Amazon order, so that what Amazon later says about an order reaches them.
 * FerretDB v1 indexes `_id` only, and only a unique `_id` insert is safe between racers: each
 * order's cases are a chain of inserts `<orderId>|0`, `|1`, … read by `_id` until the first gap.
 */
export class CaseOrders {
  constructor(private readonly connection: Connection) {}

  /** Notes the case under its order once (a resubmitted case id adds nothing). */
  async note(orderId: string, fields: OrderCaseFields): Promise<void> {
    for (let n = 0; n < MAX_CASES_PER_ORDER; ) {
      const existing = await this.collection().findOne({ _id: entryId(orderId, n) });
      if (existing?.caseId === fields.caseId) return;
      if (existing) n++;
      else if (await this.insertAt(orderId, n, fields)) return;
      // Else another case of the order took this place first: read whose it is, then go on.
    }
    throw new Error(`Order ${orderId} has more than ${MAX_CASES_PER_ORDER} cases`);
  }

  private async insertAt(orderId: string, n: number, fields: OrderCaseFields): Promise<boolean> {
    try {
      await this.collection().insertOne({
        _id: entryId(orderId, n),
        orderId: String(orderId),
        caseId: String(fields.caseId),
        ...(fields.account && { account: String(fields.account) }),
        ...(fields.marketplace && { marketplace: String(fields.marketplace) }),
        notedAt: new Date(),
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Every case noted under the order, oldest first, each once. */
  async of(orderId: string): Promise<OrderCase[]> {
    const cases = new Map<string, OrderCase>();
    for (let n = 0; n < MAX_CASES_PER_ORDER; n++) {
      const entry = await this.collection().findOne({ _id: entryId(orderId, n) });
      if (!entry) break;
      if (!cases.has(entry.caseId)) cases.set(entry.caseId, entry);
    }
    return [...cases.values()];
  }

  private collection() {
    return this.connection.collection<OrderCase>(COLLECTION);
  }
}
