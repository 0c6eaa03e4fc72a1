import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskDetail } from '#api-contract/inbox';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { AmazonNotices } from '../../../designer/src/inbox/amazon-notices.tsx';
import { whoWrote } from '../../../designer/src/runs/trail-timeline.tsx';

afterEach(() => chooseLanguage('en'));

const event = (
  sequence: number,
  type: string,
  details: Record<string, unknown>,
  actor?: string,
): TaskDetail['reasons'][number] => ({
  sequence,
  at: '2026-12-01T10:00:00.000Z',
  type,
  ...(actor && { actor }),
  details,
});

/** A refund case at its review task, then told by Amazon of a cancellation and of an older status. */
const reasons = [
  event(1, 'task.opened', { assignee: { role: 'reviewer' } }),
  event(
    2,
    'amazon.notified',
    { notificationType: 'ORDER_CHANGE', orderId: '113-1', orderStatus: 'Canceled' },
    'amazon',
  ),
  event(
    3,
    'amazon.notified',
    {
      notificationType: 'ORDER_CHANGE',
      orderId: '113-1',
      orderStatus: 'Shipped',
      superseded: true,
    },
    'amazon',
  ),
];

const notices = () => renderToStaticMarkup(createElement(AmazonNotices, { reasons }));

describe("Amazon's notices on a task page", () => {
  it('shows the reviewer, next to the decision, what Amazon applied to the case', () => {
    const html = notices();
    expect(html).toContain('data-testid="task-amazon-notices"');
    expect(html).toContain('Amazon: order 113-1 is now Canceled');
    // The older status was not applied: it stays in the trail only.
    expect(html).not.toContain('Shipped');
  });

  it('shows nothing when Amazon said nothing', () => {
    expect(
      renderToStaticMarkup(createElement(AmazonNotices, { reasons: reasons.slice(0, 1) })),
    ).toBe('');
  });

  it("says it in Chinese, Amazon's status in words with its own term", () => {
    chooseLanguage('zh-CN');
    const html = notices();
    expect(html).toContain('亚马逊就此订单通知了本案件');
    expect(html).toContain('亚马逊：订单 113-1 现为已取消（Canceled）');
  });

  it('names Amazon as who wrote the line in the trail, in Chinese too', () => {
    chooseLanguage('zh-CN');
    expect(whoWrote('amazon', (id) => id)).toBe('亚马逊');
    expect(whoWrote(undefined, (id) => id)).toBe('引擎');
    expect(whoWrote('u-1', () => 'Rob')).toBe('Rob');
  });
});
