import type { SellingPartnerApiAuth } from '@sp-api-sdk/auth';
import { createAxiosInstance, type RateLimit, sellingPartnerRegions } from '@sp-api-sdk/common';
import { FeedsApi, clientRateLimits as feedsRateLimits } from '@sp-api-sdk/feeds-api-2021-06-30';
import { FinancesApi, clientRateLimits as financesRateLimits } from '@sp-api-sdk/finances-api-v0';
import { OrdersApi, clientRateLimits as ordersRateLimits } from '@sp-api-sdk/orders-api-v0';
import type { MarketplaceConfig } from './marketplace-config.ts';

export interface SpApiClients {
  orders: OrdersApi;
  feeds: FeedsApi;
  finances: FinancesApi;
  /** Vendor Orders v1 has no generated client here; the same signed axios instance calls it. */
  vendorOrders: { axios: ReturnType<typeof createAxiosInstance>['axios']; endpoint: string };
}

// Amazon's published limit for submitAcknowledgement: 10 requests per second, burst 10.
const vendorOrdersRateLimits: RateLimit[] = [
  { method: 'post', urlRegex: /^\/vendor\/orders\/v1\/acknowledgements$/, rate: 10, burst: 10 },
];

/**
 * The SDK's `*ApiClient` classes only know Amazon's regional hosts. We build the same
 * pre-configured axios instance (LWA token header, SDK error wrapping) and hand the generated
 * API classes our endpoint instead. Throttling retries stay off: Temporal retries activities.
 */
export function createSpApiClients(
  config: MarketplaceConfig,
  auth: SellingPartnerApiAuth,
): SpApiClients {
  const endpoint = config.endpoint ?? sellingPartnerRegions[config.region].endpoints.production;
  const axiosFor = (rateLimits: RateLimit[]) => {
    const { axios } = createAxiosInstance(
      { auth, region: config.region, userAgent: 'acorn-flow (Language=TypeScript)' },
      rateLimits,
    );
    axios.defaults.timeout = config.requestTimeoutMs;
    return axios;
  };
  return {
    orders: new OrdersApi(undefined, endpoint, axiosFor(ordersRateLimits)),
    feeds: new FeedsApi(undefined, endpoint, axiosFor(feedsRateLimits)),
    finances: new FinancesApi(undefined, endpoint, axiosFor(financesRateLimits)),
    vendorOrders: { axios: axiosFor(vendorOrdersRateLimits), endpoint },
  };
}
