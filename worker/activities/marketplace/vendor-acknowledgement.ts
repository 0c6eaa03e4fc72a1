import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import {
  ACKNOWLEDGEMENT_CODES,
  type PurchaseOrderAcknowledgement,
  REJECTION_REASONS,
} from './marketplace-adapter.ts';

/**
 * The Vendor Orders v1 `SubmitAcknowledgementRequest` body. Accepted and backordered lines
 * confirm the ordered quantity; rejected lines confirm none and carry the reason.
 */
export function toSubmitAcknowledgementRequest(ack: PurchaseOrderAcknowledgement) {
  const rejected = ack.code === 'Rejected';
  return {
    acknowledgements: [
      {
        purchaseOrderNumber: ack.purchaseOrderNumber,
        sellingParty: { partyId: ack.sellingPartyId },
        acknowledgementDate: ack.acknowledgedAt,
        items: ack.items.map((line) => ({
          itemSequenceNumber: line.itemSequenceNumber,
          ...(line.vendorProductIdentifier && {
            vendorProductIdentifier: line.vendorProductIdentifier,
          }),
          ...(line.amazonProductIdentifier && {
            amazonProductIdentifier: line.amazonProductIdentifier,
          }),
          orderedQuantity: { amount: line.orderedQuantity, unitOfMeasure: 'Eaches' },
          itemAcknowledgements: [
            {
              acknowledgementCode: ack.code,
              acknowledgedQuantity: {
                amount: rejected ? 0 : line.orderedQuantity,
                unitOfMeasure: 'Eaches',
              },
              ...(rejected && ack.rejectionReason && { rejectionReason: ack.rejectionReason }),
            },
          ],
        })),
      },
    ],
  };
}

const PurchaseOrderLineSchema = z.object({
  itemSequenceNumber: z.string().min(1),
  vendorProductIdentifier: z.string().min(1).optional(),
  amazonProductIdentifier: z.string().min(1).optional(),
  orderedQuantity: z.int().positive(),
});

const AcknowledgementInputSchema = z.object({
  purchaseOrderNumber: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'Expected an Amazon PO number'),
  sellingPartyId: z.string().min(1),
  code: z.enum(ACKNOWLEDGEMENT_CODES),
  rejectionReason: z.preprocess(
    (value) => (value === null || value === '' ? undefined : value),
    z.enum(REJECTION_REASONS).optional(),
  ),
  items: z.array(PurchaseOrderLineSchema).min(1),
});

/** The catalog checked the field types; this checks the lines and gives them their types. */
export function parseAcknowledgementInput(
  input: unknown,
  acknowledgedAt: string,
): PurchaseOrderAcknowledgement {
  const parsed = AcknowledgementInputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw ApplicationFailure.nonRetryable(
      `Invalid purchase order acknowledgement: ${problems.join('; ')}`,
      'InvalidAcknowledgement',
    );
  }
  return { ...parsed.data, acknowledgedAt };
}
