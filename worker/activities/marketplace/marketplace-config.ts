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
    // The default account's credentials: all four (with SP_API_SELLER_ID) or none.
    LWA_CLIENT_ID: z.string().min(1).optional(),
    LWA_CLIENT_SECRET: z.string().min(1).optional(),
    LWA_REFRESH_TOKEN: z.string().min(1).optional(),
    SP_API_MARKETPLACE_ID: z.string().min(1).default(US_MARKETPLACE_ID),
    /** The merchant token, written into each feed's MerchantIdentifier. */
    SP_API_SELLER_ID: z.string().min(1).optional(),
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

/** What every account's adapter shares: timeouts, refund settings, the default region. */
export type MarketplaceSettings = Omit<MarketplaceConfig, 'credentials' | 'sellerId'>;

/**
 * The environment's marketplace settings and, when LWA_* and SP_API_SELLER_ID are set, its
 * default account. Without them the worker serves the admin-configured accounts only; some of
 * them set and others not is a mistake, refused at start-up.
 */
export function loadMarketplaceEnvironment(env: NodeJS.ProcessEnv = process.env): {
  settings: MarketplaceSettings;
  defaultAccount?: MarketplaceConfig;
} {
  const e = parseEnv(env);
  const settings = settingsOf(e);
  const given = DEFAULT_ACCOUNT_VARIABLES.filter((name) => e[name]);
  if (given.length === 0) return { settings };
  const missing = DEFAULT_ACCOUNT_VARIABLES.filter((name) => !e[name]);
  if (missing.length > 0) {
    throw new Error(
      `Invalid marketplace configuration: the default account needs ${missing.join(', ')} ` +
        `beside ${given.join(', ')} (or leave all of ${DEFAULT_ACCOUNT_VARIABLES.join(', ')} unset)`,
    );
  }
  return {
    settings,
    defaultAccount: {
      ...settings,
      credentials: {
        clientId: String(e.LWA_CLIENT_ID),
        clientSecret: String(e.LWA_CLIENT_SECRET),
        refreshToken: String(e.LWA_REFRESH_TOKEN),
      },
      sellerId: String(e.SP_API_SELLER_ID),
    },
  };
}

/** The default account's configuration; throws when the environment configures none. */
export function loadMarketplaceConfig(env: NodeJS.ProcessEnv = process.env): MarketplaceConfig {
  const { defaultAccount } = loadMarketplaceEnvironment(env);
  if (!defaultAccount) {
    throw new Error(
      `Invalid marketplace configuration: no default account (${DEFAULT_ACCOUNT_VARIABLES.join(', ')} are unset)`,
    );
  }
  return defaultAccount;
}

const DEFAULT_ACCOUNT_VARIABLES = [
  'LWA_CLIENT_ID',
  'LWA_CLIENT_SECRET',
  'LWA_REFRESH_TOKEN',
  'SP_API_SELLER_ID',
] as const;

type MarketplaceEnv = z.infer<typeof marketplaceEnvSchema>;

function parseEnv(env: NodeJS.ProcessEnv): MarketplaceEnv {
  const parsed = marketplaceEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid marketplace configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

function settingsOf(e: MarketplaceEnv): MarketplaceSettings {
  return {
    region: e.SP_API_REGION,
    ...(e.SP_API_ENDPOINT ? { endpoint: e.SP_API_ENDPOINT.replace(/\/+$/, '') } : {}),
    tokenEndpoint: e.LWA_TOKEN_ENDPOINT,
    marketplaceId: e.SP_API_MARKETPLACE_ID,
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
