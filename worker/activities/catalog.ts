import type { Connection } from 'mongoose';
import type { ActivityCatalog } from '#flow-language';
import type { CatalogActivity } from './catalog-activity.ts';
import {
  createMarketplaceActivities,
  loadMarketplaceConfig,
  marketplaceCatalog,
  SpApiMarketplaceAdapter,
} from './marketplace/index.ts';

/** What action nodes may call: the designer's palette and the validator's reference. */
export const activityCatalog: ActivityCatalog = [...marketplaceCatalog];

/** Every catalog activity with its real adapter, configured from the environment. */
export function createCatalogActivities(
  database: Connection,
  env: NodeJS.ProcessEnv,
): CatalogActivity[] {
  const marketplace = loadMarketplaceConfig(env);
  return [
    ...createMarketplaceActivities({
      database,
      adapter: new SpApiMarketplaceAdapter(marketplace),
      refundSettings: marketplace.refunds,
    }),
  ];
}
