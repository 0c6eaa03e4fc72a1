import { describe, expect, it } from 'vitest';
import { ActivityCatalogSchema } from '#flow-language';
import { spApiEmulatorEnv } from '../../../emulators/sp-api/index.ts';
import {
  loadMarketplaceConfig,
  marketplaceCatalog,
} from '../../../worker/activities/marketplace/index.ts';
import {
  retryDelayMs,
  spApiFailure,
} from '../../../worker/activities/marketplace/sp-api-failures.ts';

const credentials = {
  LWA_CLIENT_ID: 'amzn1.application-oa2-client.x',
  LWA_CLIENT_SECRET: 'secret',
  LWA_REFRESH_TOKEN: 'Atzr|x',
  SP_API_SELLER_ID: 'A1SELLER',
};

describe('loadMarketplaceConfig', () => {
  it('points at real Amazon when only credentials are given', () => {
    const config = loadMarketplaceConfig(credentials);
    expect(config).toMatchObject({
      region: 'na',
      tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
      marketplaceId: 'ATVPDKIKX0DER',
      refunds: { settleMs: 120_000, pollIntervalMs: 30_000 },
    });
    expect(config.endpoint).toBeUndefined();
  });

  it('points at the emulator with its environment', () => {
    const config = loadMarketplaceConfig(spApiEmulatorEnv('http://127.0.0.1:8110'));
    expect(config.endpoint).toBe('http://127.0.0.1:8110');
    expect(config.tokenEndpoint).toBe('http://127.0.0.1:8110/auth/o2/token');
  });

  it('names what is missing or inconsistent', () => {
    expect(() => loadMarketplaceConfig({})).toThrow(/LWA_REFRESH_TOKEN/);
    const settleTooShort = { ...credentials, SP_API_SUBMISSION_SETTLE_MS: '1000' };
    expect(() => loadMarketplaceConfig(settleTooShort)).toThrow(/must exceed SP_API_REQUEST/);
  });
});

describe('SP-API failures', () => {
  it('derives the retry delay from Retry-After, else from the rate limit', () => {
    expect(retryDelayMs({ 'Retry-After': '3' })).toBe(3_000);
    expect(retryDelayMs({ 'x-amzn-RateLimit-Limit': '0.0083' })).toBe(120_482);
    expect(retryDelayMs({})).toBeUndefined();
  });

  it('treats silence as retryable and unknown', () => {
    const failure = spApiFailure('createFeed', new Error('socket hang up'));
    expect(failure).toMatchObject({ type: 'SpApiNoResponse', nonRetryable: false });
  });
});

describe('marketplaceCatalog', () => {
  it('is a valid activity catalog', () => {
    expect(ActivityCatalogSchema.safeParse(marketplaceCatalog).success).toBe(true);
    expect(marketplaceCatalog.map((entry) => entry.name)).toEqual([
      'marketplace.getOrder',
      'marketplace.issueRefund',
      'marketplace.getRefundStatus',
      'marketplace.listFinancialEvents',
      'marketplace.readReturnFacts',
      'marketplace.readClaim',
      'marketplace.cancelOrder',
      'marketplace.acknowledgePurchaseOrder',
    ]);
  });
});
