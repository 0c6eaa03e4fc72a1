import { type EmulatedOrder, order } from '../../../emulators/sp-api/index.ts';
import { DELIVERY_DAYS } from '../../../emulators/sp-api/seed-builders.ts';
import {
  calendarDaysBetween,
  marketplaceTimeZone,
} from '../../../worker/activities/marketplace/return-facts.ts';
import type { ApprovalActor } from '../../../workflows/flow-run/types.ts';

export type Grade = 'new' | 'open-box' | 'damaged' | 'scrap';
type Disposition = 'sellable' | 'outlet' | 'writtenOff';

export const DISPOSITION: Record<Grade, Disposition> = {
  new: 'sellable',
  'open-box': 'outlet',
  damaged: 'writtenOff',
  scrap: 'writtenOff',
};

/** A buyer's postcode and the store the nearest-store rule must pick, with or without inspection. */
export const BUYER_AREAS = [
  { postcode: '10012', plain: 'nyc-soho', inspecting: 'nyc-soho' },
  { postcode: '11201', plain: 'brooklyn-outlet', inspecting: 'nyc-soho' },
  { postcode: '60602', plain: 'chicago-loop', inspecting: 'chicago-loop' },
  { postcode: '75201', plain: 'dallas-uptown', inspecting: 'dallas-uptown' },
] as const;

export const REVIEWERS = {
  ann: { userId: 'rev-ann', roles: ['reviewer'] },
  ben: { userId: 'rev-ben', roles: ['reviewer'] },
};
export type ReviewerName = keyof typeof REVIEWERS;
/** A member of a store's staff: `staff-nyc-soho` works for the store nyc-soho. */
export type StoreStaffName = `staff-${string}`;

/** The staff member of a store, in that store's group (as the demo users are). */
export function storeStaff(storeId: string): ApprovalActor {
  return { userId: `staff-${storeId}`, roles: ['store-staff'], groups: [`store.${storeId}`] };
}

/** Who makes a scripted decision: a reviewer by name, or a store's staff member. */
export function deciderOf(by: ReviewerName | StoreStaffName): ApprovalActor {
  return by.startsWith('staff-')
    ? storeStaff(by.slice('staff-'.length))
    : REVIEWERS[by as ReviewerName];
}

export interface ScriptedDecision {
  by: ReviewerName | StoreStaffName;
  verdict: 'approve' | 'reject';
  form?: Record<string, unknown>;
}

export const decisionComment = (decision: ScriptedDecision) =>
  decision.verdict === 'reject' ? `${decision.by} declines: does not meet the policy` : undefined;

/** What people do, per approval node, in the order they do it. */
export type ReviewScript = Partial<Record<string, ScriptedDecision[]>>;

export interface RefundScenarioCase {
  name: string;
  caseId: string;
  order: EmulatedOrder;
  input: Record<string, unknown>;
  /** Amazon refunded (A-to-Z) before the request reached us. */
  amazonRefundedFirst: boolean;
  reviews: ReviewScript;
  expected: {
    outcome: string;
    /** The rule case of the `policy` decision that fired; undefined when it never ran. */
    policyCase?: string;
    refundPrincipalCents?: number;
    /** Item tax the buyer paid, refunded with the price. */
    taxCents: number;
    coupon: boolean;
    /** Where the item ends up; undefined when no return goes through a store. */
    stock?: { storeId: string; disposition: Disposition };
  };
}

interface Shape {
  name: string;
  channel?: 'MFN' | 'AFN';
  priceCents: number;
  days: number;
  reason?: string;
  condition?: 'unopened' | 'opened';
  saleEvent?: boolean;
  giftCents?: number;
  photos?: boolean;
  amazonRefundedFirst?: boolean;
  /** `store` is the store the return is routed to, whose staff grade it. */
  reviews: (grade: Grade, store: string) => ReviewScript;
  outcome: string;
  policyCase?: string;
  restocked: boolean;
  coupon?: boolean;
  refunded: boolean;
}

const grading = (grade: Grade, store: string): ScriptedDecision[] => [
  { by: `staff-${store}`, verdict: 'approve', form: { grade, notes: `graded ${grade}` } },
];
const approve = (by: ReviewerName): ScriptedDecision => ({ by, verdict: 'approve' });
const reject = (by: ReviewerName | StoreStaffName): ScriptedDecision => ({ by, verdict: 'reject' });

