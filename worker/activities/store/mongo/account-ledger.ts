import type { Connection } from 'mongoose';
import { isDuplicateKey } from '#platform/database';
import {
  type Counters,
  type LedgerEntryRecord,
  ledgerEntryModel,
  type MovementLeg,
} from './ledger-records.ts';

// Each lost race means someone else appended; a few dozen in a row means a hot SKU, and the
// activity's own retry (with backoff) is the better place to wait.
const MAX_APPEND_RACES = 50;

export function addCounters(balance: Counters, delta: Counters): Counters {
  const next: Counters = { ...balance };
  for (const [field, change] of Object.entries(delta)) next[field] = (next[field] ?? 0) + change;
  return next;
}

/**
 * Append-only balances with optimistic concurrency. Conditional `$inc` would be the MongoDB
 * idiom, but FerretDB v1 runs an update as read-modify-write and loses concurrent ones; a
 * unique `_id` insert is atomic on both, so every change is the insert of `<account>#<seq+1>`.
 */
export function accountLedger(connection: Connection) {
  const Entry = ledgerEntryModel(connection);

  async function head(account: string): Promise<Pick<LedgerEntryRecord, 'seq' | 'balance'>> {
    const [latest] = await Entry.find({ account }).sort({ seq: -1 }).limit(1).lean();
    return latest ?? { seq: 0, balance: {} };
  }

  /**
   * Applies the leg once per movement. The head is read before the "already applied?" check:
   * an append of this movement that the check misses landed after the head read, so the seq
   * we try is taken and our insert fails instead of counting the movement twice.
   */
  async function append(movementId: string, leg: MovementLeg): Promise<LedgerEntryRecord> {
    for (let race = 0; race < MAX_APPEND_RACES; race++) {
      const latest = await head(leg.account);
      const applied = await Entry.findOne({ account: leg.account, movementId }).lean();
      if (applied) return applied;
      const next = addCounters(latest.balance, leg.delta);
      const rejected = Object.values(next).some((count) => count < 0);
      const entry: LedgerEntryRecord = {
        _id: `${leg.account}#${latest.seq + 1}`,
        account: leg.account,
        seq: latest.seq + 1,
        movementId,
        delta: rejected ? {} : leg.delta,
        balance: rejected ? latest.balance : next,
        rejected,
        at: new Date(),
      };
      try {
        await Entry.create(entry);
        return entry;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new Error(`ledger account ${leg.account} is busy; try again`);
  }

  return {
    append,
    entryOf: (movementId: string, account: string) => Entry.findOne({ account, movementId }).lean(),
    balance: async (account: string): Promise<Counters> => (await head(account)).balance,
    /** Creates the unique index before the first append relies on it. */
    ready: () => Entry.init(),
  };
}

export type AccountLedger = ReturnType<typeof accountLedger>;
