import { z } from 'zod';

/** The account the worker builds from LWA_* and SP_API_* variables; always present. */
export const DEFAULT_ACCOUNT_ID = 'default' as const;

export const accountIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Use 2-63 lower-case letters, digits or "-"');

export const accountIdParamsSchema = z.strictObject({ accountId: accountIdSchema });

export const regionSchema = z.enum(['na', 'eu', 'fe']);
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR');

/**
 * A secret is named, never given: an environment variable (upper case) or a key of the secrets
 * file. Both patterns refuse the characters LWA secrets carry (`|`, `.`), so a pasted refresh
 * token or client secret is refused instead of stored in clear.
 */
export const secretReferenceSchema = z.discriminatedUnion('from', [
  z.strictObject({
    from: z.literal('env'),
    name: z.string().regex(/^[A-Z][A-Z0-9_]{0,127}$/, 'An environment variable name'),
  }),
  z.strictObject({
    from: z.literal('file'),
    key: z.string().regex(/^[a-z][a-z0-9_-]{0,127}$/, 'A lower-case key of the secrets file'),
  }),
]);
export type SecretReference = z.infer<typeof secretReferenceSchema>;

export const accountMarketplaceSchema = z.strictObject({
  /** The case scope value naming it, e.g. `US` or `DE`. */
  code: z.string().trim().min(1).max(100),
  /** Amazon's marketplace id, e.g. ATVPDKIKX0DER. */
  marketplaceId: z.string().regex(/^[A-Z0-9]{5,20}$/, "Amazon's marketplace id"),
  currency: currencySchema,
});

const httpsOrLocal = z
  .url()
  .refine(
    (value) => value.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(value),
    'Use https, or http on 127.0.0.1/localhost (an emulator)',
  );

export const accountDefinitionSchema = z.strictObject({
  kind: z.enum(['seller', 'vendor']),
  displayName: z.string().trim().min(1).max(200),
  region: regionSchema,
  /** The merchant token (seller) or selling party id (vendor). */
  merchantId: z.string().regex(/^[A-Z0-9]{4,30}$/, 'The merchant token, e.g. A1B2C3D4E5'),
  marketplaces: z.array(accountMarketplaceSchema).min(1).max(30),
  credentials: z.strictObject({
    clientId: secretReferenceSchema,
    clientSecret: secretReferenceSchema,
    refreshToken: secretReferenceSchema,
  }),
  /** Unset: the region's Amazon hosts. Set: a sandbox or an emulator. */
  endpoint: httpsOrLocal.optional(),
  tokenEndpoint: httpsOrLocal.optional(),
});
export type AccountDefinition = z.infer<typeof accountDefinitionSchema>;

export const accountSchema = accountDefinitionSchema.extend({
  accountId: z.string(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export type AccountView = z.infer<typeof accountSchema>;

export const accountListSchema = z.object({
  /** The environment-configured account cases without another account use. */
  defaultAccountId: z.literal(DEFAULT_ACCOUNT_ID),
  items: z.array(accountSchema),
});
export type AccountList = z.infer<typeof accountListSchema>;

const day = z.iso.date();

/** One dated rate: 1 `from` = `rate` `to`, from `date` until the next rate of the pair. */
export const exchangeRateSchema = z.strictObject({
  from: currencySchema,
  to: currencySchema,
  date: day,
  rate: z.number().positive().finite(),
  source: z.string().trim().min(1).max(200),
});
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;

export const exchangeRateListSchema = z.object({ items: z.array(exchangeRateSchema) });

export const groupViewQuerySchema = z.strictObject({
  currency: currencySchema,
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type GroupViewQuery = z.infer<typeof groupViewQuerySchema>;

const minor = z.number().int();

/** One account, marketplace and currency's refunds, and what they came to in the reporting currency. */
export const groupLineSchema = z.object({
  accountId: z.string(),
  marketplace: z.string(),
  currency: currencySchema,
  refunds: z.number().int(),
  /** In minor units of `currency`. */
  refundedMinor: minor,
  /** A-to-Z guarantee claims Amazon paid the buyer and charged to the seller, and their sum. */
  guaranteeClaims: z.number().int(),
  guaranteeClaimsMinor: minor,
  /** Card chargebacks Amazon charged to the seller, and their sum. */
  chargebacks: z.number().int(),
  chargebacksMinor: minor,
  /** Refunds, claims and chargebacks together, in minor units of `currency`. */
  paidMinor: minor,
  /** `paidMinor` in the reporting currency's minor units; null when any entry lacked a rate. */
  convertedMinor: minor.nullable(),
  /** The dated rates used (none for the reporting currency itself). */
  ratesUsed: z.array(z.object({ date: day, rate: z.number(), source: z.string() })),
  /** The days of entries no rate on or before covers: left out of the total, never guessed. */
  missingRateDays: z.array(day),
});
export type GroupLine = z.infer<typeof groupLineSchema>;

export const groupViewSchema = z.object({
  currency: currencySchema,
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  lines: z.array(groupLineSchema),
  /** Sum of the lines that converted, in minor units of the reporting currency. */
  totalMinor: minor,
  /** False when a line could not be converted: the total leaves it out. */
  complete: z.boolean(),
  /** Set for a caller limited to some brands, marketplaces or stores: only their cases count. */
  scope: z
    .object({
      brands: z.array(z.string()).optional(),
      marketplaces: z.array(z.string()).optional(),
      stores: z.array(z.string()).optional(),
    })
    .optional(),
});
export type GroupView = z.infer<typeof groupViewSchema>;
