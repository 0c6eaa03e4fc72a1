/** One Amazon notification about the case's order, as notification intake signals it. */
export interface AmazonNotification {
  /** Amazon's NotificationMetadata.NotificationId: a notification delivered twice counts once. */
  notificationId: string;
  type: 'ORDER_CHANGE' | 'FBA_OUTBOUND_SHIPMENT_STATUS';
  orderId: string;
  /** ORDER_CHANGE: the order's status now (`Canceled`, `Shipped`, …). */
  orderStatus?: string;
  /** FBA_OUTBOUND_SHIPMENT_STATUS: the shipment's status now. */
  shipmentStatus?: string;
  /** When it happened at Amazon (ISO 8601): a late-delivered older one never overwrites a newer. */
  eventTime: string;
}

/** What rules read as `case.amazon`: the latest status each kind of notification gave. */
export interface AmazonFacts {
  orderStatus?: string;
  orderStatusAt?: string;
  shipmentStatus?: string;
  shipmentStatusAt?: string;
}

export interface AmazonNews {
  facts: AmazonFacts;
  /** The notifications applied, so that one delivered again is not applied twice. */
  notificationIds: string[];
}

export type NoticeVerdict = 'applied' | 'older' | 'duplicate';

/**
 * What Amazon's notifications said about the case's order while the run went on: kept by the
 * live run from its signals, and rebuilt by a backtest from the run's trail. `facts` is
 * one object for the whole run, changed in place: the walk's rule data holds it as
 * `case.amazon`, so a rule always reads the latest status without the walk being told.
 * Deterministic: it only ever changes from a signal, which the history records.
 */
export class AmazonNotices {
  readonly facts: AmazonFacts;
  private readonly applied: Set<string>;

  constructor(resumed?: AmazonNews) {
    this.facts = { ...resumed?.facts };
    this.applied = new Set(resumed?.notificationIds);
  }

  /**
   * Takes a notification once by its id. One older than the status already known (Amazon and
   * SQS deliver out of order) is kept on record but leaves the facts as they are.
   */
  take(notice: AmazonNotification): NoticeVerdict {
    if (this.applied.has(notice.notificationId)) return 'duplicate';
    this.applied.add(notice.notificationId);
    if (notice.orderStatus !== undefined) {
      if (isOlder(notice.eventTime, this.facts.orderStatusAt)) return 'older';
      this.facts.orderStatus = notice.orderStatus;
      this.facts.orderStatusAt = notice.eventTime;
    }
    if (notice.shipmentStatus !== undefined) {
      if (isOlder(notice.eventTime, this.facts.shipmentStatusAt)) return 'older';
      this.facts.shipmentStatus = notice.shipmentStatus;
      this.facts.shipmentStatusAt = notice.eventTime;
    }
    return 'applied';
  }

  /** What continue-as-new carries over; undefined while no notification came. */
  news(): AmazonNews | undefined {
    if (this.applied.size === 0) return undefined;
    return { facts: { ...this.facts }, notificationIds: [...this.applied] };
  }
}

const isOlder = (eventTime: string, known: string | undefined) =>
  known !== undefined && Date.parse(eventTime) < Date.parse(known);

/**
 * What a run had been told by the end, from its trail's `amazon.notified` lines (a past case's
 * rules read it as `case.amazon`); undefined when it was told nothing.
 */
export function amazonFactsOfTrail(
  trail: readonly { type: string; details?: Record<string, unknown> }[],
): AmazonFacts | undefined {
  const notices = new AmazonNotices();
  for (const { type, details } of trail) {
    if (type !== 'amazon.notified' || !details) continue;
    notices.take({
      notificationId: String(details.notificationId),
      type: details.notificationType as AmazonNotification['type'],
      orderId: String(details.orderId),
      eventTime: String(details.eventTime),
      ...(typeof details.orderStatus === 'string' && { orderStatus: details.orderStatus }),
      ...(typeof details.shipmentStatus === 'string' && { shipmentStatus: details.shipmentStatus }),
    });
  }
  return notices.news()?.facts;
}
