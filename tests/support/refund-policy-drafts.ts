import { shippedPolicyDocument } from '../../policies/shipped-policies.ts';

interface RefundPolicyDocument {
  nodes: { id: string; cases?: { id: string; when: unknown }[] }[];
}

/** The refund policy's high-value case (node `policy`, case `highValue`) in `document`. */
export function highValueCase(document: RefundPolicyDocument): { id: string; when: unknown } {
  const highValue = document.nodes
    .find((node) => node.id === 'policy')
    ?.cases?.find((c) => c.id === 'highValue');
  if (!highValue) throw new Error('the refund policy has no highValue case');
  return highValue;
}

/** A copy of the shipped refund policy's document, to read or change. */
export function shippedRefundPolicy(): RefundPolicyDocument {
  return structuredClone(shippedPolicyDocument('marketplace-refund')) as RefundPolicyDocument;
}

/** A draft of the shipped refund policy whose high-value threshold is `cents` (refund total). */
export function refundDraftWithHighValue(cents: number): RefundPolicyDocument {
  const document = shippedRefundPolicy();
  highValueCase(document).when = { '>=': [{ var: 'refundTotalCents' }, cents] };
  return document;
}