/** Each row is one branch of the shipped policy; rows are repeated with varied data. */
const SHAPES: Shape[] = [
  {
    name: 'unopened, no reason, within 7 days: auto-approved',
    priceCents: 4_999,
    days: 3,
    reviews: (grade, store) => ({ inspect: grading(grade, store) }),
    outcome: 'refunded',
    policyCase: 'autoApprove',
    restocked: true,
    refunded: true,
  },
  {
    name: 'sale event, day 12: auto-approved less gifts and coupons',
    priceCents: 8_900,
    days: 12,
    saleEvent: true,
    giftCents: 1_500,
    reviews: (grade, store) => ({ inspect: grading(grade, store) }),
    outcome: 'refunded',
    policyCase: 'autoApprove',
    restocked: true,
    refunded: true,
  },
  {
    name: 'quality problem with photos: reviewer accepts, inspected first',
    priceCents: 3_450,
    days: 5,
    reason: 'quality-problem',
    condition: 'opened',
    photos: true,
    reviews: (grade, store) => ({ photoReview: [approve('ann')], inspect: grading(grade, store) }),
    outcome: 'refunded',
    policyCase: 'qualityProblem',
    restocked: true,
    refunded: true,
  },
  {
    name: 'quality problem, photos do not show it: rejected',
    priceCents: 2_990,
    days: 6,
    reason: 'quality-problem',
    condition: 'opened',
    photos: true,
    reviews: () => ({ photoReview: [reject('ben')] }),
    outcome: 'rejected',
    policyCase: 'qualityProblem',
    restocked: false,
    refunded: false,
  },
  {
    name: 'requested after 15 days: declined with a coupon',
    priceCents: 5_600,
    days: 21,
    reviews: () => ({}),
    outcome: 'rejected-late',
    policyCase: 'late',
    restocked: false,
    coupon: true,
    refunded: false,
  },
  {
    name: 'high value: two distinct approvers',
    priceCents: 34_900,
    days: 2,
    reviews: (grade, store) => ({
      fourEyesReview: [approve('ann'), approve('ben')],
      inspect: grading(grade, store),
    }),
    outcome: 'refunded',
    policyCase: 'highValue',
    restocked: true,
    refunded: true,
  },
  {
    name: 'high value: second approver rejects',
    priceCents: 52_000,
    days: 4,
    reviews: () => ({ fourEyesReview: [approve('ben'), reject('ann')] }),
    outcome: 'rejected',
    policyCase: 'highValue',
    restocked: false,
    refunded: false,
  },
  {
    name: 'opened item within 7 days: standard review approves',
    priceCents: 2_500,
    days: 4,
    condition: 'opened',
    reviews: (grade, store) => ({ review: [approve('ann')], inspect: grading(grade, store) }),
    outcome: 'refunded',
    policyCase: 'default',
    restocked: true,
    refunded: true,
  },
  {
    name: 'fulfilled by Amazon: refunded without a store return',
    channel: 'AFN',
    priceCents: 1_999,
    days: 1,
    reviews: () => ({}),
    outcome: 'refunded',
    policyCase: 'autoApprove',
    restocked: false,
    refunded: true,
  },
  {
    name: 'Amazon already paid an A-to-Z claim: no second refund',
    priceCents: 4_200,
    days: 3,
    amazonRefundedFirst: true,
    reviews: () => ({}),
    outcome: 'already-refunded',
    restocked: false,
    refunded: false,
  },
  {
    name: 'return never arrives at the store: no refund',
    priceCents: 3_100,
    days: 2,
    reviews: (_grade, store) => ({ inspect: [reject(`staff-${store}`)] }),
    outcome: 'return-not-received',
    policyCase: 'autoApprove',
    restocked: false,
    refunded: false,
  },
];

const GRADES: Grade[] = ['new', 'open-box', 'damaged', 'scrap'];
const TAX_RATE = 0.0825;

/**
 * `perShape` variants of every row: different prices, days, buyers and grades. `unattended`
 * keeps the rows no person takes part in, for runs that must finish while nobody watches.
 */
export function refundScenarioCases(
  runId: string,
  perShape: number,
  now: Date,
  { unattended = false } = {},
) {
  const cases: RefundScenarioCase[] = [];
  SHAPES.forEach((shape, row) => {
    if (unattended && GRADES.some((grade) => Object.keys(shape.reviews(grade, '')).length > 0))
      return;
    for (let variant = 0; variant < perShape; variant += 1) {
      cases.push(scenarioCase(runId, shape, row, variant, now));
    }
  });
  return cases;
}

