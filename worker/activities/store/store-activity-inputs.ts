import { z } from 'zod';
import { GRADES, RmaItemSchema, SkuSchema, StoreIdSchema, TRANSFERABLE } from './store-types.ts';

// The catalog check already ran; these give the implementations their types and check what
// the catalog's field types cannot (array items, store id shape). Null and '' mean "not given",
// as in the catalog check.
const absent = (value: unknown) => (value === null || value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(absent, schema.optional());
const text = z.string().min(1);
const requestId = optional(text);

// Flows cannot build objects in json-logic, so a one-line return may name its line flat
// (sku, quantity, needsInspection) instead of passing an items array.
export const CreateRmaInput = z
  .object({
    orderId: text,
    items: optional(z.array(RmaItemSchema).min(1)),
    sku: optional(SkuSchema),
    quantity: optional(z.int().positive()),
    needsInspection: optional(z.boolean()),
    marketplace: optional(text),
    reason: optional(text),
    requestId,
  })
  .transform(({ sku, quantity, needsInspection, items, ...rest }, context) => {
    const flatLine = sku !== undefined || quantity !== undefined;
    if (items && flatLine) {
      context.addIssue({ code: 'custom', message: 'Give items or sku and quantity, not both' });
      return z.NEVER;
    }
    if (items) return { ...rest, items };
    if (sku === undefined || quantity === undefined) {
      context.addIssue({ code: 'custom', message: 'Give items, or sku and quantity' });
      return z.NEVER;
    }
    return { ...rest, items: [{ sku, quantity, needsInspection: needsInspection ?? false }] };
  });

export const RouteReturnInput = z.object({
  rmaId: text,
  latitude: optional(z.number().min(-90).max(90)),
  longitude: optional(z.number().min(-180).max(180)),
  postcode: optional(text),
  /** ISO 3166-1 alpha-2 (UK accepted); absent: a US ZIP code, and stores anywhere. */
  country: optional(z.string().regex(/^[A-Za-z]{2}$/, 'Expected a two-letter country code')),
});

export const ReceiveReturnInput = z.object({
  rmaId: text,
  receivedBy: text,
  storeId: optional(StoreIdSchema),
});

export const GradeReturnInput = z.object({
  rmaId: text,
  sku: SkuSchema,
  quantity: z.int().positive(),
  grade: z.enum(GRADES),
  reason: text,
  gradedBy: text,
  requestId,
});

export const TransferStockInput = z.object({
  fromStoreId: StoreIdSchema,
  toStoreId: StoreIdSchema,
  sku: SkuSchema,
  quantity: z.int().positive(),
  condition: optional(z.enum(TRANSFERABLE)).default('sellable'),
  requestedBy: text,
  reason: optional(text),
  requestId,
});

export const ReceiveTransferInput = z.object({ transferId: text, receivedBy: text });
export const GetStockInput = z.object({ storeId: StoreIdSchema, sku: SkuSchema });
