import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';

/**
 * The shipped marketplace refund policy (policies/marketplace-refund.flow.json) written by
 * hand as a plain Temporal workflow: the baseline the interpreter is measured against. It
 * takes the policy's unattended routes (auto-approval, late request with a coupon, already
 * refunded by Amazon) with the same activity calls, timeouts and retries; routes that wait
 * for a person are not part of the benchmark and fail loudly if a case reaches them.
 */
export interface PlainRefundCase {
  caseId: string;
  orderId: string;
  orderItemId: string;
  returnReason: string;
  itemCondition: string;
  saleEvent: boolean;
  giftAndCouponCents?: number;
  buyerEmail: string;
}

type Activity = (input: Record<string, unknown>) => Promise<Record<string, unknown>>;
const retry = { initialInterval: '1 second', backoffCoefficient: 2 };
const quick = proxyActivities<Record<string, Activity>>({
  startToCloseTimeout: '60 seconds',
  heartbeatTimeout: '10 seconds',
  retry: { ...retry, maximumAttempts: 5, maximumInterval: '30 seconds' },
});
const money = proxyActivities<Record<string, Activity>>({
  startToCloseTimeout: '60 seconds',
  heartbeatTimeout: '10 seconds',
  retry: { ...retry, maximumAttempts: 20, maximumInterval: '60 seconds' },
});
const refunds = proxyActivities<Record<string, Activity>>({
  startToCloseTimeout: '900 seconds',
  heartbeatTimeout: '10 seconds',
  retry: { ...retry, maximumAttempts: 20, maximumInterval: '60 seconds' },
});

const email = (to: string, subject: string, text: string) =>
  quick['notify.sendEmail']?.({ to, subject, text });

export async function plainRefund(refundCase: PlainRefundCase): Promise<{ outcome: string }> {
  const { caseId, orderId } = refundCase;
  const facts =
    (await quick['marketplace.readReturnFacts']?.({
      orderId,
      orderItemId: refundCase.orderItemId,
      quantity: 1,
    })) ?? {};
  if (!facts.delivered) throw ApplicationFailure.nonRetryable('not delivered: not benchmarked');
  if (facts.alreadyRefunded) return { outcome: 'already-refunded' };
  const paidCents = Number(facts.principalCents);
  const taxCents = Number(facts.taxCents);
  const daysSinceDelivery = Number(facts.daysSinceDelivery);
  const principal = refundCase.saleEvent
    ? Math.max(0, paidCents - (refundCase.giftAndCouponCents ?? 0))
    : paidCents;
  const windowDays = refundCase.saleEvent ? 15 : 7;
  const totalCents = principal + taxCents;
  const referralFeeCents = Math.floor(principal * 0.15 + 0.5);

  if (daysSinceDelivery > 15) {
    const coupon = await money['finance.issueCompensationCoupon']?.({
      caseId,
      orderId,
      currency: facts.currency,
      value: 1000,
      reason: 'Refund requested after the 15-day window',
    });
    await email(
      refundCase.buyerEmail,
      'About your refund request',
      `Your request for order ${orderId} came more than 15 days after delivery, so we cannot refund it. As an apology, here is a coupon worth 10.00 with no minimum spend: ${coupon?.couponCode}`,
    );
    return { outcome: 'rejected-late' };
  }
  const autoApproved =
    totalCents < 20_000 &&
    refundCase.returnReason === 'no-reason' &&
    refundCase.itemCondition === 'unopened' &&
    daysSinceDelivery <= windowDays;
  if (!autoApproved || facts.fulfillmentChannel !== 'AFN') {
    throw ApplicationFailure.nonRetryable('this case needs a person: not part of the benchmark');
  }
  const refund = await refunds['marketplace.issueRefund']?.({
    caseId,
    orderId,
    reason: 'CustomerReturn',
    orderItemId: refundCase.orderItemId,
    principal: principal / 100,
    tax: taxCents / 100,
  });
  await money['finance.postRefund']?.({
    caseId,
    refundId: refund?.refundId,
    orderId,
    currency: refund?.currency,
    adjustmentItemIds: refund?.adjustmentItemIds,
    principal,
    tax: taxCents,
    shipping: 0,
    shippingTax: 0,
    referralFeeRefunded: referralFeeCents,
    restockingFee: 0,
  });
  await email(
    refundCase.buyerEmail,
    `Refund issued for order ${orderId}`,
    `We refunded ${refund?.amount} ${refund?.currency} to your original payment method.`,
  );
  return { outcome: 'refunded' };
}
