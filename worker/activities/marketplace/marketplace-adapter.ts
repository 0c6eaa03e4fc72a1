/**
 * The one door to the marketplace. Activities depend on this interface; the SP-API
 * implementation is one adapter behind it. Amounts are in the order's currency units.
 */

export interface OrderLine {
  orderItemId: string;
  sku?: string;
  asin: string;
  title?: string;
  quantityOrdered: number;
  quantityShipped: number;
  itemPrice: number;
  itemTax: number;
  shippingPrice: number;
  shippingTax: number;
  promotionDiscount: number;
  promotionDiscountTax: number;
  shippingDiscount: number;
  /** Amazon's ids of the promotions applied (a sale event's deal, a coupon). */
  promotionIds: string[];
  /** Gift wrap the buyer paid for (Orders API BuyerInfo.GiftWrapPrice / GiftWrapTax). */
  giftWrapPrice?: number;
  giftWrapTax?: number;
}

export interface MarketplaceOrder {
  orderId: string;
  status: string;
  /** MFN: merchant-fulfilled; AFN: fulfilled by Amazon (FBA). */
  fulfillmentChannel: string;
  purchaseDate: string;
  /** The end of the delivery window Amazon promised (Orders API LatestDeliveryDate), UTC. */
  latestDeliveryDate?: string;
  marketplaceId?: string;
  currency: string;
  orderTotal: number;
  isPrime: boolean;
  items: OrderLine[];
}

export type FeedProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';

export interface FeedStatus {
  feedId: string;
  processingStatus: FeedProcessingStatus;
  createdTime: string;
  resultDocumentId?: string;
}

export interface ProcessingReport {
  messagesProcessed: number;
  messagesSuccessful: number;
  messagesWithError: number;
  errors: { messageId: string; code: string; description: string }[];
}

/** A refund-like money movement on an order: our refunds, A-to-Z claims, chargebacks. */
export type MoneyEventKind = 'refund' | 'guaranteeClaim' | 'chargeback';

export interface MoneyEvent {
  kind: MoneyEventKind;
  postedDate: string;
  orderItemId: string;
  sku?: string;
  /** Amazon's OrderAdjustmentItemId (not our MerchantAdjustmentItemID). */
  adjustmentId?: string;
  /**
   * The first OrderAdjustmentItemId of the financial event this item was adjusted in: Finances
   * v0 events carry no id of their own, so this names the event (intake's claim case ids do too).
   */
  eventAdjustmentId?: string;
  /** What went back to the buyer: principal, shipping and their taxes, as a positive amount. */
  buyerRefund: number;
  /** The ISO currency Amazon states the amounts in; absent when no charge names one. */
  currency?: string;
  /** Signed as Amazon reports them (refunded charges are negative). */
  charges: Record<string, number>;
  fees: Record<string, number>;
}

export interface SellerAccount {
  sellerId: string;
  marketplaceId: string;
}

/** Vendor Central: how a vendor answers Amazon's purchase order, line by line. */
export const ACKNOWLEDGEMENT_CODES = ['Accepted', 'Backordered', 'Rejected'] as const;
export type AcknowledgementCode = (typeof ACKNOWLEDGEMENT_CODES)[number];
export const REJECTION_REASONS = [
  'TemporarilyUnavailable',
  'InvalidProductIdentifier',
  'ObsoleteProduct',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface PurchaseOrderLine {
  itemSequenceNumber: string;
  vendorProductIdentifier?: string;
  amazonProductIdentifier?: string;
  orderedQuantity: number;
}

export interface PurchaseOrderAcknowledgement {
  purchaseOrderNumber: string;
  sellingPartyId: string;
  code: AcknowledgementCode;
  rejectionReason?: RejectionReason;
  items: PurchaseOrderLine[];
  acknowledgedAt: string;
}

export interface MarketplaceAdapter {
  readonly account: SellerAccount;
  getOrder(orderId: string): Promise<MarketplaceOrder>;
  /** createFeedDocument + upload: safe to repeat, nothing happens until a feed uses it. */
  uploadAdjustmentDocument(xml: string): Promise<string>;
  /** createFeed for a payment-adjustment document: the step that moves money. */
  submitAdjustmentFeed(feedDocumentId: string): Promise<string>;
  /** Uploads an order acknowledgement document and creates its feed; answers the feed id. */
  submitOrderAcknowledgement(xml: string): Promise<string>;
  getFeedStatus(feedId: string): Promise<FeedStatus>;
  getProcessingReport(resultDocumentId: string): Promise<ProcessingReport>;
  /** Payment-adjustment feeds created since the given time, newest first (getFeeds). */
  findSubmittedAdjustments(createdSince: Date): Promise<FeedStatus[]>;
  listFinancialEvents(orderId: string): Promise<MoneyEvent[]>;
  /** Vendor Orders submitAcknowledgement; Amazon answers with a transaction id to follow. */
  acknowledgePurchaseOrder(ack: PurchaseOrderAcknowledgement): Promise<{ transactionId: string }>;
}
