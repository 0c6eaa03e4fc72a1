import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import { sellerAccountModel } from '../../../worker/activities/marketplace/index.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import { callAs, openCaseApi } from '../api/case-api-support.ts';
import { deAccount } from './account-stack.ts';

let harness: ApiHarness;
const account = deAccount('https://sellingpartnerapi-eu.amazon.com');

beforeAll(async () => {
  harness = await openCaseApi('accounts-api');
});
afterAll(async () => {
  await harness?.close();
});

describe('the accounts API', () => {
  it('stores an account with references to its secrets, audited, and lists it', async () => {
    const saved = await harness.call('put', '/api/accounts/eu-main', 'admin', account);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      accountId: 'eu-main',
      region: 'eu',
      updatedBy: 'admin-ada',
    });

    const stored = await sellerAccountModel(harness.services.database).findById('eu-main').lean();
    expect(stored?.credentials).toEqual(account.credentials);
    const listed = await harness.call('get', '/api/accounts', 'auditor');
    expect(listed.body.defaultAccountId).toBe('default');
    expect(listed.body.items.map((item: { accountId: string }) => item.accountId)).toEqual([
      'eu-main',
    ]);

    const audit = await auditLogModel(harness.services.database)
      .find({ action: 'account.saved' })
      .lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target).toEqual({ kind: 'account', id: 'eu-main' });
  });

  it('refuses a secret pasted where a reference belongs, and nothing is stored', async () => {
    const pasted = {
      ...account,
      credentials: {
        ...account.credentials,
        refreshToken: { from: 'env', name: 'Atzr|IwEBIA-pasted' },
      },
    };
    const answer = await harness.call('put', '/api/accounts/eu-pasted', 'admin', pasted);
    expect(answer.status).toBe(400);
    expect(await sellerAccountModel(harness.services.database).findById('eu-pasted')).toBeNull();
  });

  it('keeps the default account in the environment, and only admins change accounts', async () => {
    expect((await harness.call('put', '/api/accounts/default', 'admin', account)).status).toBe(409);
    expect((await harness.call('put', '/api/accounts/eu-two', 'auditor', account)).status).toBe(
      403,
    );
    expect((await harness.call('delete', '/api/accounts/eu-main', 'reviewer')).status).toBe(403);
  });

  it('removes an account, audited', async () => {
    await harness.call('put', '/api/accounts/eu-old', 'admin', account);
    expect((await harness.call('delete', '/api/accounts/eu-old', 'admin')).status).toBe(204);
    expect((await harness.call('delete', '/api/accounts/eu-old', 'admin')).status).toBe(404);
    const audit = await auditLogModel(harness.services.database)
      .find({ action: 'account.removed' })
      .lean();
    expect(audit.map((entry) => entry.target?.id)).toEqual(['eu-old']);
  });
});

describe('exchange rates and the group view', () => {
  it('keeps one rate per pair and day, audited', async () => {
    const rate = { from: 'EUR', to: 'USD', date: '2026-11-09', rate: 1.08, source: 'ECB' };
    expect((await harness.call('put', '/api/exchange-rates', 'admin', rate)).status).toBe(200);
    await harness.call('put', '/api/exchange-rates', 'admin', { ...rate, rate: 1.09 });
    const listed = await harness.call('get', '/api/exchange-rates', 'auditor');
    expect(listed.body.items).toEqual([{ ...rate, rate: 1.09 }]);
    const bad = await harness.call('put', '/api/exchange-rates', 'admin', { ...rate, rate: -1 });
    expect(bad.status).toBe(400);
    const audit = await auditLogModel(harness.services.database)
      .find({ action: 'exchange-rate.saved' })
      .lean();
    expect(audit.map((entry) => entry.details?.rate)).toEqual([1.08, 1.09]);
  });

  it('answers the group view to auditors, and to a scoped caller for their scope only', async () => {
    const view = await harness.call('get', '/api/metrics/group?currency=USD', 'auditor');
    expect(view.status).toBe(200);
    expect(view.body).toEqual({ currency: 'USD', lines: [], totalMinor: 0, complete: true });
    const scoped = await callAs(harness, 'usRequester', 'get', '/api/metrics/group?currency=USD');
    expect(scoped.status).toBe(200);
    expect(scoped.body.scope).toEqual({ marketplaces: ['US'] });
    const unknownCurrency = await harness.call('get', '/api/metrics/group?currency=eur', 'admin');
    expect(unknownCurrency.status).toBe(400);
  });
});
