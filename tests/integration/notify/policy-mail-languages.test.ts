import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedOrder, order } from '../../../emulators/sp-api/index.ts';
import { DELIVERY_DAYS } from '../../../emulators/sp-api/seed-builders.ts';
import { loadNotifyConfig } from '../../../worker/activities/notify/index.ts';
import { runScriptedCase } from '../policies/case-driver.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

// The shipped refund policy, end to end, with its mails going to a real SMTP server: a buyer
// reads the marketplace's language and the order's currency, never the team's English.
const runId = randomUUID().slice(0, 8);
const now = new Date();
let smtp: TestSmtpServer;
let stack: PolicyStack;

interface BuyerCase {
  marketplace: string;
  currency: string;
  /** Days since delivery: over 15 declines with a coupon, a few days refunds at once (FBA). */
  days: number;
  price: number;
  tax: number;
}

const CASES = {
  jpRefunded: { marketplace: 'JP', currency: 'JPY', days: 3, price: 150, tax: 12 },
  jpLate: { marketplace: 'JP', currency: 'JPY', days: 21, price: 1_500, tax: 120 },
  deRefunded: { marketplace: 'DE', currency: 'EUR', days: 3, price: 19.99, tax: 3.8 },
  deLate: { marketplace: 'DE', currency: 'EUR', days: 21, price: 56, tax: 10.64 },
} satisfies Record<string, BuyerCase>;
type CaseName = keyof typeof CASES;

const orderId = (name: CaseName) => `${Object.keys(CASES).indexOf(name) + 1}-${runId}`;
const buyerEmail = (name: CaseName) => `${name.toLowerCase()}-${runId}@example.com`;

/** An FBA order sold in the case's currency (the emulator's orders are in dollars). */
function placedOrder(name: CaseName): EmulatedOrder {
  const { currency, days, price, tax } = CASES[name];
  const sketch = { id: `${runId}-${name}-1`, sku: `MAIL-${runId}-${name}`, asin: 'B0MAIL0001' };
  const placed = order(
    orderId(name),
    days + DELIVERY_DAYS,
    'AFN',
    'Shipped',
    [{ ...sketch, title: 'Teapot', quantity: 1, price, tax }],
    now,
  );
  return JSON.parse(
    JSON.stringify(placed).replaceAll('"CurrencyCode":"USD"', `"CurrencyCode":"${currency}"`),
  );
}

async function runCase(name: CaseName) {
  const item = placedOrder(name).items[0];
  return runScriptedCase(stack, {
    trigger: 'refund.requested',
    caseId: `mail-${name}-${runId}`,
    marketplace: CASES[name].marketplace,
    input: {
      orderId: orderId(name),
      orderItemId: item?.OrderItemId,
      sku: item?.SellerSKU,
      quantity: 1,
      returnReason: 'no-reason',
      itemCondition: 'unopened',
      buyerEmail: buyerEmail(name),
      buyerPostcode: '10012',
    },
    reviews: {},
  });
}

/** The one mail the buyer received, decoded as a mail program would. */
async function mailTo(name: CaseName) {
  const received = smtp.received.filter((mail) => mail.to.includes(buyerEmail(name)));
  expect(received, `mails to the ${name} buyer`).toHaveLength(1);
  const parsed = await simpleParser(received[0]?.raw ?? '');
  return { subject: parsed.subject, text: parsed.text?.trim() };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  stack = await openPolicyStack(`policy-mail-languages-${runId}`, {
    notify: loadNotifyConfig({ SMTP_URL: `smtp://acorn:secret-pass@127.0.0.1:${smtp.port}` }),
  });
  const names = Object.keys(CASES) as CaseName[];
  stack.emulator.controls.addOrders(names.map(placedOrder));
  const outcomes = await Promise.all(
    names.map(async (name) => [name, (await runCase(name)).outcome] as const),
  );
  expect(Object.fromEntries(outcomes)).toEqual({
    jpRefunded: 'refunded',
    jpLate: 'rejected-late',
    deRefunded: 'refunded',
    deLate: 'rejected-late',
  });
}, 300_000);
afterAll(async () => {
  await stack?.close();
  await smtp?.close();
});

describe('buyer mails of the shipped refund policy, over SMTP', () => {
  it('a buyer on the Japanese marketplace reads Japanese, with yen that have no decimals', async () => {
    expect(await mailTo('jpRefunded')).toEqual({
      subject: `ご注文 ${orderId('jpRefunded')} の返金手続きが完了しました`,
      text: '￥162 を元のお支払い方法に返金いたしました。',
    });
    const late = await mailTo('jpLate');
    expect(late.subject).toBe('返金のご依頼について');
    expect(late.text).toMatch(
      new RegExp(
        `^ご注文 ${orderId('jpLate')} の返金のご依頼は.*￥1,000 のクーポンをお送りします：\\S+$`,
      ),
    );
  });

  it('a buyer on the German marketplace reads German, with euros as Germans write them', async () => {
    expect(await mailTo('deRefunded')).toEqual({
      subject: `Erstattung für Bestellung ${orderId('deRefunded')} veranlasst`,
      text: 'Wir haben 23,79\u00a0€ auf Ihre ursprüngliche Zahlungsart erstattet.',
    });
    const late = await mailTo('deLate');
    expect(late.subject).toBe('Zu Ihrer Erstattungsanfrage');
    expect(late.text).toContain('Gutschein über 10,00\u00a0€ ohne Mindestbestellwert');
  });

  it('sends no buyer the team’s English', async () => {
    const buyers = (Object.keys(CASES) as CaseName[]).map(buyerEmail);
    const texts = await Promise.all(
      smtp.received
        .filter((mail) => mail.to.some((to) => buyers.includes(to)))
        .map(async (mail) => {
          const parsed = await simpleParser(mail.raw);
          return `${parsed.subject}\n${parsed.text}`;
        }),
    );
    expect(texts).toHaveLength(4);
    for (const text of texts) {
      expect(text).not.toMatch(
        /We refunded|refund request|Your request|Refund issued|coupon worth/,
      );
    }
  });
});
