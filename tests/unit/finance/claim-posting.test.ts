import { describe, expect, it } from 'vitest';
import { postClaim, postRefundEntry } from '../../../worker/activities/finance/claim-posting.ts';
import { refundsCoveredBy } from '../../../worker/activities/finance/guarantee-claim.ts';
import {
  type JournalEntryDraft,
  reversingLines,
} from '../../../worker/activities/finance/journal-entry.ts';
import type { Ledger, PostedEntry } from '../../../worker/activities/finance/ledger.ts';
import { refundEntry } from '../../../worker/activities/finance/refund-posting.ts';

/** The Ledger contract in memory: a key is posted once; a reversal is the key `reversal:…`. */
function memoryLedger(): Ledger & { all: PostedEntry[] } {
  const all: PostedEntry[] = [];
  const post = async (entry: JournalEntryDraft) => {
    const posted = all.find((candidate) => candidate.key === entry.key);
    if (posted) return { entry: posted, created: false };
    const recorded = { ...entry, recordedAt: new Date() };
    all.push(recorded);
    return { entry: recorded, created: true };
  };
  return {
    all,
    post,
    reverse: async (key, reason, postedAt) => {
      const original = all.find((entry) => entry.key === key);
      if (!original) throw new Error(`no ${key}`);
      return post({
        key: `reversal:${key}`,
        currency: original.currency,
        postedAt,
        description: reason,
        lines: reversingLines(original.lines),
        reverses: key,
      });
    },
    find: async (key) => all.find((entry) => entry.key === key),
    entries: async (reference) =>
      all.filter((entry) =>
        Object.entries(reference).every(([field, value]) => entry.reference?.[field] === value),
      ),
    balances: async () => [],
  };
}

const ORDER = '113-0000000-0000077';
const booked = (refundId: string, orderItemIds?: string[], orderId = ORDER) =>
  refundEntry({
    caseId: `case-${refundId}`,
    refundId,
    orderId,
    ...(orderItemIds ? { orderItemIds } : {}),
    currency: 'USD',
    adjustmentItemIds: [`${refundId}-1`],
    principal: 2_000,
    tax: 165,
    shipping: 0,
    shippingTax: 0,
    referralFeeRefunded: 300,
    restockingFee: 0,
    postedAt: new Date('2026-12-01T00:00:00Z'),
  });

const claim = (orderItemIds?: string[]) => ({
  caseId: 'az-case',
  claimId: 'AZ-77',
  orderId: ORDER,
  ...(orderItemIds ? { orderItemIds } : {}),
  currency: 'USD',
  amount: 2_165,
  postedAt: new Date('2026-12-05T00:00:00Z'),
});

const clearing = (entries: PostedEntry[]) =>
  entries
    .flatMap((entry) => entry.lines)
    .filter((line) => line.account === '1200')
    .reduce((sum, line) => sum + line.debit - line.credit, 0);

describe('a claim Amazon paid, in the ledger', () => {
  it('books the claim and reverses the refund booked for the same item, not the other item', async () => {
    const ledger = memoryLedger();
    await ledger.post(booked('RR-kettle', ['kettle']));
    await ledger.post(booked('RR-mug', ['mug']));
    const result = await postClaim(ledger, claim(['kettle']));
    expect(result).toEqual({
      entryKey: 'claim:AZ-77',
      created: true,
      reversedRefunds: ['refund:RR-kettle'],
    });
    expect(ledger.all.map((entry) => entry.key)).toEqual([
      'refund:RR-kettle',
      'refund:RR-mug',
      'claim:AZ-77',
      'reversal:refund:RR-kettle',
    ]);
    // What is left on clearing: the mug refund (paid to the buyer, fee returned) and the claim.
    const mugOnly = [ledger.all[1] as PostedEntry, ledger.all[2] as PostedEntry];
    expect(clearing(ledger.all)).toBe(clearing(mugOnly));
  });

  it('books nothing twice when retried', async () => {
    const ledger = memoryLedger();
    await ledger.post(booked('RR-kettle', ['kettle']));
    await postClaim(ledger, claim(['kettle']));
    const again = await postClaim(ledger, claim(['kettle']));
    expect(again.created).toBe(false);
    expect(ledger.all).toHaveLength(3);
  });

  it('books a chargeback under its own key, reversing the same way', async () => {
    const ledger = memoryLedger();
    await ledger.post(booked('RR-kettle', ['kettle']));
    const result = await postClaim(ledger, { ...claim(['kettle']), kind: 'chargeback' });
    expect(result.entryKey).toBe('chargeback:AZ-77');
    expect(result.reversedRefunds).toEqual(['refund:RR-kettle']);
    expect(ledger.all[1]?.reference).toMatchObject({
      kind: 'chargeback',
      orderItemIds: ['kettle'],
    });
  });
});

describe('a refund booked after a claim on its item', () => {
  it('is reversed at once, as the claim would have reversed it; another item is not', async () => {
    const ledger = memoryLedger();
    await postClaim(ledger, claim(['kettle']));
    const late = await postRefundEntry(ledger, booked('RR-kettle', ['kettle']));
    expect(late).toMatchObject({ created: true, reversedBy: 'claim:AZ-77' });
    expect(await ledger.find('reversal:refund:RR-kettle')).toBeDefined();
    const other = await postRefundEntry(ledger, booked('RR-mug', ['mug']));
    expect(other.reversedBy).toBeUndefined();
    expect(await ledger.find('reversal:refund:RR-mug')).toBeUndefined();
    // Retried: nothing more is booked.
    await postRefundEntry(ledger, booked('RR-kettle', ['kettle']));
    expect(ledger.all).toHaveLength(4);
  });
});

describe('which refunds a claim covers', () => {
  const entries = (drafts: JournalEntryDraft[]) =>
    drafts.map((draft) => ({ ...draft, recordedAt: new Date() }));

  it('a whole-order refund or a whole-order claim covers every item of that order only', () => {
    const posted = entries([booked('RR-all'), booked('RR-mug', ['mug']), booked('RR-x', [], 'o2')]);
    expect(refundsCoveredBy(claim(['kettle']), posted).map((e) => e.key)).toEqual([
      'refund:RR-all',
    ]);
    expect(refundsCoveredBy(claim(), posted).map((e) => e.key)).toEqual([
      'refund:RR-all',
      'refund:RR-mug',
    ]);
  });
});
