import { type Connection, Schema } from 'mongoose';
import type { ExchangeRate } from '#api-contract/accounts';
import { recordModel } from '#platform/database';

interface ExchangeRateRecord extends ExchangeRate {
  /** `${from}-${to}-${date}`: one rate per pair and day. */
  _id: string;
}

const exchangeRateSchema = new Schema<ExchangeRateRecord>(
  {
    _id: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    date: { type: String, required: true },
    rate: { type: Number, required: true },
    source: { type: String, required: true },
  },
  { collection: 'exchange_rates', versionKey: false },
);

const rateId = (rate: Pick<ExchangeRate, 'from' | 'to' | 'date'>) =>
  `${rate.from}-${rate.to}-${rate.date}`;

/** The admin-managed table of dated exchange rates group views convert with. */
export class ExchangeRates {
  private readonly rates;

  constructor(connection: Connection) {
    this.rates = recordModel<ExchangeRateRecord>(connection, 'ExchangeRate', exchangeRateSchema);
  }

  async list(): Promise<ExchangeRate[]> {
    const records = await this.rates.find({}).sort({ from: 1, to: 1, date: 1 }).lean();
    return records.map(({ _id, ...rate }) => rate);
  }

  /** A rate for a pair and day is replaced, never kept twice. */
  async save(rate: ExchangeRate): Promise<ExchangeRate> {
    await this.rates.replaceOne({ _id: rateId(rate) }, { ...rate }, { upsert: true });
    return rate;
  }

  /** Every rate into `to`, by source currency, oldest first: what a conversion may use. */
  async tableInto(to: string): Promise<RateTable> {
    const records = await this.rates.find({ to }).sort({ date: 1 }).lean();
    const table: RateTable = new Map();
    for (const { _id, ...rate } of records) {
      table.set(rate.from, [...(table.get(rate.from) ?? []), rate]);
    }
    return table;
  }
}

export type RateTable = Map<string, ExchangeRate[]>;

/**
 * The rate in force on a day: the latest dated on or before it. None before the first rate of
 * the pair: the caller reports it missing, it is never guessed from a later rate or the inverse.
 */
export function rateOn(table: RateTable, from: string, day: string): ExchangeRate | undefined {
  const rates = table.get(from) ?? [];
  let found: ExchangeRate | undefined;
  for (const rate of rates) if (rate.date <= day) found = rate;
  return found;
}
