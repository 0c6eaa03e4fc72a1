import { z } from 'zod';

/** A refund whose fate Amazon's records did not settle, waiting for a person. */
export const refundNeedingAPersonSchema = z.object({
  refundId: z.string(),
  caseId: z.string(),
  orderId: z.string(),
  account: z.string(),
  currency: z.string(),
  /** What the refund would return to the buyer, in the currency's units. */
  amount: z.number(),
  state: z.enum(['prepared', 'submitting', 'submitted', 'done', 'failed', 'needs-review']),
  /** Why it needs a person, in the engine's words. */
  reason: z.string(),
  since: z.iso.datetime(),
  /** Feeds Amazon may have applied it with (none known: it may never have reached Amazon). */
  candidateFeedIds: z.array(z.string()),
  amazonRecords: z
    .object({
      checkedAt: z.iso.datetime(),
      feeds: z.array(
        z.object({
          feedId: z.string(),
          processingStatus: z.string(),
          createdTime: z.string().optional(),
        }),
      ),
      financialEvents: z.array(
        z.object({
          kind: z.string(),
          postedDate: z.string(),
          orderItemId: z.string(),
          buyerRefund: z.number(),
        }),
      ),
    })
    .nullable(),
  resolution: z
    .object({
      action: z.enum(['done', 'not-sent', 'resend']),
      by: z.string(),
      note: z.string(),
      at: z.iso.datetime(),
    })
    .nullable(),
});
export type RefundNeedingAPerson = z.infer<typeof refundNeedingAPersonSchema>;

export const refundsNeedingAPersonSchema = z.object({
  refunds: z.array(refundNeedingAPersonSchema),
});

export const refundResolutionSchema = z.strictObject({
  /** done: Amazon paid it; not-sent: it never reached Amazon; resend: send it again. */
  action: z.enum(['done', 'not-sent', 'resend']),
  note: z.string().trim().min(3, 'Say why, for the audit log').max(2_000),
});
export type RefundResolutionRequest = z.infer<typeof refundResolutionSchema>;
