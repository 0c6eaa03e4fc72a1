import type { SellingPartnerRegion } from '@sp-api-sdk/common';
import { z } from 'zod';
import { SECRETS_FILE_VARIABLE } from './account-credentials.ts';

export const AMAZON_LWA_TOKEN_ENDPOINT = 'https://api.amazon.com/auth/o2/token';
const US_MARKETPLACE_ID = 'ATVPDKIKX0DER';

const milliseconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Everything the marketplace adapter reads from the environment. Pointing at real Amazon is
 * only a matter of these values: leave SP_API_ENDPOINT and LWA_TOKEN_ENDPOINT unset.
 */
const marketplaceEnvSchema = z
  .object({
    SP_API_REGION: z.enum(['na', 'eu', 'fe']).default('na'),
    /** Unset: the region's production endpoint. Set: a sandbox, or the local emulator. */
    SP_API_ENDPOINT: z.url().optional(),
    LWA_TOKEN_ENDPOINT: z.url().default(AMAZON_LWA_TOKEN_ENDPOINT),
    LWA_CLIENT_ID: z.string().min(1),
    LWA_CLIENT_SECRET: z.string().min(1),
    LWA_REFRESH_TOKEN: z.string().min(1),
    SP_API_MARKETPLACE_ID: z.string().min(1).default(US_MARKETPLACE_ID),
    /** The merchant token, written into each feed's MerchantIdentifier. */
    SP_API_SELLER_ID: z.string().min(1),
    SP_API_REQUEST_TIMEOUT_MS: milliseconds(30_000),
    SP_API_FEED_POLL_MS: milliseconds(30_000),
    /** How long a createFeed with no answer must age before "no feed found" counts as proof. */
    SP_API_SUBMISSION_SETTLE_MS: milliseconds(120_000),
    /** Tolerated difference between our clock and Amazon's createdTime. */
    SP_API_CLOCK_SKEW_MS: milliseconds(300_000),
    /** After this, a submission lock held by a refund still "prepared" may be taken over. */
    SP_API_SUBMISSION_LEASE_MS: milliseconds(300_000),
    /** How often the worker takes custody of refunds no run drives any more; 0 turns it off. */
    ACORN_REFUND_SWEEP_SECONDS: z.coerce.number().int().nonnegative().default(60),
  })
  .refine((env) => env.SP_API_SUBMISSION_SETTLE_MS > env.SP_API_REQUEST_TIMEOUT_MS, {
    message: 'SP_API_SUBMISSION_SETTLE_MS must exceed SP_API_REQUEST_TIMEOUT_MS',
    path: ['SP_API_SUBMISSION_SETTLE_MS'],
  });

export interface RefundSettings {
  pollIntervalMs: number;
  settleMs: number;
  clockSkewMs: number;
  leaseMs: number;
}

export interface MarketplaceConfig {
  region: SellingPartnerRegion;
  endpoint?: string;
  tokenEndpoint: string;
  credentials: { clientId: string; clientSecret: string; refreshToken: string };
  marketplaceId: string;
  sellerId: string;
  requestTimeoutMs: number;
  refunds: RefundSettings;
  refundSweepMs: number;
}

export function loadMarketplaceConfig(env: NodeJS.ProcessEnv = process.env): MarketplaceConfig {
  const parsed = marketplaceEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid marketplace configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    region: e.SP_API_REGION,
    ...(e.SP_API_ENDPOINT ? { endpoint: e.SP_API_ENDPOINT.replace(/\/+$/, '') } : {}),
    tokenEndpoint: e.LWA_TOKEN_ENDPOINT,
    credentials: {
      clientId: e.LWA_CLIENT_ID,
      clientSecret: e.LWA_CLIENT_SECRET,
      refreshToken: e.LWA_REFRESH_TOKEN,
    },
    marketplaceId: e.SP_API_MARKETPLACE_ID,
    sellerId: e.SP_API_SELLER_ID,
    requestTimeoutMs: e.SP_API_REQUEST_TIMEOUT_MS,
    refundSweepMs: e.ACORN_REFUND_SWEEP_SECONDS * 1_000,
    refunds: {
      pollIntervalMs: e.SP_API_FEED_POLL_MS,
      settleMs: e.SP_API_SUBMISSION_SETTLE_MS,
      clockSkewMs: e.SP_API_CLOCK_SKEW_MS,
      leaseMs: e.SP_API_SUBMISSION_LEASE_MS,
    },
  };
}

/** The variable names read here and by the accounts' secret source, for deployment checks. */
export const marketplaceConfigVariables = [
  ...Object.keys(marketplaceEnvSchema.shape),
  SECRETS_FILE_VARIABLE,
];
