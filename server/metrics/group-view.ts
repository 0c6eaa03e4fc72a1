import type { Connection } from 'mongoose';
import {
  DEFAULT_ACCOUNT_ID,
  type GroupLine,
  type GroupView,
  type GroupViewQuery,
} from '#api-contract/accounts';
import { minorUnitDigits, minorUnitsAsMajor } from '#flow-language';
import { ACCOUNT } from '../../worker/activities/finance/chart-of-accounts.ts';
import type { PostedEntry } from '../../worker/activities/finance/ledger.ts';
import { MongoLedger } from '../../worker/activities/finance/mongo-ledger.ts';
import { ExchangeRates, type RateTable, rateOn } from '../accounts/exchange-rates.ts';

/** A refund booked before accounts existed names no marketplace; it stays visible as such. */
const UNKNOWN_MARKETPLACE = 'unknown';

/**
 * Refunds paid to buyers in every account, marketplace and currency, each converted to the
 * reporting currency with the rate in force on the day it was booked. An entry with no rate on
 * or before its day is left out of the total and named, never converted with a guessed rate.
 */
export async function groupView(database: Connection, query: GroupViewQuery): Promise<GroupView> {
  const { entries, reversed } = await new MongoLedger(database).postedBetween('refund', query);
  const table = await new ExchangeRates(database).tableInto(query.currency);
  const lines = new Map<string, GroupLine>();
  for (const entry of entries) {
    if (reversed.has(entry.key)) continue;
    const line = lineFor(lines, entry);
    addEntry(line, entry, query.currency, table);
  }
  const sorted = [...lines.values()].sort((a, b) =>
    `${a.accountId}/${a.marketplace}/${a.currency}`.localeCompare(
      `${b.accountId}/${b.marketplace}/${b.currency}`,
    ),
  );
  return {
    currency: query.currency,
    ...(query.from ? { from: query.from.toISOString() } : {}),
    ...(query.to ? { to: query.to.toISOString() } : {}),
    lines: sorted,
    totalMinor: sorted.reduce((sum, line) => sum + (line.convertedMinor ?? 0), 0),
    complete: sorted.every((line) => line.convertedMinor !== null),
  };
}

function lineFor(lines: Map<string, GroupLine>, entry: PostedEntry): GroupLine {
  const accountId = entry.account ?? DEFAULT_ACCOUNT_ID;
  const marketplace = entry.marketplace ?? UNKNOWN_MARKETPLACE;
  const id = `${accountId}/${marketplace}/${entry.currency}`;
  const existing = lines.get(id);
  if (existing) return existing;
  const line: GroupLine = {
    accountId,
    marketplace,
    currency: entry.currency,
    refunds: 0,
    refundedMinor: 0,
    convertedMinor: 0,
    ratesUsed: [],
    missingRateDays: [],
  };
  lines.set(id, line);
  return line;
}

function addEntry(line: GroupLine, entry: PostedEntry, reporting: string, table: RateTable): void {
  const paid = paidToBuyer(entry);
  line.refunds += 1;
  line.refundedMinor += paid;
  if (entry.currency === reporting) {
    if (line.convertedMinor !== null) line.convertedMinor += paid;
    return;
  }
  const day = entry.postedAt.toISOString().slice(0, 10);
  const rate = rateOn(table, entry.currency, day);
  if (!rate) {
    if (!line.missingRateDays.includes(day)) line.missingRateDays.push(day);
    line.convertedMinor = null;
    return;
  }
  if (!line.ratesUsed.some((used) => used.date === rate.date)) {
    line.ratesUsed.push({ date: rate.date, rate: rate.rate, source: rate.source });
  }
  if (line.convertedMinor !== null) {
    line.convertedMinor += convertMinor(paid, entry.currency, reporting, rate.rate);
  }
}

/** What left through marketplace clearing to the buyer: the clearing account's credit lines. */
function paidToBuyer(entry: PostedEntry): number {
  return entry.lines
    .filter((line) => line.account === ACCOUNT.marketplaceClearing)
    .reduce((sum, line) => sum + line.credit, 0);
}

/** Minor units of one currency into another's (cents to cents, cents to yen), half up. */
export function convertMinor(amount: number, from: string, to: string, rate: number): number {
  return Math.round(minorUnitsAsMajor(amount, from) * rate * 10 ** minorUnitDigits(to));
}
