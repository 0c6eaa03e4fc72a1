export {
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
  type MarketplaceConfig,
  marketplaceConfigVariables,
  type RefundSettings,
} from './marketplace-config.ts';
export { refundIntentModel } from './refund-intent-record.ts';
export { SpApiMarketplaceAdapter } from './sp-api-marketplace-adapter.ts';
