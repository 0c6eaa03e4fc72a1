export { activityKey, businessId } from '../activity-key.ts';
export { haversineKm } from './geo.ts';
export { dispositionFor } from './grading.ts';
export { MongoStoreSystem } from './mongo/mongo-store-system.ts';
export { POS_PATHS } from './pos/pos-contract.ts';
export {
  type PosHttpOptions,
  PosHttpStoreSystem,
  PosUnavailableError,
} from './pos/pos-http-store-system.ts';
export { areaDirectory, marketplacePostcodes, type PostcodeDirectory } from './postcode-areas.ts';
export { nearestEligibleStore } from './routing.ts';
export { DEMO_SKUS, DEMO_STORES, seedDemoStores } from './seed-demo-stores.ts';
export { createStoreActivities, type StoreActivityDeps } from './store-activities.ts';
export { storeCatalog } from './store-catalog.ts';
export { storeConfigVariables, storeSystemFromEnv } from './store-config.ts';
export { StoreError, type StoreErrorCode, type StoreSystem } from './store-system.ts';
export type * from './store-types.ts';
export { usZip3Directory } from './us-postcodes.ts';
