import type { Connection } from 'mongoose';
import type { ActivityCatalog } from '#flow-language';
import type { CatalogActivity } from './catalog-activity.ts';
import { createFinanceActivities, financeCatalog } from './finance/index.ts';
import {
  accountAdaptersFor,
  createMarketplaceActivities,
  loadMarketplaceEnvironment,
  marketplaceCatalog,
  marketplaceConfigVariables,
  SpApiMarketplaceAdapter,
} from './marketplace/index.ts';
import {
  createNotifyActivities,
  loadNotifyConfig,
  notifyCatalog,
  notifyConfigVariables,
} from './notify/index.ts';
import {
  createStoreActivities,
  storeCatalog,
  storeConfigVariables,
  storeSystemFromEnv,
} from './store/index.ts';

/** What action nodes may call: the designer's palette and the validator's reference. */
export const activityCatalog: ActivityCatalog = [
  ...marketplaceCatalog,
  ...storeCatalog,
  ...financeCatalog,
  ...notifyCatalog,
];

/** The environment variables the catalog's adapters read (checked against docker-compose.yml). */
export const catalogConfigVariables: readonly string[] = [
  ...marketplaceConfigVariables,
  ...storeConfigVariables,
  ...notifyConfigVariables,
];

/**
 * Every catalog activity with its real adapter, configured from the environment. Bad
 * configuration throws here, so the worker refuses to start rather than fail mid-case.
 */
export function createCatalogActivities(
  database: Connection,
  env: NodeJS.ProcessEnv,
): CatalogActivity[] {
  // Without LWA_* / SP_API_SELLER_ID the worker serves the admin-configured accounts only.
  const { settings, defaultAccount } = loadMarketplaceEnvironment(env);
  const adapter = defaultAccount && new SpApiMarketplaceAdapter(defaultAccount);
  return [
    ...createMarketplaceActivities({
      database,
      ...(adapter && { adapter }),
      refundSettings: settings.refunds,
      accounts: accountAdaptersFor(database, settings, adapter),
    }),
    ...createStoreActivities({ system: storeSystemFromEnv(database, env) }),
    ...createFinanceActivities({ database }),
    ...createNotifyActivities({ database, config: loadNotifyConfig(env) }),
  ];
}
