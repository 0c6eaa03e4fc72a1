import { order } from './seed-builders.ts';
import type { EmulatedOrder } from './state.ts';

export { US_MARKETPLACE_ID } from './seed-builders.ts';

/** Realistic US orders (prices, sales tax, shipping) for demos and tests. */
export function seedOrders(now: Date): EmulatedOrder[] {
  return [
    order(
      '113-4827361-0192837',
      6,
      'MFN',
      'Shipped',
      [
        {
          id: '52840173620911',
          sku: 'ACORN-DRIP-01',
          asin: 'B0C4XK2P9L',
          title: 'Acorn Ceramic Pour-Over Coffee Dripper',
          quantity: 1,
          price: 24.99,
          tax: 2.06,
          shipping: 5.99,
          shippingTax: 0.49,
        },
        {
          id: '52840173620922',
          sku: 'ACORN-FILTER-100',
          asin: 'B0C4XJ7T1Q',
          title: 'Unbleached Paper Coffee Filters, 100 Pack',
          quantity: 2,
          price: 12.98,
          tax: 1.07,
        },
      ],
      now,
    ),
    order(
      '114-7719024-5530126',
      3,
      'MFN',
      'Shipped',
      [
        {
          id: '61039475518204',
          sku: 'ACORN-GRINDER-PRO',
          asin: 'B0D1MZ8R4V',
          title: 'Acorn Espresso Grinder Pro, 64 mm Flat Burrs',
          quantity: 1,
          price: 349,
          tax: 28.79,
        },
      ],
      now,
    ),
    order(
      '112-3058816-7741209',
      12,
      'AFN',
      'Shipped',
      [
        {
          id: '70315582046617',
          sku: 'ACORN-TRAY-BAMBOO',
          asin: 'B09YHT6W3N',
          title: 'Bamboo Serving Tray with Handles',
          quantity: 1,
          price: 32.5,
          tax: 2.68,
        },
      ],
      now,
    ),
    order(
      '111-9402275-1186630',
      1,
      'MFN',
      'Unshipped',
      [
        {
          id: '83092716650408',
          sku: 'ACORN-SKILLET-12',
          asin: 'B08KQ2LZ7D',
          title: 'Pre-Seasoned Cast Iron Skillet, 12 inch',
          quantity: 1,
          price: 39.95,
          tax: 3.3,
          shipping: 7.99,
          shippingTax: 0.66,
          discount: 4,
        },
      ],
      now,
    ),
    order(
      '113-6620139-4407715',
      20,
      'MFN',
      'Shipped',
      [
        {
          id: '94417705213389',
          sku: 'ACORN-TEA-SET',
          asin: 'B0B7PLV2C8',
          title: 'Cast Iron Japanese Tea Set, 6 Piece',
          quantity: 1,
          price: 58,
          tax: 4.79,
          shipping: 8.5,
          shippingTax: 0.7,
        },
        {
          id: '94417705213390',
          sku: 'ACORN-TEA-SENCHA',
          asin: 'B0B7PN44XK',
          title: 'Organic Sencha Green Tea, Loose Leaf, 200 g',
          quantity: 3,
          price: 44.85,
          tax: 3.7,
        },
      ],
      now,
    ),
    // Demo cases for the shipped policies: a quality problem, a sale-event purchase with a
    // gift, and a small order the buyer says never came (an A-to-Z claim).
    order(
      '114-2281937-6650418',
      5,
      'MFN',
      'Shipped',
      [
        {
          id: '30517729840112',
          sku: 'ACN-KETTLE-01',
          asin: 'B0C9KT1L3E',
          title: 'Acorn Gooseneck Electric Kettle, 1 L',
          quantity: 1,
          price: 69,
          tax: 5.69,
        },
      ],
      now,
    ),
    order(
      '112-5509134-2287740',
      13,
      'MFN',
      'Shipped',
      [
        {
          id: '41870036652291',
          sku: 'ACN-BLENDER-02',
          asin: 'B0CB2LNDR2',
          title: 'Acorn Personal Blender with Travel Cups (Singles’ Day bundle)',
          quantity: 1,
          price: 89,
          tax: 7.34,
          discount: 10,
          promotionIds: ['SINGLES-DAY-DEAL'],
        },
      ],
      now,
    ),
    order(
      '113-0746612-9921054',
      16,
      'MFN',
      'Shipped',
      [
        {
          id: '52093318770415',
          sku: 'ACORN-TEA-SENCHA',
          asin: 'B0B7PN44XK',
          title: 'Organic Sencha Green Tea, Loose Leaf, 200 g',
          quantity: 1,
          price: 14.95,
          tax: 1.23,
          shipping: 4.99,
          shippingTax: 0.41,
        },
      ],
      now,
    ),
  ];
}
