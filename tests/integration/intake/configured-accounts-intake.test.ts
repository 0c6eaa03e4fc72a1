import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseAccounts } from '#platform/case-start/case-account';
import { spApiEmulatorEnv } from '../../../emulators/sp-api/index.ts';
import { SecretSource, sellerAccountModel } from '../../../worker/activities/marketplace/index.ts';
import { loadMarketplaceEnvironment } from '../../../worker/activities/marketplace/marketplace-config.ts';
import { ConfiguredIntakeAccounts } from '../../../worker/intake/configured-intake-accounts.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import { newRunId, orderWithReturn, pollerFor } from './intake-support.ts';

// An account an admin configured (no LWA_* variables for it in the worker's environment) is
// read by intake like the environment's: its own credentials, cursors and requester name, and
// every case it starts names the account, so the case's Amazon steps go through it.
const runId = newRunId();
const accountId = `shop-${runId}`;
let stack: PolicyStack;
let accounts: ConfiguredIntakeAccounts;

beforeAll(async () => {
  stack = await openPolicyStack(`intake-configured-${runId}`);
  const emulatorEnv = spApiEmulatorEnv(stack.emulator.url);
  const reference = (name: string) => ({ from: 'env' as const, name: `SHOP_${name}` });
  await sellerAccountModel(stack.database).create({
    _id: accountId,
    kind: 'seller',
    displayName: 'Configured shop',
    region: 'na',
    merchantId: String(emulatorEnv.SP_API_SELLER_ID),
    marketplaces: [{ code: 'US', marketplaceId: 'ATVPDKIKX0DER', currency: 'USD' }],
    credentials: {
      clientId: reference('LWA_CLIENT_ID'),
      clientSecret: reference('LWA_CLIENT_SECRET'),
      refreshToken: reference('LWA_REFRESH_TOKEN'),
    },
    endpoint: stack.emulator.url,
    tokenEndpoint: `${stack.emulator.url}/auth/o2/token`,
    updatedAt: new Date(),
    updatedBy: 'test-admin',
  });
  const secrets = new SecretSource({
    SHOP_LWA_CLIENT_ID: String(emulatorEnv.LWA_CLIENT_ID),
    SHOP_LWA_CLIENT_SECRET: String(emulatorEnv.LWA_CLIENT_SECRET),
    SHOP_LWA_REFRESH_TOKEN: String(emulatorEnv.LWA_REFRESH_TOKEN),
  });
  // The deployment's timeouts and refund settings only: no default account.
  const { settings, defaultAccount } = loadMarketplaceEnvironment({});
  expect(defaultAccount).toBeUndefined();
  accounts = new ConfiguredIntakeAccounts(stack.database, settings, secrets);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

describe('intake of admin-configured accounts', () => {
  it('polls each configured account and marketplace, and its cases name the account', async () => {
    const [account, ...others] = await accounts.list();
    expect(others).toEqual([]);
    expect(account).toMatchObject({
      accountId: `${accountId}/US`,
      caseAccount: accountId,
      marketplaceId: 'ATVPDKIKX0DER',
      scope: { marketplace: 'US' },
    });
    if (!account) return;
    const sketch = {
      orderId: `491-${runId}-0000001`,
      sku: `CONFIGURED-${runId}`,
      itemId: `6${runId}910001`,
      daysAgo: 5,
      price: 20,
      tax: 1.65,
    };
    await orderWithReturn(stack, sketch, `C${runId}`);

    const [returns] = await pollerFor(stack, account).pollOnce();
    expect(returns).toMatchObject({ source: 'mfn-returns', started: 1, refused: 0 });
    const caseId = `return-C${runId}`;
    expect(await new CaseAccounts(stack.database).of(caseId)).toMatchObject({
      account: accountId,
    });
  });

  it('takes an account added later from the next listing, and keeps the clients of one unchanged', async () => {
    const [before] = await accounts.list();
    const [same] = await accounts.list();
    expect(same?.clients).toBe(before?.clients);
    await sellerAccountModel(stack.database).create({
      _id: `${accountId}-eu`,
      kind: 'seller',
      displayName: 'Configured shop, Europe',
      region: 'eu',
      merchantId: 'A1DECONFIGURED',
      marketplaces: [{ code: 'DE', marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR' }],
      credentials: {
        clientId: { from: 'env', name: 'SHOP_LWA_CLIENT_ID' },
        clientSecret: { from: 'env', name: 'SHOP_LWA_CLIENT_SECRET' },
        refreshToken: { from: 'env', name: 'SHOP_LWA_REFRESH_TOKEN' },
      },
      updatedAt: new Date(),
      updatedBy: 'test-admin',
    });
    const listed = (await accounts.list()).map((account) => account.accountId).sort();
    expect(listed).toEqual([`${accountId}-eu/DE`, `${accountId}/US`]);
  });
});
