import { describe, expect, it } from 'vitest';
import { summariseClosedCase } from '../../../worker/activities/engine/case-closing.ts';

const at = '2026-12-06T08:00:00.000Z';
const completed = (activity: string, output: Record<string, unknown>) => ({
  type: 'activity.completed',
  at,
  details: { activity, output },
});
const end = { type: 'run.completed', at, details: { outcome: 'refunded' } };

describe('a closed case names the marketplace account its Amazon steps went through', () => {
  it('takes the account the facts and the refund answered', () => {
    const trail = [
      completed('marketplace.readReturnFacts', { account: 'eu-main', currency: 'EUR' }),
      completed('notify.sendEmail', { account: 'not-a-marketplace-answer' }),
      completed('marketplace.issueRefund', { account: 'eu-main', currency: 'EUR', amount: 47.48 }),
      end,
    ];
    expect(summariseClosedCase(trail)).toMatchObject({
      account: 'eu-main',
      refunded: { EUR: 47.48 },
    });
  });

  it('names none when no marketplace step answered one (read as the default account)', () => {
    const closing = summariseClosedCase([completed('notify.sendEmail', {}), end]);
    expect(closing).not.toHaveProperty('account');
  });
});
