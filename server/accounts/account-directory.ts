import type { Connection } from 'mongoose';
import {
  type AccountDefinition,
  type AccountView,
  DEFAULT_ACCOUNT_ID,
} from '#api-contract/accounts';
import {
  type SellerAccountRecord,
  sellerAccountModel,
} from '../../worker/activities/marketplace/seller-accounts.ts';
import { ApiError, notFound } from '../http/api-errors.ts';

/**
 * The admin-configured marketplace accounts. Only references to secrets are stored; the
 * worker resolves them when it builds the account's SP-API clients.
 */
export class AccountDirectory {
  private readonly accounts;

  constructor(connection: Connection) {
    this.accounts = sellerAccountModel(connection);
  }

  async list(): Promise<AccountView[]> {
    const records = await this.accounts.find({}).sort({ _id: 1 }).lean();
    return records.map(toAccountView);
  }

  /** Creates or replaces an account; workers rebuild its clients once its content differs. */
  async save(accountId: string, definition: AccountDefinition, by: string): Promise<AccountView> {
    if (accountId === DEFAULT_ACCOUNT_ID) {
      throw new ApiError(
        409,
        'conflict',
        'The default account comes from the worker environment (LWA_*, SP_API_*); it cannot be stored.',
      );
    }
    const { endpoint, tokenEndpoint, ...rest } = definition;
    const unset = {
      ...(endpoint ? {} : { endpoint: 1 }),
      ...(tokenEndpoint ? {} : { tokenEndpoint: 1 }),
    };
    // A by-id write where the last save wins: nothing is counted or guarded here. Workers compare
    // the account's content, not a counter, so racing saves cannot leave a stale client behind.
    await this.accounts.updateOne(
      { _id: accountId },
      {
        $set: {
          ...rest,
          ...(endpoint ? { endpoint } : {}),
          ...(tokenEndpoint ? { tokenEndpoint } : {}),
          updatedAt: new Date(),
          updatedBy: by,
        },
        ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      },
      { upsert: true },
    );
    return toAccountView(await this.get(accountId));
  }

  async find(accountId: string): Promise<AccountView | undefined> {
    const record = await this.accounts.findById(String(accountId)).lean();
    return record ? toAccountView(record) : undefined;
  }

  async remove(accountId: string): Promise<void> {
    const { deletedCount } = await this.accounts.deleteOne({ _id: accountId });
    if (deletedCount === 0) throw notFound(`account ${accountId}`);
  }

  private async get(accountId: string): Promise<SellerAccountRecord> {
    const record = await this.accounts.findById(accountId).lean();
    if (!record) throw notFound(`account ${accountId}`);
    return record;
  }
}

function toAccountView(record: SellerAccountRecord): AccountView {
  const { _id, updatedAt, ...definition } = record;
  return {
    ...definition,
    marketplaces: definition.marketplaces.map(({ code, marketplaceId, currency }) => ({
      code,
      marketplaceId,
      currency,
    })),
    accountId: _id,
    updatedAt: updatedAt.toISOString(),
  };
}