function scenarioCase(runId: string, shape: Shape, row: number, variant: number, now: Date) {
  const n = row * 100 + variant;
  const orderId = `9${String(row).padStart(2, '0')}-${runId}-${String(variant).padStart(7, '0')}`;
  const orderItemId = `7${String(n).padStart(13, '0')}`;
  const sku = `E2E-${runId}-${n}`;
  const priceCents = shape.priceCents + variant * 137;
  const taxCents = Math.round(priceCents * TAX_RATE);
  const days = Math.max(0, shape.days + (variant % 3) - 1);
  const area = BUYER_AREAS[variant % BUYER_AREAS.length];
  if (!area) throw new Error('no buyer area');
  const grade = GRADES[variant % GRADES.length] ?? 'new';
  const quality = shape.reason === 'quality-problem';
  // Quality problems go to a store that inspects; the store's staff grade the return.
  const routedStore = quality ? area.inspecting : area.plain;
  const refundPrincipalCents = shape.saleEvent
    ? Math.max(0, priceCents - (shape.giftCents ?? 0))
    : priceCents;
  const line = {
    id: orderItemId,
    sku,
    asin: `B0E2E${String(n).padStart(5, '0')}`,
    title: `${shape.name} #${variant}`,
    quantity: 1,
    price: priceCents / 100,
    tax: taxCents / 100,
  };
  const bought = order(
    orderId,
    days + DELIVERY_DAYS,
    shape.channel ?? 'MFN',
    'Shipped',
    [line],
    now,
  );
  const shipped = deliveredDaysAgo(
    shape.saleEvent ? inSaleEvent(bought, shape.giftCents ?? 0) : bought,
    days,
    now,
  );
  // Price, tax, days since delivery, the sale event and its gifts are Amazon's facts (the order
  // above, read against the shipped sale-event calendar), not the caller's.
  const input: Record<string, unknown> = {
    orderId,
    orderItemId,
    sku,
    quantity: 1,
    returnReason: shape.reason ?? 'no-reason',
    itemCondition: shape.condition ?? 'unopened',
    buyerEmail: `buyer-${n}@example.com`,
    buyerPostcode: area.postcode,
    ...(shape.photos ? { photoUrls: [`https://photos.example/${orderId}/1.jpg`] } : {}),
  };
  return {
    name: `${shape.name} #${variant}`,
    caseId: `e2e-${runId}-${n}`,
    order: shipped,
    input,
    amazonRefundedFirst: shape.amazonRefundedFirst ?? false,
    reviews: shape.reviews(grade, routedStore),
    expected: {
      outcome: shape.outcome,
      policyCase: shape.policyCase,
      refundPrincipalCents: shape.refunded ? refundPrincipalCents : undefined,
      taxCents,
      coupon: shape.coupon ?? false,
      stock: shape.restocked
        ? {
            storeId: routedStore,
            disposition: DISPOSITION[grade],
          }
        : undefined,
    },
  } satisfies RefundScenarioCase;
}

/** A Prime Day deal of the shipped sale-event calendar, with a free gift the buyer keeps. */
export const SALE_EVENT_PROMOTION = 'PRIME-DAY-DEAL';

function inSaleEvent(bought: EmulatedOrder, giftCents: number): EmulatedOrder {
  const [item, ...rest] = bought.items;
  if (!item) throw new Error('no item to put on sale');
  const deal = { ...item, PromotionIds: [SALE_EVENT_PROMOTION] };
  if (giftCents === 0) return { ...bought, items: [deal, ...rest] };
  const price = { CurrencyCode: 'USD', Amount: (giftCents / 100).toFixed(2) };
  const gift = {
    ...item,
    OrderItemId: `${item.OrderItemId}9`,
    SellerSKU: `${item.SellerSKU}-GIFT`,
    ASIN: `${item.ASIN}G`,
    Title: 'Free gift with the deal',
    ItemPrice: price,
    PromotionDiscount: price,
    ItemTax: { CurrencyCode: 'USD', Amount: '0.00' },
    PromotionIds: [SALE_EVENT_PROMOTION],
  };
  return { ...bought, items: [deal, gift, ...rest] };
}

/**
 * Moves the end of the delivery window so that the marketplace's calendar shows exactly `days`
 * days since delivery today (24-hour steps can land a day off around a daylight-saving change).
 */
function deliveredDaysAgo(shipped: EmulatedOrder, days: number, now: Date): EmulatedOrder {
  const timeZone = marketplaceTimeZone(shipped.order.MarketplaceId);
  const base = now.getTime() - days * 86_400_000 - 60_000;
  const HOUR = 3_600_000;
  const at = [0, -HOUR, HOUR, -2 * HOUR, 2 * HOUR]
    .map((shift) => new Date(base + shift))
    .find(
      (candidate) => candidate <= now && calendarDaysBetween(candidate, now, timeZone) === days,
    );
  if (!at) throw new Error(`no delivery instant ${days} days before ${now.toISOString()}`);
  return { ...shipped, order: { ...shipped.order, LatestDeliveryDate: at.toISOString() } };
}
