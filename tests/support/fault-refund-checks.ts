import { expect } from 'vitest';
import { MongoLedger } from '../../worker/activities/finance/index.ts';
import type { FlowRunResult } from '../../workflows/flow-run/types.ts';
import type { RefundScenarioCase } from '../integration/policies/refund-scenarios.ts';
import type { RefundBed } from './fault-refund-bed.ts';

const cents = (amount: number | undefined) => Math.round((amount ?? 0) * 100);

/** What the buyer must have received, once each: the return label, then the outcome. */
export function expectedMails(scenario: RefundScenarioCase): string[] {
  const orderId = String(scenario.input.orderId);
  const label = scenario.reviews.inspect ? [`Return label for order ${orderId}`] : [];
  const outcome: Record<string, string[]> = {
    refunded: [`Refund issued for order ${orderId}`],
    rejected: ['About your refund request'],
    'rejected-late': ['About your refund request'],
    'return-not-received': ['Your return has not arrived'],
    'already-refunded': [],
  };
  const told = outcome[scenario.expected.outcome];
  if (!told) throw new Error(`no mail expectation for outcome ${scenario.expected.outcome}`);
  return [...label, ...told].sort();
}

/**
 * Every case ended as the policy says, Amazon refunded each refunded case once and by the
 * right amounts (one feed, one adjustment), the ledger holds one balanced refund entry per
 * refunded case with those amounts, stock moved once, and each e-mail reached the buyer once.
 */
export async function expectEveryCaseSettledOnce(
  bed: RefundBed,
  cases: RefundScenarioCase[],
  results: FlowRunResult[],
): Promise<void> {
  const ledger = new MongoLedger(bed.database);
  const { controls } = bed.emulator;
  for (const [index, scenario] of cases.entries()) {
    const { caseId, expected, name } = scenario;
    const orderId = String(scenario.input.orderId);
    expect(results[index]?.outcome, name).toBe(expected.outcome);

    const adjustments = controls
      .adjustments()
      .filter((adjustment) => adjustment.merchantAdjustmentItemId?.startsWith(`RR-${caseId}-`));
    const feeds = controls.feedsForOrder(orderId);
    const entries = await ledger.entries({ caseId });
    const refundEntries = entries.filter((entry) => entry.reference?.kind === 'refund');
    for (const entry of entries) {
      const debits = entry.lines.reduce((sum, line) => sum + line.debit, 0);
      const credits = entry.lines.reduce((sum, line) => sum + line.credit, 0);
      expect(debits, `${name}: ${entry.key}`).toBe(credits);
    }
    if (expected.refundPrincipalCents === undefined) {
      expect(feeds, name).toEqual([]);
      expect(adjustments, name).toEqual([]);
      expect(refundEntries, name).toEqual([]);
    } else {
      expect(feeds, name).toHaveLength(1);
      expect(adjustments, name).toHaveLength(1);
      const amount = (type: string) =>
        cents(adjustments[0]?.components.find((component) => component.type === type)?.amount);
      expect(amount('Principal'), name).toBe(expected.refundPrincipalCents);
      expect(amount('Tax'), name).toBe(scenario.expected.taxCents);
      expect(refundEntries, name).toHaveLength(1);
      const lines = refundEntries[0]?.lines ?? [];
      expect(lines.find((line) => line.account === '4000')?.debit, name).toBe(
        expected.refundPrincipalCents,
      );
      expect(lines.find((line) => line.account === '2100')?.debit, name).toBe(
        scenario.expected.taxCents,
      );
    }
    const coupons = entries.filter((entry) => entry.reference?.kind === 'coupon');
    expect(coupons, name).toHaveLength(expected.coupon ? 1 : 0);

    if (expected.stock) {
      const stock = await bed.stores.getStock(expected.stock.storeId, String(scenario.input.sku));
      expect(stock, name).toMatchObject({ [expected.stock.disposition]: 1 });
      const units = ['sellable', 'outlet', 'writtenOff'].map((field) =>
        Number((stock as unknown as Record<string, unknown>)[field] ?? 0),
      );
      expect(
        units.reduce((sum, count) => sum + count, 0),
        name,
      ).toBe(1);
    }

    // One message per mail, by Message-ID. A worker paused or killed after the SMTP server took
    // a mail but before "sent" was recorded delivers it again with the same Message-ID (README,
    // notify): at least once, never two different messages.
    const buyer = String(scenario.input.buyerEmail);
    const mails = bed.smtp.received.filter((mail) => mail.to.includes(buyer));
    const messages = new Map(mails.map((mail) => [mail.headers.get('message-id'), mail]));
    expect([...messages.values()].map((mail) => mail.headers.get('subject')).sort(), name).toEqual(
      expectedMails(scenario),
    );
  }
  // Nothing needed a person: no step ran out of retries into "manual handling".
  const manual = bed.smtp.received.filter((mail) => mail.to.includes('refunds-team@acorn.example'));
  expect(manual).toEqual([]);
  const balances = await ledger.balances();
  const debits = balances.reduce((sum, account) => sum + account.debit, 0);
  const credits = balances.reduce((sum, account) => sum + account.credit, 0);
  expect(debits).toBeGreaterThan(0);
  expect(debits).toBe(credits);
}
