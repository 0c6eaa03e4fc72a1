import { type Connection, Schema } from 'mongoose';
import type { AccountDefinition } from '#api-contract/accounts';
import { recordModel } from '#platform/database';

/**
 * An admin-configured Amazon account. Credentials are stored as references (an environment
 * variable's name, a secrets-file key), never as values: the database holds no secret.
 */
export interface SellerAccountRecord extends AccountDefinition {
  /** The account id cases and refunds name, e.g. `eu-main`. */
  _id: string;
  updatedAt: Date;
  updatedBy: string;
}

const reference = { _id: false, from: String, name: String, key: String };

const sellerAccountSchema = new Schema<SellerAccountRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    displayName: { type: String, required: true },
    region: { type: String, required: true },
    merchantId: { type: String, required: true },
    marketplaces: [{ _id: false, code: String, marketplaceId: String, currency: String }],
    credentials: {
      clientId: reference,
      clientSecret: reference,
      refreshToken: reference,
    },
    endpoint: String,
    tokenEndpoint: String,
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'marketplace_accounts', versionKey: false },
);

export function sellerAccountModel(connection: Connection) {
  return recordModel<SellerAccountRecord>(connection, 'SellerAccount', sellerAccountSchema);
}
