import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import type { AccountDefinition } from '#api-contract/accounts';
import { connectDatabase } from '#platform/database';
import {
  type EmulatedOrder,
  type LwaCredentials,
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import { seedShippedPolicies } from '../../../policies/shipped-policies.ts';
import { AccountDirectory } from '../../../server/accounts/account-directory.ts';
import { FlowVersions } from '../../../server/flows/flow-versions.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import { createFinanceActivities } from '../../../worker/activities/finance/index.ts';
import {
  AccountAdapters,
  createMarketplaceActivities,
  loadMarketplaceConfig,
  SECRETS_FILE_VARIABLE,
  SecretSource,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import {
  createNotifyActivities,
  loadNotifyConfig,
} from '../../../worker/activities/notify/index.ts';
import {
  createStoreActivities,
  MongoStoreSystem,
  seedDemoStores,
} from '../../../worker/activities/store/index.ts';
import { startCatalogFlowWorker } from '../../support/catalog-flow-worker.ts';
import { FAST_REFUND_ENV } from '../marketplace/marketplace-worker.ts';

export const DE_MARKETPLACE_ID = 'A1PA6795UKMFR9';

/** Each account's own LWA application: an emulator refuses the other's credentials. */
export const US_CREDENTIALS: LwaCredentials = {
  clientId: 'amzn1.application-oa2-client.acorn-us',
  clientSecret: 'acorn-us-client-secret',
  refreshToken: 'Atzr|acorn-us-refresh-token',
};
export const DE_CREDENTIALS: LwaCredentials = {
  clientId: 'amzn1.application-oa2-client.acorn-de',
  clientSecret: 'acorn-de-client-secret',
  refreshToken: 'Atzr|acorn-de-refresh-token',
};

/**
 * Two seller accounts in two regions, each with its own emulator and credentials, beside the
 * environment's default account on a third emulator that must hear nothing. The US account's
 * secrets come from environment variables, the German account's from a secrets file.
 */
export interface AccountStack {
  us: SpApiEmulator;
  de: SpApiEmulator;
  fallback: SpApiEmulator;
  database: Connection;
  directory: AccountDirectory;
  flows: FlowVersions;
  temporal: Client;
  taskQueue: string;
  close(): Promise<void>;
}

export async function openAccountStack(databaseName: string): Promise<AccountStack> {
  const [us, de, fallback] = await Promise.all([
    startSpApiEmulator({ feedStepMs: 50, sellerId: 'A1USACORN', credentials: US_CREDENTIALS }),
    startSpApiEmulator({ feedStepMs: 50, sellerId: 'A1DEACORN', credentials: DE_CREDENTIALS }),
    startSpApiEmulator({ feedStepMs: 50 }),
  ]);
  const database = await connectDatabase(`${inject('mongoBaseUri')}/${databaseName}`);
  const stores = await new MongoStoreSystem(database).ready();
  await seedDemoStores(stores);

  const secretsFile = join(mkdtempSync(join(tmpdir(), 'acorn-accounts-')), 'sp-api-secrets.json');
  writeFileSync(secretsFile, JSON.stringify({ 'de-client-secret': DE_CREDENTIALS.clientSecret }), {
    mode: 0o600,
  });
  const workerEnv = {
    ...spApiEmulatorEnv(fallback.url),
    ...FAST_REFUND_ENV,
    US_LWA_CLIENT_ID: US_CREDENTIALS.clientId,
    US_LWA_CLIENT_SECRET: US_CREDENTIALS.clientSecret,
    US_LWA_REFRESH_TOKEN: US_CREDENTIALS.refreshToken,
    DE_LWA_CLIENT_ID: DE_CREDENTIALS.clientId,
    DE_LWA_REFRESH_TOKEN: DE_CREDENTIALS.refreshToken,
    [SECRETS_FILE_VARIABLE]: secretsFile,
  };
  const directory = new AccountDirectory(database);
  await directory.save('us-main', usAccount(us.url), 'test-admin');
  await directory.save('eu-main', deAccount(de.url), 'test-admin');

  const config = loadMarketplaceConfig(workerEnv);
  const defaultAdapter = new SpApiMarketplaceAdapter(config);
  const activities = [
    ...createMarketplaceActivities({
      database,
      adapter: defaultAdapter,
      refundSettings: config.refunds,
      accounts: new AccountAdapters({
        database,
        defaultConfig: config,
        defaultAdapter,
        secrets: new SecretSource(workerEnv),
      }),
    }),
    ...createStoreActivities({ system: stores }),
    ...createFinanceActivities({ database }),
    ...createNotifyActivities({ database, config: loadNotifyConfig({}) }),
  ];
  const flows = new FlowVersions(database, activityCatalog);
  await seedShippedPolicies(flows);

  const worker = await startCatalogFlowWorker(database, activities);
  return {
    us,
    de,
    fallback,
    database,
    directory,
    flows,
    temporal: worker.client,
    taskQueue: worker.taskQueue,
    async close() {
      await worker.close();
      await database.close();
      await Promise.all([us.close(), de.close(), fallback.close()]);
    },
  };
}

export function usAccount(url: string): AccountDefinition {
  return {
    kind: 'seller',
    displayName: 'Acorn US',
    region: 'na',
    merchantId: 'A1USACORN',
    marketplaces: [{ code: 'US', marketplaceId: 'ATVPDKIKX0DER', currency: 'USD' }],
    credentials: {
      clientId: { from: 'env', name: 'US_LWA_CLIENT_ID' },
      clientSecret: { from: 'env', name: 'US_LWA_CLIENT_SECRET' },
      refreshToken: { from: 'env', name: 'US_LWA_REFRESH_TOKEN' },
    },
    endpoint: url,
    tokenEndpoint: `${url}/auth/o2/token`,
  };
}

export function deAccount(url: string): AccountDefinition {
  return {
    kind: 'seller',
    displayName: 'Acorn Europe',
    region: 'eu',
    merchantId: 'A1DEACORN',
    marketplaces: [{ code: 'DE', marketplaceId: DE_MARKETPLACE_ID, currency: 'EUR' }],
    credentials: {
      clientId: { from: 'env', name: 'DE_LWA_CLIENT_ID' },
      clientSecret: { from: 'file', key: 'de-client-secret' },
      refreshToken: { from: 'env', name: 'DE_LWA_REFRESH_TOKEN' },
    },
    endpoint: url,
    tokenEndpoint: `${url}/auth/o2/token`,
  };
}

/** The emulator's order sold on amazon.de: euros, the German marketplace. */
export function inGermany(order: EmulatedOrder): EmulatedOrder {
  const euros = JSON.parse(JSON.stringify(order).replaceAll('"USD"', '"EUR"')) as EmulatedOrder;
  return {
    ...euros,
    order: { ...euros.order, MarketplaceId: DE_MARKETPLACE_ID, SalesChannel: 'Amazon.de' },
  };
}
