import { describe, expect, it } from 'vitest';
import { AmazonNotices, type AmazonNotification } from '#flow-language';

const orderChange = (
  notificationId: string,
  orderStatus: string,
  eventTime: string,
): AmazonNotification => ({
  notificationId,
  type: 'ORDER_CHANGE',
  orderId: '113-0000000-0000001',
  orderStatus,
  eventTime,
});

describe("a run's news of its order from Amazon", () => {
  it('applies a notification once, however often it is delivered', () => {
    const notices = new AmazonNotices();
    expect(notices.take(orderChange('n-1', 'Canceled', '2026-12-01T10:00:00Z'))).toBe('applied');
    expect(notices.take(orderChange('n-1', 'Canceled', '2026-12-01T10:00:00Z'))).toBe('duplicate');
    expect(notices.facts).toEqual({
      orderStatus: 'Canceled',
      orderStatusAt: '2026-12-01T10:00:00Z',
    });
  });

  it('keeps the latest status by Amazon’s event time, not by arrival', () => {
    const notices = new AmazonNotices();
    notices.take(orderChange('n-2', 'Canceled', '2026-12-01T10:00:00Z'));
    expect(notices.take(orderChange('n-1', 'Shipped', '2026-12-01T09:00:00Z'))).toBe('older');
    expect(notices.facts.orderStatus).toBe('Canceled');
  });

  it('changes its facts in place, so whoever holds them reads the latest', () => {
    const notices = new AmazonNotices();
    const held = notices.facts;
    notices.take({
      notificationId: 'n-3',
      type: 'FBA_OUTBOUND_SHIPMENT_STATUS',
      orderId: '113-0000000-0000001',
      shipmentStatus: 'Cancelled',
      eventTime: '2026-12-01T10:00:00Z',
    });
    expect(held.shipmentStatus).toBe('Cancelled');
  });

  it('carries what it knows and what it applied across continue-as-new', () => {
    const notices = new AmazonNotices();
    expect(notices.news()).toBeUndefined();
    notices.take(orderChange('n-1', 'Canceled', '2026-12-01T10:00:00Z'));
    const resumed = new AmazonNotices(notices.news());
    expect(resumed.facts.orderStatus).toBe('Canceled');
    expect(resumed.take(orderChange('n-1', 'Canceled', '2026-12-01T10:00:00Z'))).toBe('duplicate');
  });
});
