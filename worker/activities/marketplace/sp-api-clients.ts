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
}

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
  };
}
