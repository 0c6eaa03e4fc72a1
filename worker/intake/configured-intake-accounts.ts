import type { Connection } from 'mongoose';
import { accountContent } from '../activities/marketplace/account-adapters.ts';
import {
  accountConfig,
  SecretSource,
  type SellerAccountRecord,
  sellerAccountModel,
} from '../activities/marketplace/index.ts';
import type { MarketplaceSettings } from '../activities/marketplace/marketplace-config.ts';
import { type IntakeAccount, intakeAccountFromConfig } from './intake-account.ts';

/**
 * The admin-configured accounts (`/api/accounts`) as intake reads them: one poller per account
 * and marketplace, with the account's own credentials and hosts. Read again before every poll,
 * so an account added, changed or removed is taken from the next poll on; clients are kept while
 * the account's content stays the same, so each keeps its LWA token.
 */
export class ConfiguredIntakeAccounts {
  private readonly accounts;
  private readonly built = new Map<string, { content: string; account: IntakeAccount }>();

  constructor(
    database: Connection,
    private readonly settings: MarketplaceSettings,
    private readonly secrets: SecretSource = new SecretSource(),
  ) {
    this.accounts = sellerAccountModel(database);
  }

  async list(): Promise<IntakeAccount[]> {
    const records = await this.accounts.find({}).lean();
    return records.flatMap((record) =>
      record.marketplaces.map((marketplace) => this.intakeAccount(record, marketplace)),
    );
  }

  private intakeAccount(
    record: SellerAccountRecord,
    marketplace: SellerAccountRecord['marketplaces'][number],
  ): IntakeAccount {
    const key = `${record._id}/${marketplace.code}`;
    const content = accountContent(record);
    const cached = this.built.get(key);
    if (cached?.content === content) return cached.account;
    const config = accountConfig(record, marketplace.marketplaceId, this.settings, this.secrets);
    const account: IntakeAccount = {
      ...intakeAccountFromConfig(config),
      // Cursors and the requester name are per account and marketplace; the cases name the
      // account, so every Amazon step of theirs goes through it.
      accountId: key,
      caseAccount: record._id,
      sellerId: record.merchantId,
      scope: { marketplace: marketplace.code },
    };
    this.built.set(key, { content, account });
    return account;
  }
}
