import type { Connection } from 'mongoose';
import { DEFAULT_ACCOUNT_ID } from '#api-contract/accounts';
import { canonicalJson } from '#flow-language';
import { SecretSource } from './account-credentials.ts';
import type { MarketplaceAdapter } from './marketplace-adapter.ts';
import {
  AMAZON_LWA_TOKEN_ENDPOINT,
  type MarketplaceConfig,
  type MarketplaceSettings,
} from './marketplace-config.ts';
import { type SellerAccountRecord, sellerAccountModel } from './seller-accounts.ts';
import { SpApiMarketplaceAdapter } from './sp-api-marketplace-adapter.ts';

export class UnknownAccount extends Error {
  override name = 'UnknownAccount';
}

/** Which account (and, for an account selling in several, which marketplace) a call is for. */
export interface AccountChoice {
  account?: string;
  /** The case's marketplace scope value (`DE`) or Amazon's marketplace id. */
  marketplace?: string;
}

export interface ResolvedAccount {
  accountId: string;
  adapter: MarketplaceAdapter;
}

export interface AccountAdapterOptions {
  database: Connection;
  /** The environment's timeouts and refund settings: they apply to every account. */
  defaultConfig: MarketplaceSettings;
  /** The environment-configured account; absent: only admin-configured accounts are served. */
  defaultAdapter?: MarketplaceAdapter;
  secrets?: SecretSource;
  /** Tests hand in a recording adapter; production builds the SP-API one. */
  build?: (config: MarketplaceConfig) => MarketplaceAdapter;
}

/**
 * One SP-API adapter per account and marketplace, built from the account's stored references
 * and kept while the account's content stays the same: each account's LWA token is cached in
 * its own adapter, and a changed (or deleted and re-created) account is rebuilt on its next use.
 */
export class AccountAdapters {
  private readonly accounts;
  private readonly secrets: SecretSource;
  private readonly built = new Map<string, { content: string; adapter: MarketplaceAdapter }>();

  constructor(private readonly options: AccountAdapterOptions) {
    this.accounts = sellerAccountModel(options.database);
    this.secrets = options.secrets ?? new SecretSource();
  }

  get defaultAdapter(): MarketplaceAdapter | undefined {
    return this.options.defaultAdapter;
  }

  /**
   * The account named, else the one configured account selling in the case's marketplace,
   * else the default account. Two accounts in one marketplace must be named: never guessed.
   */
  async adapterFor(choice: AccountChoice = {}): Promise<MarketplaceAdapter> {
    return (await this.resolve(choice)).adapter;
  }

  async resolve(choice: AccountChoice = {}): Promise<ResolvedAccount> {
    const record = await this.recordFor(choice);
    if (!record) return { accountId: DEFAULT_ACCOUNT_ID, adapter: this.defaultFor(choice) };
    const marketplace = marketplaceOf(record, choice.marketplace);
    const cacheKey = `${record._id}/${marketplace.marketplaceId}`;
    const content = accountContent(record);
    const cached = this.built.get(cacheKey);
    if (cached?.content === content) return { accountId: record._id, adapter: cached.adapter };
    const config = accountConfig(
      record,
      marketplace.marketplaceId,
      this.options.defaultConfig,
      this.secrets,
    );
    const adapter = (this.options.build ?? ((c) => new SpApiMarketplaceAdapter(c)))(config);
    this.built.set(cacheKey, { content, adapter });
    return { accountId: record._id, adapter };
  }

  private defaultFor(choice: AccountChoice): MarketplaceAdapter {
    if (this.options.defaultAdapter) return this.options.defaultAdapter;
    const why =
      choice.account === DEFAULT_ACCOUNT_ID
        ? 'it names the default account'
        : choice.marketplace
          ? `it names no account and no configured account sells in marketplace ${choice.marketplace}`
          : 'it names neither an account nor a marketplace';
    throw new UnknownAccount(
      `No marketplace account takes this step: ${why}, and this worker has no default account ` +
        '(LWA_CLIENT_ID, LWA_CLIENT_SECRET, LWA_REFRESH_TOKEN and SP_API_SELLER_ID are unset)',
    );
  }

  /** The configured account a call is for; undefined for the default account. */
  async recordFor(choice: AccountChoice): Promise<SellerAccountRecord | undefined> {
    if (choice.account === DEFAULT_ACCOUNT_ID) return undefined;
    if (choice.account) {
      const named = await this.accounts.findById(choice.account).lean();
      if (!named)
        throw new UnknownAccount(`No marketplace account "${choice.account}" is configured`);
      return named;
    }
    if (!choice.marketplace) return undefined;
    const selling = sellersIn(await this.accounts.find({}).lean(), choice.marketplace);
    if (selling.length > 1) {
      const names = selling
        .map((record) => record._id)
        .sort()
        .join(', ');
      throw new UnknownAccount(
        `Accounts ${names} all sell in ${choice.marketplace}: the case must name its account`,
      );
    }
    return selling[0];
  }
}

/**
 * The configured accounts selling in a marketplace: a case naming no account goes through the
 * only one, or the default account when none does; with two, the case must name its account.
 */
export function sellersIn(
  records: SellerAccountRecord[],
  marketplace: string,
): SellerAccountRecord[] {
  return records.filter((record) => record.marketplaces.some((m) => m.code === marketplace));
}

/** The named marketplace if the account sells there, else the account's first. */
function marketplaceOf(record: SellerAccountRecord, wanted: string | undefined) {
  const first = record.marketplaces[0];
  if (!first) throw new UnknownAccount(`Account "${record._id}" names no marketplace`);
  return record.marketplaces.find((m) => m.code === wanted || m.marketplaceId === wanted) ?? first;
}

/** The account's hosts and credentials over the deployment's timeouts and refund settings. */
export function accountConfig(
  record: SellerAccountRecord,
  marketplaceId: string,
  base: MarketplaceSettings,
  secrets: SecretSource,
): MarketplaceConfig {
  const { endpoint, ...rest } = base;
  return {
    ...rest,
    region: record.region,
    ...(record.endpoint ? { endpoint: record.endpoint.replace(/\/+$/, '') } : {}),
    tokenEndpoint: record.tokenEndpoint ?? AMAZON_LWA_TOKEN_ENDPOINT,
    credentials: {
      clientId: secrets.resolve(record.credentials.clientId),
      clientSecret: secrets.resolve(record.credentials.clientSecret),
      refreshToken: secrets.resolve(record.credentials.refreshToken),
    },
    marketplaceId,
    sellerId: record.merchantId,
  };
}

/** What the account's clients are built from: everything but who saved it and when. */
export function accountContent(record: SellerAccountRecord): string {
  const { updatedAt: _at, updatedBy: _by, ...definition } = record;
  return canonicalJson(definition);
}
