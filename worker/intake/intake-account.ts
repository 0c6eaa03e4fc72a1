import { createAxiosInstance, type RateLimit, sellingPartnerRegions } from '@sp-api-sdk/common';
import { FinancesApi, clientRateLimits as financesRateLimits } from '@sp-api-sdk/finances-api-v0';
import { OrdersApi, clientRateLimits as ordersRateLimits } from '@sp-api-sdk/orders-api-v0';
import {
  ReportsApi,
  clientRateLimits as reportsRateLimits,
} from '@sp-api-sdk/reports-api-2021-06-30';
import { TokensApi, clientRateLimits as tokensRateLimits } from '@sp-api-sdk/tokens-api-2021-03-01';
import type { CaseScope } from '#platform/case-start/flow-selection';
import { createLwaAuth } from '../activities/marketplace/lwa-auth.ts';
import type { MarketplaceConfig } from '../activities/marketplace/marketplace-config.ts';

/** The SP-API operations intake calls: reports, financial events, and the order they name. */
export interface IntakeClients {
  reports: Pick<ReportsApi, 'createReport' | 'getReport' | 'getReportDocument'>;
  finances: Pick<FinancesApi, 'listFinancialEvents'>;
  orders: Pick<OrdersApi, 'getOrder' | 'getOrderItems'>;
  tokens: Pick<TokensApi, 'createRestrictedDataToken'>;
  /** An Orders client that sends this Restricted Data Token instead of the LWA access token. */
  restrictedOrders(restrictedDataToken: string): Pick<OrdersApi, 'getOrder' | 'getOrders'>;
}

/** One seller account in one marketplace, read by its own poller with its own credentials. */
export interface IntakeAccount {
  accountId: string;
  marketplaceId: string;
  clients: IntakeClients;
  /** The brand, marketplace or store its cases belong to, for flow selection and scope. */
  scope?: CaseScope;
  /** The admin-configured account its cases name; absent for the environment's default one. */
  caseAccount?: string;
  /** Amazon's merchant id, as notifications name the seller; absent: the accountId is it. */
  sellerId?: string;
}

/** A fixed list, or a list read again whenever it is needed (admin-configured accounts). */
export type IntakeAccountSource = IntakeAccount[] | (() => Promise<IntakeAccount[]>);

export const currentAccounts = (source: IntakeAccountSource): Promise<IntakeAccount[]> =>
  Array.isArray(source) ? Promise.resolve(source) : source();

/** The case fields an account gives every case it starts: its scope and configured account. */
export const intakeCaseFields = (account: IntakeAccount) => ({
  ...account.scope,
  ...(account.caseAccount && { account: account.caseAccount }),
});

// Case scope values for Amazon's marketplace ids, as accounts name them (`US`, `DE`).
const MARKETPLACE_CODES: Record<string, string> = {
  ATVPDKIKX0DER: 'US',
  A2EUQ1WTGCTBG2: 'CA',
  A1AM78C64UM0Y8: 'MX',
  A1F83G8C2ARO7P: 'UK',
  A1PA6795UKMFR9: 'DE',
  A13V1IB3VIYZZH: 'FR',
  APJ6JRA9NG5V4: 'IT',
  A1RKKUPIHCS9HS: 'ES',
  A1VC38T7YXB528: 'JP',
};

/**
 * The account the worker's environment configures (LWA_*, SP_API_*), with signed clients like
 * the marketplace activities' (but waiting out throttling) plus the Reports and Tokens APIs.
 * Per-account configuration replaces this list; the poller only ever sees `{ accountId, clients }`.
 */
export function intakeAccountFromConfig(config: MarketplaceConfig): IntakeAccount {
  const auth = createLwaAuth(config);
  const endpoint = config.endpoint ?? sellingPartnerRegions[config.region].endpoints.production;
  const axiosFor = (rateLimits: RateLimit[], restrictedDataToken?: string) => {
    const { axios } = createAxiosInstance(
      {
        auth,
        region: config.region,
        userAgent: 'acorn-flow (Language=TypeScript)',
        ...(restrictedDataToken && { restrictedDataToken }),
        // Intake runs outside Temporal: a throttled call (429) waits as long as Amazon's rate
        // header says and is sent again, rather than failing the poll (getOrderItems allows 0.5/s).
        rateLimiting: { retry: true },
      },
      rateLimits,
    );
    axios.defaults.timeout = config.requestTimeoutMs;
    return axios;
  };
  return {
    accountId: config.sellerId,
    marketplaceId: config.marketplaceId,
    // Every case carries its marketplace: flow selection, scope and the account's adapter use it.
    scope: { marketplace: MARKETPLACE_CODES[config.marketplaceId] ?? config.marketplaceId },
    clients: {
      orders: new OrdersApi(undefined, endpoint, axiosFor(ordersRateLimits)),
      finances: new FinancesApi(undefined, endpoint, axiosFor(financesRateLimits)),
      reports: new ReportsApi(undefined, endpoint, axiosFor(reportsRateLimits)),
      tokens: new TokensApi(undefined, endpoint, axiosFor(tokensRateLimits)),
      restrictedOrders: (restrictedDataToken) =>
        new OrdersApi(undefined, endpoint, axiosFor(ordersRateLimits, restrictedDataToken)),
    },
  };
}
