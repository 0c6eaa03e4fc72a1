import type { AccountCode } from './chart-of-accounts.ts';
import type { JournalEntryDraft } from './journal-entry.ts';

export interface PostedEntry extends JournalEntryDraft {
  recordedAt: Date;
}

export interface PostResult {
  entry: PostedEntry;
  /** False when the key was already posted with the same content: nothing was added. */
  created: boolean;
}

export interface AccountBalance {
  account: AccountCode;
  currency: string;
  debit: number;
  credit: number;
  /** Debit minus credit, in minor units. */
  balance: number;
}

/** The general ledger: append-only, idempotent by key, corrected only by reversing entries. */
export interface Ledger {
  post(entry: JournalEntryDraft): Promise<PostResult>;
  reverse(key: string, reason: string, postedAt: Date): Promise<PostResult>;
  find(key: string): Promise<PostedEntry | undefined>;
  /** Entries whose reference matches, e.g. { kind: 'refund' }, in posting order. */
  entries(reference: Record<string, string>): Promise<PostedEntry[]>;
  balances(): Promise<AccountBalance[]>;
}

export class LedgerConflict extends Error {
  override name = 'LedgerConflict';
}
