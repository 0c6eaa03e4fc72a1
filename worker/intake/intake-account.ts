import { createAxiosInstance, sellingPartnerRegions } from '@sp-api-sdk/common';
import type { FinancesApi } from '@sp-api-sdk/finances-api-v0';
import type { OrdersApi } from '@sp-api-sdk/orders-api-v0';
import {
  ReportsApi,
  clientRateLimits as reportsRateLimits,
} from '@sp-api-sdk/reports-api-2021-06-30';
import type { CaseScope } from '#platform/case-start/flow-selection';
import { createLwaAuth } from '../activities/marketplace/lwa-auth.ts';
import type { MarketplaceConfig } from '../activities/marketplace/marketplace-config.ts';
import { createSpApiClients } from '../activities/marketplace/sp-api-clients.ts';

/** The SP-API operations intake calls: reports, financial events, and the order they name. */
export interface IntakeClients {
  reports: Pick<ReportsApi, 'createReport' | 'getReport' | 'getReportDocument'>;
  finances: Pick<FinancesApi, 'listFinancialEvents'>;
  orders: Pick<OrdersApi, 'getOrder' | 'getOrderItems'>;
}

/** One seller account in one marketplace, read by its own poller with its own credentials. */
export interface IntakeAccount {
  accountId: string;
  marketplaceId: string;
  clients: IntakeClients;
  /** The brand, marketplace or store its cases belong to, for flow selection and scope. */
  scope?: CaseScope;
}

/**
 * The account the worker's environment configures (LWA_*, SP_API_*), with the same signed
 * clients the marketplace activities use plus the Reports API. Per-account configuration
 * replaces this list; the poller only ever sees `{ accountId, clients }`.
 */
export function intakeAccountFromConfig(config: MarketplaceConfig): IntakeAccount {
  const auth = createLwaAuth(config);
  const { orders, finances } = createSpApiClients(config, auth);
  const endpoint = config.endpoint ?? sellingPartnerRegions[config.region].endpoints.production;
  const { axios } = createAxiosInstance(
    { auth, region: config.region, userAgent: 'acorn-flow (Language=TypeScript)' },
    reportsRateLimits,
  );
  axios.defaults.timeout = config.requestTimeoutMs;
  return {
    accountId: config.sellerId,
    marketplaceId: config.marketplaceId,
    clients: { orders, finances, reports: new ReportsApi(undefined, endpoint, axios) },
  };
}
