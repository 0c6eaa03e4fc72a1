import { type Connection, Schema, trusted } from 'mongoose';
import { canonicalJson } from '#flow-language';
import { isDuplicateKey, recordModel } from '#platform/database';
import type { AccountCode } from './chart-of-accounts.ts';
import { assertPostable, type JournalEntryDraft, reversingLines } from './journal-entry.ts';
import {
  type AccountBalance,
  type Ledger,
  LedgerConflict,
  type PostedEntry,
  type PostResult,
} from './ledger.ts';

interface JournalEntryRecord extends Omit<PostedEntry, 'key'> {
  _id: string;
}

const journalEntrySchema = new Schema<JournalEntryRecord>(
  {
    _id: { type: String, required: true },
    currency: { type: String, required: true },
    postedAt: { type: Date, required: true },
    recordedAt: { type: Date, required: true },
    description: { type: String, required: true },
    lines: [{ _id: false, account: String, debit: Number, credit: Number, memo: String }],
    reference: Schema.Types.Mixed,
    reverses: { type: String, index: true },
    account: String,
    marketplace: String,
  },
  { collection: 'journal_entries', versionKey: false },
);

/**
 * The ledger on MongoDB. Posting is one insert keyed by the entry's key: the only write that is
 * atomic on FerretDB and MongoDB alike, so two workers posting the same refund add one entry.
 * There is no update path at all.
 */
export class MongoLedger implements Ledger {
  private readonly JournalEntry;

  constructor(connection: Connection) {
    this.JournalEntry = recordModel<JournalEntryRecord>(
      connection,
      'JournalEntry',
      journalEntrySchema,
    );
  }

  async post(entry: JournalEntryDraft): Promise<PostResult> {
    assertPostable(entry);
    const { key, ...content } = entry;
    try {
      await this.JournalEntry.create({ _id: key, ...content, recordedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return { entry: await this.sameAsPosted(entry), created: false };
    }
    return { entry: (await this.find(key)) as PostedEntry, created: true };
  }

  async reverse(key: string, reason: string, postedAt: Date): Promise<PostResult> {
    const original = await this.find(key);
    if (!original) throw new LedgerConflict(`There is no entry "${key}" to reverse`);
    return this.post({
      key: `reversal:${key}`,
      currency: original.currency,
      postedAt,
      description: `Reversal of ${key}: ${reason}`,
      lines: reversingLines(original.lines),
      reverses: key,
      ...(original.account ? { account: original.account } : {}),
      ...(original.marketplace ? { marketplace: original.marketplace } : {}),
    });
  }

  async find(key: string): Promise<PostedEntry | undefined> {
    const record = await this.JournalEntry.findById(key).lean();
    return record ? toEntry(record) : undefined;
  }

  async entries(reference: Record<string, string>): Promise<PostedEntry[]> {
    const filter = Object.fromEntries(
      Object.entries(reference).map(([field, value]) => [`reference.${field}`, value]),
    );
    const records = await this.JournalEntry.find(filter).sort({ postedAt: 1, _id: 1 }).lean();
    return records.map(toEntry);
  }

  /** Entries of one kind (`refund`) posted in [from, to), and the keys reversed since. */
  async postedBetween(
    kind: string,
    period: { from?: Date; to?: Date },
  ): Promise<{ entries: PostedEntry[]; reversed: Set<string> }> {
    const postedAt = {
      ...(period.from ? { $gte: period.from } : {}),
      ...(period.to ? { $lt: period.to } : {}),
    };
    const [records, reversals] = await Promise.all([
      this.JournalEntry.find({
        'reference.kind': kind,
        ...(Object.keys(postedAt).length > 0 ? { postedAt: trusted(postedAt) } : {}),
      })
        .sort({ postedAt: 1, _id: 1 })
        .lean(),
      this.JournalEntry.find({ reverses: trusted({ $exists: true }) }, { reverses: 1 }).lean(),
    ]);
    return {
      entries: records.map(toEntry),
      reversed: new Set(reversals.map((record) => String(record.reverses))),
    };
  }

  async balances(): Promise<AccountBalance[]> {
    const records = await this.JournalEntry.find({}, { currency: 1, lines: 1 }).lean();
    const totals = new Map<string, AccountBalance>();
    for (const record of records) {
      for (const line of record.lines) {
        const id = `${line.account}/${record.currency}`;
        const total = totals.get(id) ?? emptyBalance(line.account, record.currency);
        total.debit += line.debit;
        total.credit += line.credit;
        total.balance = total.debit - total.credit;
        totals.set(id, total);
      }
    }
    return [...totals.values()].sort((a, b) => a.account.localeCompare(b.account));
  }

  /** A repeated key must carry the same entry; anything else is a caller's bug, not a retry. */
  private async sameAsPosted(entry: JournalEntryDraft): Promise<PostedEntry> {
    const posted = (await this.find(entry.key)) as PostedEntry;
    if (canonicalJson(comparable(posted)) !== canonicalJson(comparable(entry))) {
      throw new LedgerConflict(`Entry "${entry.key}" was already posted with other content`);
    }
    return posted;
  }
}

function comparable(entry: JournalEntryDraft) {
  return {
    currency: entry.currency,
    lines: entry.lines.map(({ account, debit, credit }) => ({ account, debit, credit })),
  };
}

function emptyBalance(account: AccountCode, currency: string): AccountBalance {
  return { account, currency, debit: 0, credit: 0, balance: 0 };
}

function toEntry({ _id, ...record }: JournalEntryRecord): PostedEntry {
  return { key: _id, ...record } as PostedEntry;
}
