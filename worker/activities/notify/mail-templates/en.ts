/**
 * English e-mails: to buyers on English-speaking marketplaces (and any marketplace without its own
 * language here), and to the team. `{{name}}` is a value the flow passes in `values`; an amount
 * carries its format (`money` or `amount`, see ../mail-money.ts) and needs the `currency` value.
 */
export const en = {
  buyer: {
    lateRequestCoupon: {
      subject: 'About your refund request',
      text: 'Your request for order {{orderId}} came more than 15 days after delivery, so we cannot refund it. As an apology, here is a coupon worth {{couponValueCents, money}} with no minimum spend: {{couponCode}}',
    },
    refundRejected: {
      subject: 'About your refund request',
      text: 'We reviewed your refund request for order {{orderId}} and cannot approve it.',
    },
    returnLabel: {
      subject: 'Return label for order {{orderId}}',
      text: 'Your return is approved. Please bring or send the item to {{storeName}} ({{city}}), quoting RMA {{rmaId}}.',
    },
    returnNotReceived: {
      subject: 'Your return has not arrived',
      text: 'We have not received the return for order {{orderId}} (RMA {{rmaId}}), so no refund was issued.',
    },
    refundIssued: {
      subject: 'Refund issued for order {{orderId}}',
      text: 'We refunded {{refundAmount, amount}} to your original payment method.',
    },
    claimRefunded: {
      subject: 'Refund for order {{orderId}}',
      text: 'We refunded {{refundAmount, amount}} for your A-to-Z claim {{claimId}}.',
    },
  },
  team: {
    interceptShipment: {
      subject: 'Intercept order {{orderId}} (case {{caseId}})',
      text: 'The buyer asked for a refund before order {{orderId}} was delivered. Mark the parcel for interception (return to sender) with the carrier; the refund follows once it is back.',
    },
    cancelUnshipped: {
      subject: 'Cancel unshipped order {{orderId}} (case {{caseId}})',
      text: 'The buyer asked for a refund before order {{orderId}} shipped. Cancel it in Seller Central (reason: buyer cancelled) instead of shipping it; Amazon refunds the buyer on cancellation.',
    },
    manualHandling: {
      subject: 'Refund case {{caseId}} needs manual handling',
      text: 'The marketplace could not complete the step for order {{orderId}}. Handle it by hand and record the outcome.',
    },
    claimContest: {
      subject: 'Contest A-to-Z claim {{claimId}}',
      text: 'Reviewers decided to contest claim {{claimId}} on order {{orderId}}. Submit the evidence in Seller Central: {{comment}}',
    },
    claimGranted: {
      subject: 'Amazon granted A-to-Z claim {{claimId}}',
      text: 'Amazon paid claim {{claimId}} on order {{orderId}} itself and charged it to us; no refund was sent. It is booked in the ledger as {{entryKey}}.',
    },
    claimManualHandling: {
      subject: 'A-to-Z claim {{claimId}} needs manual handling',
      text: 'The marketplace step failed for order {{orderId}}. Handle the claim by hand and record the outcome.',
    },
    chargebackBooked: {
      subject: 'Chargeback {{chargebackId}} booked',
      text: 'Amazon charged us {{amount, money}} for a chargeback on order {{orderId}}. It is booked in the ledger as {{entryKey}}, and any refund booked for the same items is reversed.',
    },
    chargebackDispute: {
      subject: 'Dispute chargeback {{chargebackId}}',
      text: 'Reviewers decided to dispute the chargeback on order {{orderId}}. Submit the evidence in Seller Central before the deadline Amazon states on the claim: {{evidence}}',
    },
    chargebackManualHandling: {
      subject: 'Chargeback {{chargebackId}} needs manual handling',
      text: 'The chargeback on order {{orderId}} could not be read or booked (or Amazon gave the money back). Check it in Seller Central and book it by hand.',
    },
    poAcknowledged: {
      subject: 'PO {{purchaseOrderNumber}} acknowledged: {{code}}',
      text: 'Amazon purchase order {{purchaseOrderNumber}} was answered {{code}} (transaction {{transactionId}}).',
    },
    poManualAcknowledgement: {
      subject: 'PO {{purchaseOrderNumber}} needs a manual acknowledgement',
      text: 'Vendor Central did not take the acknowledgement for PO {{purchaseOrderNumber}}. Acknowledge it by hand before the deadline.',
    },
  },
};

/** Every language's templates have this shape: buyer languages the buyer part, team ones the team part. */
export type MailTemplates = typeof en;
