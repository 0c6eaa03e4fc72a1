import { describe, expect, it } from 'vitest';
import { evidenceLinks, otherEntries } from '../../../designer/src/inbox/case-facts.tsx';

describe('evidence in a case', () => {
  it('finds every link wherever it sits in the input, named by its path', () => {
    const input = {
      orderId: '114-1',
      amount: 42,
      evidence: { photos: ['https://cdn.example/p1.jpg', 'https://cdn.example/p2.png'] },
      items: [{ sku: 'A', receipt: 'http://store.example/r/1' }],
      note: 'not a link: ftp://x',
    };
    expect(evidenceLinks(input)).toEqual([
      { label: 'evidence.photos[0]', url: 'https://cdn.example/p1.jpg' },
      { label: 'evidence.photos[1]', url: 'https://cdn.example/p2.png' },
      { label: 'items[0].receipt', url: 'http://store.example/r/1' },
    ]);
  });
});

describe('facts a reviewer reads', () => {
  it('shows amounts kept in cents in the currency’s units, named without "Cents"', () => {
    const input = { orderId: '114-1', giftAndCouponCents: 15000, quantity: 2, saleEvent: true };
    expect(otherEntries(input)).toEqual([
      ['giftAndCoupon', '150.00'],
      ['quantity', '2'],
      ['saleEvent', 'true'],
    ]);
  });
});
