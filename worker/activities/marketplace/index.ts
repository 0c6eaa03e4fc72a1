export { AccountAdapters, type AccountChoice, accountConfig } from './account-adapters.ts';
export { SECRETS_FILE_VARIABLE, SecretSource } from './account-credentials.ts';
export {
  accountAdaptersFor,
  createMarketplaceActivities,
  type MarketplaceActivityDependencies,
} from './marketplace-activities.ts';
export type {
  FeedStatus,
  MarketplaceAdapter,
  MarketplaceOrder,
  MoneyEvent,
  OrderLine,
  ProcessingReport,
  SellerAccount,
} from './marketplace-adapter.ts';
export { marketplaceCatalog } from './marketplace-catalog.ts';
export {
  loadMarketplaceConfig,
  loadMarketplaceEnvironment,
  type MarketplaceConfig,
  type MarketplaceSettings,
  marketplaceConfigVariables,
  type RefundSettings,
} from './marketplace-config.ts';
export { refundIntentModel } from './refund-intent-record.ts';
export { type SellerAccountRecord, sellerAccountModel } from './seller-accounts.ts';
export { SpApiMarketplaceAdapter } from './sp-api-marketplace-adapter.ts';
