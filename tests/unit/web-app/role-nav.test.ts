import { describe, expect, it } from 'vitest';
import { navFor } from '../../../designer/src/session/role-nav.ts';

const labels = (roles: Parameters<typeof navFor>[0]) => navFor(roles).map((item) => item.label);

describe('the menu by role', () => {
  it('opens each role its own screens', () => {
    expect(labels(['admin'])).toEqual(['Flows', 'Runs', 'Refunds in doubt', 'Metrics', 'Accounts']);
    expect(labels(['reviewer'])).toEqual(['Inbox']);
    expect(labels(['auditor'])).toEqual([
      'Runs',
      'Audit log',
      'Refunds in doubt',
      'Metrics',
      'Accounts',
    ]);
    expect(labels(['requester'])).toEqual(['Requests']);
  });

  it('lists a screen two roles share once', () => {
    expect(labels(['admin', 'auditor'])).toEqual([
      'Flows',
      'Runs',
      'Refunds in doubt',
      'Metrics',
      'Accounts',
      'Audit log',
    ]);
  });
});
