import type { AmazonFacts, AmazonNews, AmazonNotification } from './types.ts';

export type NoticeVerdict = 'applied' | 'older' | 'duplicate';

/**
 * What Amazon's notifications said about the case's order while the run went on. `facts` is
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
