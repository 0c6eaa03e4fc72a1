import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AccountDefinition } from '#api-contract/accounts';
import { connectDatabase } from '#platform/database';
import { AccountDirectory } from '../../../server/accounts/account-directory.ts';
import { AccountAdapters } from '../../../worker/activities/marketplace/account-adapters.ts';
import { SecretSource } from '../../../worker/activities/marketplace/account-credentials.ts';
import type { MarketplaceAdapter } from '../../../worker/activities/marketplace/marketplace-adapter.ts';
import {
  loadMarketplaceConfig,
  type MarketplaceConfig,
} from '../../../worker/activities/marketplace/marketplace-config.ts';

/**
 * The worker keeps one set of SP-API clients per account and rebuilds them when an admin
 * changes the account: also when the account was deleted and created again, and whatever order
 * two admins' saves land in.
 */
const env = {
  LWA_CLIENT_ID: 'amzn1.application-oa2-client.default',
  LWA_CLIENT_SECRET: 'default-secret',
  LWA_REFRESH_TOKEN: 'Atzr|default',
  SP_API_SELLER_ID: 'ADEFAULT',
  EU_LWA_CLIENT_ID: 'amzn1.application-oa2-client.eu',
  EU_LWA_CLIENT_SECRET: 'eu-secret',
  EU_LWA_REFRESH_TOKEN: 'Atzr|eu',
};

const account = (merchantId: string): AccountDefinition => ({
  kind: 'seller',
  displayName: 'Acorn Europe',
  region: 'eu',
  merchantId,
  marketplaces: [{ code: 'DE', marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR' }],
  credentials: {
    clientId: { from: 'env', name: 'EU_LWA_CLIENT_ID' },
    clientSecret: { from: 'env', name: 'EU_LWA_CLIENT_SECRET' },
    refreshToken: { from: 'env', name: 'EU_LWA_REFRESH_TOKEN' },
  },
});

let database: Connection;
let directory: AccountDirectory;
let adapters: AccountAdapters;
const builtFor: MarketplaceConfig[] = [];

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/account-adapters-${randomUUID()}`);
  directory = new AccountDirectory(database);
  const defaultConfig = loadMarketplaceConfig(env);
  adapters = new AccountAdapters({
    database,
    defaultConfig,
    defaultAdapter: {} as MarketplaceAdapter,
    secrets: new SecretSource(env),
    build: (config) => {
      builtFor.push(config);
      return { builtFor: config } as unknown as MarketplaceAdapter;
    },
  });
});
afterAll(async () => {
  await database?.dropDatabase();
  await database?.close();
});

const merchantOf = async (accountId = 'eu-main') => {
  const adapter = (await adapters.adapterFor({ account: accountId })) as unknown as {
    builtFor: MarketplaceConfig;
  };
  return adapter.builtFor.sellerId;
};

describe("an account's SP-API clients", () => {
  it('are reused while the account is unchanged and rebuilt once an admin changes it', async () => {
    await directory.save('eu-main', account('A1FIRST'), 'ada');
    expect(await merchantOf()).toBe('A1FIRST');
    const builds = builtFor.length;
    expect(await merchantOf()).toBe('A1FIRST');
    expect(builtFor.length).toBe(builds);

    await directory.save('eu-main', account('A1SECOND'), 'ada');
    expect(await merchantOf()).toBe('A1SECOND');
  });

  it('are rebuilt for an account deleted and created again with other settings', async () => {
    await directory.save('eu-other', account('A1BEFORE'), 'ada');
    expect(await merchantOf('eu-other')).toBe('A1BEFORE');
    await directory.remove('eu-other');
    await directory.save('eu-other', account('A1RECREATED'), 'ada');
    expect(await merchantOf('eu-other')).toBe('A1RECREATED');
  });

  it('follow whichever of two racing saves is stored', async () => {
    await directory.save('eu-main', account('A1BASE'), 'ada');
    expect(await merchantOf()).toBe('A1BASE');
    await Promise.all([
      directory.save('eu-main', account('A1ADA'), 'ada'),
      directory.save('eu-main', account('A1BOB'), 'bob'),
    ]);
    const stored = (await directory.list()).find((entry) => entry.accountId === 'eu-main');
    expect(await merchantOf()).toBe(stored?.merchantId);
  });
});
