import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import {
  ACCOUNT,
  LedgerConflict,
  MongoLedger,
  UnbalancedEntry,
} from '../../../worker/activities/finance/index.ts';
import { credit, debit } from '../../../worker/activities/finance/journal-entry.ts';

let database: Connection;
let ledger: MongoLedger;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/finance-ledger-${randomUUID()}`);
  ledger = new MongoLedger(database);
});
afterAll(async () => {
  await database?.close();
});

const sale = (key: string, amount: number, currency = 'USD') => ({
  key,
  currency,
  postedAt: new Date('2026-11-02T12:00:00Z'),
  description: `Sale ${key}`,
  lines: [debit(ACCOUNT.marketplaceClearing, amount), credit(ACCOUNT.salesRevenue, amount)],
});

const balanceOf = async (account: string, currency = 'USD') =>
  (await ledger.balances()).find((row) => row.account === account && row.currency === currency)
    ?.balance ?? 0;

describe('the ledger on FerretDB', () => {
  it('posts a balanced entry once, however often the same key is posted', async () => {
    const key = `sale-${randomUUID()}`;
    const before = await balanceOf(ACCOUNT.salesRevenue);
    const first = await ledger.post(sale(key, 1_999));
    const again = await ledger.post(sale(key, 1_999));
    expect([first.created, again.created]).toEqual([true, false]);
    expect(await balanceOf(ACCOUNT.salesRevenue)).toBe(before - 1_999);
  });

  it('refuses the same key with different amounts', async () => {
    const key = `sale-${randomUUID()}`;
    await ledger.post(sale(key, 500));
    await expect(ledger.post(sale(key, 501))).rejects.toBeInstanceOf(LedgerConflict);
  });

  it('refuses an unbalanced entry and stores nothing', async () => {
    const key = `broken-${randomUUID()}`;
    const unbalanced = {
      ...sale(key, 100),
      lines: [debit(ACCOUNT.marketplaceClearing, 100), credit(ACCOUNT.salesRevenue, 99)],
    };
    await expect(ledger.post(unbalanced)).rejects.toBeInstanceOf(UnbalancedEntry);
    expect(await ledger.find(key)).toBeUndefined();
  });

  it('corrects by a reversing entry that restores the balances', async () => {
    const key = `sale-${randomUUID()}`;
    const before = await balanceOf(ACCOUNT.marketplaceClearing);
    await ledger.post(sale(key, 4_200));
    const reversal = await ledger.reverse(key, 'posted twice by hand', new Date());
    expect(reversal.entry.reverses).toBe(key);
    expect(await balanceOf(ACCOUNT.marketplaceClearing)).toBe(before);
    expect((await ledger.find(key))?.lines[0]?.debit).toBe(4_200);
  });

  it('keeps debits equal to credits in every currency across many racing entries', async () => {
    const amounts = Array.from({ length: 60 }, (_, index) => 1 + ((index * 7_919) % 10_000));
    const keys = amounts.map(() => `race-${randomUUID()}`);
    await Promise.all(
      [...amounts, ...amounts].map((amount, index) =>
        ledger
          .post(sale(keys[index % amounts.length] as string, amount, index % 2 ? 'EUR' : 'USD'))
          .catch((error) => error),
      ),
    );
    const totals = new Map<string, number>();
    for (const row of await ledger.balances()) {
      totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.balance);
    }
    expect([...totals.values()].every((total) => total === 0)).toBe(true);
    const posted = await Promise.all(keys.map((key) => ledger.find(key)));
    expect(posted.filter(Boolean)).toHaveLength(keys.length);
  });
});
