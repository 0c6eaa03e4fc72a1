import { describe, expect, it } from 'vitest';
import { buyerLanguage } from '../../../worker/activities/notify/mail-languages.ts';
import { de } from '../../../worker/activities/notify/mail-templates/de.ts';
import { en } from '../../../worker/activities/notify/mail-templates/en.ts';
import { ja } from '../../../worker/activities/notify/mail-templates/ja.ts';
import { zhCN } from '../../../worker/activities/notify/mail-templates/zh-CN.ts';
import {
  MailTemplateProblem,
  placeholders,
  renderMail,
  renderText,
} from '../../../worker/activities/notify/mail-templates.ts';

type Texts = Record<string, { subject: string; text: string }>;
const BUYER: Record<string, Texts> = { en: en.buyer, de: de.buyer, ja: ja.buyer };
const TEAM: Record<string, Texts> = { en: en.team, 'zh-CN': zhCN.team };

const values = {
  orderId: '304-1234567-7654321',
  caseId: 'case-de-1',
  couponCode: 'SORRY10',
  couponValueCents: 1000,
  claimId: 'AZ-1',
  comment: 'photos attached',
  entryKey: 'claim:AZ-1',
  purchaseOrderNumber: 'PO-1',
  code: 'Accepted',
  transactionId: 'T-1',
  storeName: 'Berlin Mitte',
  city: 'Berlin',
  rmaId: 'RMA-7',
  refundAmount: 24.99,
  currency: 'EUR',
};

/** Intl puts a no-break space between a German amount and its currency sign. */
const nbsp = '\u00a0';

describe('mail templates in every language', () => {
  for (const [audience, languages] of [
    ['buyer', BUYER],
    ['team', TEAM],
  ] as const) {
    const names = Object.keys(en[audience]);
    for (const [language, texts] of Object.entries(languages)) {
      it(`${audience} mails: ${language} has every template, with the same placeholders`, () => {
        expect(Object.keys(texts).sort()).toEqual([...names].sort());
        for (const name of names) {
          for (const part of ['subject', 'text'] as const) {
            const english = (en[audience] as Texts)[name]?.[part] ?? '';
            const translated = texts[name]?.[part] ?? '';
            expect(translated.trim(), `${language} ${name}.${part}`).not.toBe('');
            expect(placeholders(translated).sort(), `${language} ${name}.${part}`).toEqual(
              placeholders(english).sort(),
            );
          }
        }
      });
    }
  }

  it('refuses a template a language lacks instead of falling back to English', () => {
    expect(() => renderText('de', 'buyer.noSuchMail.subject', values)).toThrow(MailTemplateProblem);
    // Team templates exist in English but not in German: no German buyer gets a team text either.
    expect(() => renderText('de', 'team.manualHandling.subject', values)).toThrow(
      MailTemplateProblem,
    );
  });

  it('refuses a mail whose values miss one its template needs', () => {
    expect(() =>
      renderMail(
        { template: 'buyer.refundIssued', marketplace: 'DE', values: { refundAmount: 5 } },
        ['en'],
      ),
    ).toThrow(/needs the values orderId/);
  });
});

describe('which language a mail is written in', () => {
  it('a buyer of a German case reads German, whatever the team reads', () => {
    const mail = renderMail({ template: 'buyer.refundIssued', marketplace: 'DE', values }, [
      'zh-CN',
      'en',
    ]);
    expect(mail).toEqual({
      subject: 'Erstattung für Bestellung 304-1234567-7654321 veranlasst',
      text: `Wir haben 24,99${nbsp}€ auf Ihre ursprüngliche Zahlungsart erstattet.`,
    });
  });

  it('Japanese for JP, English for US and UK, English for a marketplace without its own', () => {
    const subject = (marketplace: string) =>
      renderMail({ template: 'buyer.returnNotReceived', marketplace, values }, ['zh-CN']).subject;
    expect(subject('JP')).toBe('返品商品が届いておりません');
    expect(subject('US')).toBe('Your return has not arrived');
    expect(subject('UK')).toBe('Your return has not arrived');
    expect(subject('amazon.de')).toBe('Ihre Rücksendung ist nicht eingetroffen');
    expect(subject('A1VC38T7YXB528')).toBe('返品商品が届いておりません');
    expect(buyerLanguage('FR')).toBe('en');
    expect(buyerLanguage(undefined)).toBe('en');
  });

  it('a team notification carries the team languages in their order', () => {
    const mail = renderMail({ template: 'team.manualHandling', marketplace: 'DE', values }, [
      'zh-CN',
      'en',
    ]);
    expect(mail.subject).toBe(
      '退款案例 case-de-1 需要人工处理 / Refund case case-de-1 needs manual handling',
    );
    expect(mail.text.indexOf('平台未能完成订单')).toBeLessThan(
      mail.text.indexOf('The marketplace could not complete'),
    );
  });

  it('keeps values as given: plain text is not HTML-escaped', () => {
    const mail = renderMail(
      { template: 'buyer.returnLabel', marketplace: 'US', values: { ...values, storeName: 'A&B' } },
      ['en'],
    );
    expect(mail.text).toContain('A&B (Berlin)');
  });
});

describe('amounts in mails', () => {
  const refund = (marketplace: string, refundAmount: number, currency: string) =>
    renderMail(
      {
        template: 'buyer.refundIssued',
        marketplace,
        values: { orderId: '1', refundAmount, currency },
      },
      ['en'],
    ).text;
  const coupon = (marketplace: string, couponValueCents: number, currency: string) =>
    renderMail(
      {
        template: 'buyer.lateRequestCoupon',
        marketplace,
        values: { orderId: '1', couponCode: 'C', couponValueCents, currency },
      },
      ['en'],
    ).text;

  it('writes an amount in the currency, as the reader’s language writes it', () => {
    expect(refund('JP', 1500, 'JPY')).toBe('￥1,500 を元のお支払い方法に返金いたしました。');
    expect(refund('US', 24.99, 'USD')).toBe('We refunded $24.99 to your original payment method.');
    expect(refund('UK', 24.99, 'GBP')).toContain('£24.99');
    expect(refund('DE', 1234.5, 'EUR')).toContain(`1.234,50${nbsp}€`);
  });

  it('reads minor units with the currency’s own digits: the yen has none', () => {
    expect(coupon('JP', 1000, 'JPY')).toContain('￥1,000 のクーポン');
    expect(coupon('US', 1000, 'USD')).toContain('a coupon worth $10.00 with');
    expect(coupon('DE', 1000, 'EUR')).toContain(`Gutschein über 10,00${nbsp}€`);
    expect(coupon('US', 1000, 'BHD')).toContain(`BHD${nbsp}1.000`);
  });

  it('refuses an amount without a currency it knows, or minor units that are not whole', () => {
    expect(() => refund('US', 24.99, 'XYZ')).toThrow(/refundAmount needs a currency value/);
    expect(() => coupon('US', 10.5, 'USD')).toThrow(/couponValueCents needs whole minor units/);
    expect(() =>
      renderMail(
        {
          template: 'buyer.refundIssued',
          marketplace: 'US',
          values: { orderId: '1', refundAmount: 5 },
        },
        ['en'],
      ),
    ).toThrow(/refundAmount needs a currency value/);
  });
});
