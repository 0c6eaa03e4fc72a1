import { z } from 'zod';

/** Store ids end up inside ledger account keys (`stock:<storeId>:<sku>`), so no colons. */
export const StoreIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a slug');
export const SkuSchema = z.string().min(1).max(100);
const Quantity = z.int().positive();

export const StoreSchema = z.object({
  storeId: StoreIdSchema,
  name: z.string().min(1),
  address: z.object({
    line1: z.string(),
    city: z.string(),
    region: z.string(),
    postcode: z.string(),
    country: z.string(),
  }),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number() }),
  capabilities: z.object({
    acceptsReturns: z.boolean(),
    inspection: z.boolean(),
    outlet: z.boolean(),
  }),
});
export type Store = z.infer<typeof StoreSchema>;

export const RmaItemSchema = z.object({
  sku: SkuSchema,
  quantity: Quantity,
  needsInspection: z.boolean().default(false),
});
export type RmaItem = z.infer<typeof RmaItemSchema>;

export const RmaRequestSchema = z.object({
  rmaId: z.string().min(1),
  orderId: z.string().min(1),
  marketplace: z.string().optional(),
  reason: z.string().optional(),
  items: z.array(RmaItemSchema).min(1),
});
export type RmaRequest = z.infer<typeof RmaRequestSchema>;

export const RMA_STATUSES = ['created', 'routed', 'received', 'graded'] as const;

export const RmaSchema = RmaRequestSchema.extend({
  items: z.array(RmaItemSchema.extend({ ungraded: z.int().min(0) })),
  status: z.enum(RMA_STATUSES),
  route: z.object({ storeId: z.string(), distanceKm: z.number(), at: z.string() }).optional(),
  receipt: z.object({ storeId: z.string(), receivedBy: z.string(), at: z.string() }).optional(),
  createdAt: z.string(),
});
export type Rma = z.infer<typeof RmaSchema>;

/** Stock buckets per store and SKU; in-transit stock is counted at the destination. */
export const STOCK_FIELDS = [
  'sellable',
  'outlet',
  'writtenOff',
  'inTransitSellable',
  'inTransitOutlet',
] as const;
export type StockField = (typeof STOCK_FIELDS)[number];

export const GRADES = ['new', 'open-box', 'damaged', 'scrap'] as const;
export type Grade = (typeof GRADES)[number];
export const DISPOSITIONS = ['sellable', 'outlet', 'writtenOff'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const GradingRequestSchema = z.object({
  gradingId: z.string().min(1),
  rmaId: z.string().min(1),
  storeId: StoreIdSchema,
  sku: SkuSchema,
  quantity: Quantity,
  grade: z.enum(GRADES),
  disposition: z.enum(DISPOSITIONS),
  reason: z.string().min(1),
  gradedBy: z.string().min(1),
});
export type GradingRequest = z.infer<typeof GradingRequestSchema>;

export const GradingDecisionSchema = GradingRequestSchema.extend({
  remainingToGrade: z.int().min(0),
  gradedAt: z.string(),
});
export type GradingDecision = z.infer<typeof GradingDecisionSchema>;

export const TRANSFERABLE = ['sellable', 'outlet'] as const;
export type TransferableCondition = (typeof TRANSFERABLE)[number];

export const TransferRequestSchema = z.object({
  transferId: z.string().min(1),
  fromStoreId: StoreIdSchema,
  toStoreId: StoreIdSchema,
  sku: SkuSchema,
  condition: z.enum(TRANSFERABLE),
  quantity: Quantity,
  requestedBy: z.string().min(1),
  reason: z.string().optional(),
});
export type TransferRequest = z.infer<typeof TransferRequestSchema>;

export const TransferSchema = TransferRequestSchema.extend({
  status: z.enum(['in-transit', 'received']),
  shippedAt: z.string(),
  receivedAt: z.string().optional(),
  receivedBy: z.string().optional(),
});
export type Transfer = z.infer<typeof TransferSchema>;

const Count = z.int().min(0);
export const StockLevelSchema = z.object({
  storeId: z.string(),
  sku: z.string(),
  sellable: Count,
  outlet: Count,
  writtenOff: Count,
  inTransitSellable: Count,
  inTransitOutlet: Count,
});
export type StockLevel = z.infer<typeof StockLevelSchema>;
