import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../designer/src/i18n/i18n.ts';
import { describeEvent } from '../../../designer/src/runs/trail-timeline.tsx';

const notified = (details: Record<string, unknown>) =>
  describeEvent({
    sequence: 9,
    at: '2026-12-01T10:00:00.000Z',
    type: 'amazon.notified',
    actor: 'amazon',
    details: {
      notificationId: 'n-1',
      orderId: '113-1',
      eventTime: '2026-12-01T10:00:00Z',
      ...details,
    },
  });

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe("Amazon's notifications in a case's trail, in words", () => {
  it('says what Amazon now says of the order or its shipment', () => {
    expect(notified({ notificationType: 'ORDER_CHANGE', orderStatus: 'Canceled' })).toBe(
      'Amazon: order 113-1 is now Canceled',
    );
    expect(
      notified({ notificationType: 'FBA_OUTBOUND_SHIPMENT_STATUS', shipmentStatus: 'Shipped' }),
    ).toBe('Amazon: the shipment of order 113-1 is now Shipped');
    expect(notified({ notificationType: 'ORDER_CHANGE' })).toBe(
      'Amazon: ORDER_CHANGE about order 113-1',
    );
  });

  it('says when a late notification was older than what the run knew', () => {
    expect(
      notified({ notificationType: 'ORDER_CHANGE', orderStatus: 'Shipped', superseded: true }),
    ).toBe('Amazon: order 113-1 is now Shipped (older than the status already known: not applied)');
  });

  it('says it in Chinese for a Chinese reader', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(notified({ notificationType: 'ORDER_CHANGE', orderStatus: 'Canceled' })).toBe(
      '亚马逊：订单 113-1 现为已取消（Canceled）',
    );
  });
});
