import type { ActivityCatalog, FieldSpec } from '#flow-language';
import { GRADES, TRANSFERABLE } from './store-types.ts';

const field = (type: FieldSpec['type'], description: string, extra: Partial<FieldSpec> = {}) =>
  ({ type, required: true, description, ...extra }) as FieldSpec;
const optional = (type: FieldSpec['type'], description: string, extra: Partial<FieldSpec> = {}) =>
  field(type, description, { ...extra, required: false });

const requestId = optional(
  'string',
  'Idempotency key; defaults to the workflow and node visit, so retries count once',
);

/** The store chain's returns desk, inspection and stock, as flow steps. */
export const storeCatalog: ActivityCatalog = [
  {
    name: 'store.createRma',
    system: 'store',
    title: 'Create RMA',
    description: 'Authorises the return of an order’s items to a store (one RMA per call).',
    inputs: {
      orderId: field('string', 'Marketplace order id'),
      items: optional('array', 'Lines: { sku, quantity, needsInspection? }; or one line flat'),
      sku: optional('string', 'One-line return: the SKU (instead of items)'),
      quantity: optional('integer', 'One-line return: units (instead of items)'),
      needsInspection: optional('boolean', 'One-line return: inspect before restocking'),
      marketplace: optional('string', 'e.g. amazon.com'),
      reason: optional('string', 'The buyer’s return reason'),
      requestId,
    },
    output: {
      rmaId: field('string', 'The RMA number'),
      status: field('string', 'created, routed, received or graded'),
      needsInspection: field('boolean', 'Some line must be inspected'),
    },
    sideEffects: true,
  },
  {
    name: 'store.routeReturn',
    system: 'store',
    title: 'Route return to nearest store',
    description:
      'Picks the nearest store that accepts returns (and inspects, when a line needs it) from ' +
      'the buyer’s coordinates or postcode, and records it on the RMA (the first choice stays).',
    inputs: {
      rmaId: field('string', 'From Create RMA'),
      latitude: optional('number', 'Buyer latitude (with longitude)'),
      longitude: optional('number', 'Buyer longitude (with latitude)'),
      postcode: optional('string', 'Buyer postcode, used when there are no coordinates'),
      country: optional(
        'string',
        "The marketplace's country (US, GB, DE, JP…): reads the postcode there and picks a store there",
      ),
    },
    output: {
      storeId: field('string', 'The chosen store'),
      storeName: field('string', 'Its name'),
      city: field('string', 'Its city'),
      distanceKm: field('number', 'Great-circle distance from the buyer'),
    },
    sideEffects: true,
  },
  {
    name: 'store.receiveReturn',
    system: 'store',
    title: 'Receive return at store',
    description: 'Records that the store received the RMA’s parcel (once, at one store).',
    inputs: {
      rmaId: field('string', 'From Create RMA'),
      receivedBy: field('string', 'Store employee'),
      storeId: optional('string', 'Defaults to the routed store'),
    },
    output: {
      rmaId: field('string', 'The RMA'),
      storeId: field('string', 'Where it was received'),
      status: field('string', 'received or graded'),
      receivedAt: field('date', 'UTC'),
    },
    sideEffects: true,
  },
  {
    name: 'store.gradeReturn',
    system: 'store',
    title: 'Grade returned item',
    description:
      'Records the inspection decision and moves the units into stock: new → sellable, ' +
      'open-box → outlet, damaged or scrap → written off.',
    inputs: {
      rmaId: field('string', 'A received RMA'),
      sku: field('string', 'The line’s SKU'),
      quantity: field('integer', 'Units graded alike'),
      grade: field('string', 'Inspection result', { enum: [...GRADES] }),
      reason: field('string', 'Why this grade'),
      gradedBy: field('string', 'Grader'),
      requestId,
    },
    output: {
      gradingId: field('string', 'The decision'),
      disposition: field('string', 'sellable, outlet or writtenOff'),
      storeId: field('string', 'Whose stock changed'),
      remainingToGrade: field('integer', 'Units on the RMA still ungraded'),
    },
    sideEffects: true,
  },
  {
    name: 'store.transferStock',
    system: 'store',
    title: 'Transfer stock between stores',
    description: 'Ships units out of one store; they are in transit until the other receives them.',
    inputs: {
      fromStoreId: field('string', 'Source store'),
      toStoreId: field('string', 'Destination store'),
      sku: field('string', 'SKU'),
      quantity: field('integer', 'Units'),
      condition: optional('string', 'Which stock (default sellable)', { enum: [...TRANSFERABLE] }),
      requestedBy: field('string', 'Who asked'),
      reason: optional('string', 'Why'),
      requestId,
    },
    output: {
      transferId: field('string', 'Use it to receive the transfer'),
      status: field('string', 'in-transit or received'),
    },
    sideEffects: true,
  },
  {
    name: 'store.receiveTransfer',
    system: 'store',
    title: 'Receive stock transfer',
    description: 'Moves a transfer’s in-transit units into the destination’s stock.',
    inputs: {
      transferId: field('string', 'From Transfer stock'),
      receivedBy: field('string', 'Store employee'),
    },
    output: {
      transferId: field('string', 'The transfer'),
      toStoreId: field('string', 'Where the stock now is'),
      status: field('string', 'received'),
    },
    sideEffects: true,
  },
  {
    name: 'store.getStock',
    system: 'store',
    title: 'Get store stock',
    description: 'Units of a SKU at a store, per condition.',
    inputs: { storeId: field('string', 'Store'), sku: field('string', 'SKU') },
    output: {
      sellable: field('integer', 'Full price'),
      outlet: field('integer', 'Discounted (open-box)'),
      writtenOff: field('integer', 'Scrapped or damaged'),
      inTransitSellable: field('integer', 'On its way here, sellable'),
      inTransitOutlet: field('integer', 'On its way here, outlet'),
    },
    sideEffects: false,
  },
];
