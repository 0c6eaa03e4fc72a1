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
import type { AccessScope } from '../auth/identity.ts';
import { restrictsCases } from '../cases/case-scope.ts';
import { type EntryCase, entryCases, inScope } from './entry-cases.ts';

/** A refund booked before accounts existed names no marketplace; it stays visible as such. */
const UNKNOWN_MARKETPLACE = 'unknown';

/** What left to buyers through marketplace clearing: refunds, and what Amazon charged back. */
const PAID_KINDS = ['refund', 'guarantee-claim', 'chargeback'] as const;
type PaidKind = (typeof PAID_KINDS)[number];

/**
 * Refunds, A-to-Z claims and chargebacks paid in every account, marketplace and currency, each
 * converted to the reporting currency with the rate in force on the day it was booked. An entry
 * with no rate on or before its day is left out of the total and named, never converted with a
 * guessed rate. A caller limited to some brands, marketplaces or stores sees only the entries of
 * their cases, and the answer says so.
 */
export async function groupView(
  database: Connection,
  query: GroupViewQuery,
  scope?: AccessScope,
): Promise<GroupView> {
  const ledger = new MongoLedger(database);
  const posted = await Promise.all(PAID_KINDS.map((kind) => ledger.postedBetween(kind, query)));
  // A claim reverses the refund it replaced: the reversal is listed with every kind's answer.
  const reversed = new Set(posted.flatMap((answer) => [...answer.reversed]));
  const entries = posted.flatMap((answer) => answer.entries).filter((e) => !reversed.has(e.key));
  const cases = await entryCases(database, entries);
  const visible = restrictsCases(scope)
    ? entries.filter((entry) => inScope(scope, cases.get(caseIdOf(entry))))
    : entries;
  const table = await new ExchangeRates(database).tableInto(query.currency);
  const lines = new Map<string, GroupLine>();
  for (const entry of visible) {
    const line = lineFor(lines, entry, cases.get(caseIdOf(entry)));
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
    ...(restrictsCases(scope) && { scope }),
  };
}

const caseIdOf = (entry: PostedEntry) => String(entry.reference?.caseId ?? '');

/** Claims are booked without an account: they belong to their case's. */
function lineFor(
  lines: Map<string, GroupLine>,
  entry: PostedEntry,
  known: EntryCase | undefined,
): GroupLine {
  const accountId = entry.account ?? known?.account ?? DEFAULT_ACCOUNT_ID;
  const marketplace = entry.marketplace ?? known?.marketplaceId ?? UNKNOWN_MARKETPLACE;
  const id = `${accountId}/${marketplace}/${entry.currency}`;
  const existing = lines.get(id);
  if (existing) return existing;
  const line: GroupLine = {
    accountId,
    marketplace,
    currency: entry.currency,
    refunds: 0,
    refundedMinor: 0,
    guaranteeClaims: 0,
    guaranteeClaimsMinor: 0,
    chargebacks: 0,
    chargebacksMinor: 0,
    paidMinor: 0,
    convertedMinor: 0,
    ratesUsed: [],
    missingRateDays: [],
  };
  lines.set(id, line);
  return line;
}

function addEntry(line: GroupLine, entry: PostedEntry, reporting: string, table: RateTable): void {
  const paid = paidToBuyer(entry);
  count(line, entry.reference?.kind as PaidKind, paid);
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

function count(line: GroupLine, kind: PaidKind, paid: number): void {
  line.paidMinor += paid;
  if (kind === 'guarantee-claim') {
    line.guaranteeClaims += 1;
    line.guaranteeClaimsMinor += paid;
  } else if (kind === 'chargeback') {
    line.chargebacks += 1;
    line.chargebacksMinor += paid;
  } else {
    line.refunds += 1;
    line.refundedMinor += paid;
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
