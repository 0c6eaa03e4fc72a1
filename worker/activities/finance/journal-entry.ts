import { type AccountCode, isAccountCode } from './chart-of-accounts.ts';

/** One side of an entry. Amounts are integers in minor units (cents, yen), never floats. */
export interface JournalLine {
  account: AccountCode;
  debit: number;
  credit: number;
  memo?: string;
}

export interface JournalEntryDraft {
  /** The idempotency key: posting the same key again adds nothing. */
  key: string;
  currency: string;
  postedAt: Date;
  description: string;
  lines: JournalLine[];
  /** What the entry is about, for matching (case, order, adjustment item ids). */
  reference?: Record<string, unknown>;
  /** Set on a reversing entry: the key of the entry it reverses. */
  reverses?: string;
  /** The marketplace account and Amazon marketplace the money moved in; absent: the default. */
  account?: string;
  marketplace?: string;
}

export class UnbalancedEntry extends Error {
  override name = 'UnbalancedEntry';
}

/** An entry may be posted only if every line is sound and debits equal credits. */
export function assertPostable(entry: JournalEntryDraft): void {
  if (!/^[A-Z]{3}$/.test(entry.currency)) {
    throw new UnbalancedEntry(`${entry.key}: "${entry.currency}" is not an ISO currency code`);
  }
  if (entry.lines.length < 2) throw new UnbalancedEntry(`${entry.key}: needs at least two lines`);
  for (const line of entry.lines) assertLine(entry.key, line);
  const debits = sum(entry.lines.map((line) => line.debit));
  const credits = sum(entry.lines.map((line) => line.credit));
  if (debits !== credits) {
    throw new UnbalancedEntry(`${entry.key}: debits ${debits} ≠ credits ${credits}`);
  }
}

function assertLine(key: string, line: JournalLine): void {
  if (!isAccountCode(line.account)) {
    throw new UnbalancedEntry(`${key}: account ${line.account} is not in the chart`);
  }
  const amounts = [line.debit, line.credit];
  if (!amounts.every((amount) => Number.isSafeInteger(amount) && amount >= 0)) {
    throw new UnbalancedEntry(`${key}: amounts must be whole, non-negative minor units`);
  }
  if (line.debit > 0 === line.credit > 0) {
    throw new UnbalancedEntry(`${key}: a line is either a debit or a credit`);
  }
}

export const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);

export const debit = (account: AccountCode, amount: number, memo?: string): JournalLine => ({
  account,
  debit: amount,
  credit: 0,
  ...(memo ? { memo } : {}),
});

export const credit = (account: AccountCode, amount: number, memo?: string): JournalLine => ({
  account,
  debit: 0,
  credit: amount,
  ...(memo ? { memo } : {}),
});

/** Swaps debits and credits: the only way to correct an entry, which is never edited. */
export function reversingLines(lines: JournalLine[]): JournalLine[] {
  return lines.map((line) => ({ ...line, debit: line.credit, credit: line.debit }));
}
