/**
 * English e-mails: to buyers on English-speaking marketplaces (and any marketplace without its own
 * language here), and to the team. `{{name}}` is a value the flow passes in `values`.
 */
export const en = {
  buyer: {
    lateRequestCoupon: {
      subject: 'About your refund request',
      text: 'Your request for order {{orderId}} came more than 15 days after delivery, so we cannot refund it. As an apology, here is a coupon worth {{couponValue}} with no minimum spend: {{couponCode}}',
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
      text: 'We refunded {{amount}} {{currency}} to your original payment method.',
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
  },
};

/** Every language's templates have this shape: buyer languages the buyer part, team ones the team part. */
export type MailTemplates = typeof en;
