import { DELIVERY_DAYS, type ItemSketch, order } from './seed-builders.ts';
import type { EmulatedOrder } from './state.ts';

/** An order the demo cases of `npm start` return items of (server/demo/demo-cases.ts). */
export interface DemoCaseOrder {
  orderId: string;
  channel: 'AFN' | 'MFN';
  status: 'Shipped' | 'Unshipped';
  /** Days since the promised delivery; negative: still on its way. */
  deliveredDaysAgo: number;
  /** The item the buyer returns. */
  item: ItemSketch;
  /** A free gift given with it under the same sale-event deal. */
  gift?: ItemSketch;
}

const item = (
  id: string,
  sku: string,
  title: string,
  price: number,
  tax: number,
  promotionIds?: string[],
): ItemSketch => ({
  id,
  sku,
  asin: `B0D${id.slice(-7)}`,
  title,
  quantity: 1,
  price,
  tax,
  ...(promotionIds && { promotionIds }),
});

/**
 * One order per demo case: Amazon-fulfilled returns the refund policy refunds on its own (some
 * priced between 150.00 and 200.00 with tax, under its high-value threshold), late requests,
 * orders not delivered yet, and high-value or opened items that wait for a reviewer.
 */
export const DEMO_CASE_ORDERS = {
  milkFrother: {
    orderId: '115-3301942-7718201',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 3,
    item: item('60418820417731', 'ACORN-FROTH-01', 'Acorn Handheld Milk Frother', 39, 3.22),
  },
  bambooBoard: {
    orderId: '115-3301942-7718202',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 2,
    item: item('60418820417742', 'ACORN-BOARD-L', 'Bamboo Cutting Board, Large', 24.5, 2.02),
  },
  dutchOven: {
    orderId: '115-3301942-7718203',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 4,
    item: item(
      '60418820417753',
      'ACORN-OVEN-55',
      'Enameled Cast Iron Dutch Oven, 5.5 qt',
      139,
      11.47,
    ),
  },
  knifeBlock: {
    orderId: '115-3301942-7718204',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 2,
    item: item(
      '60418820417764',
      'ACORN-KNIFE-7',
      'Damascus Kitchen Knife Block, 7 Piece',
      152,
      12.54,
    ),
  },
  pourOverSet: {
    orderId: '115-3301942-7718205',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 5,
    item: item(
      '60418820417775',
      'ACORN-POUR-SET',
      'Acorn Pour-Over Station with Scale',
      168,
      13.86,
    ),
  },
  sousVide: {
    orderId: '115-3301942-7718206',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 3,
    item: item('60418820417786', 'ACORN-SOUSVIDE', 'Acorn Sous Vide Cooker, 1100 W', 179, 14.77),
  },
  blackFridayBlender: {
    orderId: '115-3301942-7718207',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 12,
    item: item('60418820417797', 'ACORN-BLEND-PRO', 'Acorn Pro Blender, 64 oz', 119, 9.82, [
      'BLACK-FRIDAY-DEAL',
    ]),
    gift: {
      ...item('60418820417798', 'ACORN-TUMBLER', 'Insulated Tumbler (free gift)', 15, 0, [
        'BLACK-FRIDAY-DEAL',
      ]),
      discount: 15,
    },
  },
  teaKettle: {
    orderId: '115-3301942-7718208',
    channel: 'MFN',
    status: 'Shipped',
    deliveredDaysAgo: 24,
    item: item('60418820417809', 'ACORN-KETTLE-ST', 'Stovetop Whistling Tea Kettle', 45, 3.71),
  },
  espressoMachine: {
    orderId: '115-3301942-7718209',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 31,
    item: item('60418820417810', 'ACORN-ESPRESSO-1', 'Acorn Espresso Machine', 229, 18.89),
  },
  linenApron: {
    orderId: '115-3301942-7718210',
    channel: 'MFN',
    status: 'Shipped',
    deliveredDaysAgo: -1,
    item: item('60418820417821', 'ACORN-APRON-LIN', 'Linen Kitchen Apron', 28, 2.31),
  },
  spiceRack: {
    orderId: '115-3301942-7718211',
    channel: 'MFN',
    status: 'Unshipped',
    deliveredDaysAgo: -1,
    item: item('60418820417832', 'ACORN-SPICE-24', 'Rotating Spice Rack, 24 Jars', 54, 4.46),
  },
  saladSpinner: {
    orderId: '115-3301942-7718212',
    channel: 'AFN',
    status: 'Unshipped',
    deliveredDaysAgo: -1,
    item: item('60418820417843', 'ACORN-SPIN-5', 'Salad Spinner, 5 qt', 32, 2.64),
  },
  copperPans: {
    orderId: '115-3301942-7718213',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 2,
    item: item('60418820417854', 'ACORN-COPPER-10', 'Copper Cookware Set, 10 Piece', 249, 20.54),
  },
  grinderPro: {
    orderId: '115-3301942-7718214',
    channel: 'MFN',
    status: 'Shipped',
    deliveredDaysAgo: 3,
    item: item('60418820417865', 'ACORN-GRINDER-PRO', 'Acorn Espresso Grinder Pro', 329, 27.14),
  },
  standMixer: {
    orderId: '115-3301942-7718215',
    channel: 'AFN',
    status: 'Shipped',
    deliveredDaysAgo: 4,
    item: item('60418820417876', 'ACORN-MIXER-5', 'Acorn Stand Mixer, 5 qt', 219, 18.07),
  },
  ceramicTeapot: {
    orderId: '115-3301942-7718216',
    channel: 'MFN',
    status: 'Shipped',
    deliveredDaysAgo: 5,
    item: item('60418820417887', 'ACORN-TEAPOT-CER', 'Ceramic Teapot with Infuser', 58, 4.79),
  },
  waffleIron: {
    orderId: '115-3301942-7718217',
    channel: 'MFN',
    status: 'Shipped',
    deliveredDaysAgo: 4,
    item: item('60418820417898', 'ACORN-WAFFLE-BE', 'Belgian Waffle Iron', 64, 5.28),
  },
  linenNapkins: {
    orderId: '115-3301942-7718218',
    channel: 'MFN',
    status: 'Shipped',
    deliveredDaysAgo: 3,
    item: item('60418820417909', 'ACORN-NAPKIN-8', 'Linen Napkins, Set of 8', 29, 2.39),
  },
} as const satisfies Record<string, DemoCaseOrder>;

export type DemoCaseOrderName = keyof typeof DEMO_CASE_ORDERS;

/** The demo cases' orders as Amazon shows them, delivered (or not) relative to `now`. */
export function demoCaseOrders(now: Date): EmulatedOrder[] {
  return Object.values(DEMO_CASE_ORDERS).map((demo: DemoCaseOrder) =>
    order(
      demo.orderId,
      demo.deliveredDaysAgo + DELIVERY_DAYS,
      demo.channel,
      demo.status,
      demo.gift ? [demo.item, demo.gift] : [demo.item],
      now,
    ),
  );
}
