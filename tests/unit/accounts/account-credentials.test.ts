import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountDefinitionSchema } from '../../../api-contract/accounts.ts';
import { accountConfig } from '../../../worker/activities/marketplace/account-adapters.ts';
import {
  MissingSecret,
  SECRETS_FILE_VARIABLE,
  SecretSource,
} from '../../../worker/activities/marketplace/account-credentials.ts';
import { loadMarketplaceConfig } from '../../../worker/activities/marketplace/marketplace-config.ts';
import type { SellerAccountRecord } from '../../../worker/activities/marketplace/seller-accounts.ts';

const secretsFile = join(mkdtempSync(join(tmpdir(), 'acorn-secrets-')), 'sp-api-secrets.json');
writeFileSync(secretsFile, JSON.stringify({ 'eu-refresh-token': 'Atzr|from-the-file' }));
const env = {
  EU_LWA_CLIENT_ID: 'amzn1.application-oa2-client.eu',
  EU_LWA_CLIENT_SECRET: 'eu-secret',
  [SECRETS_FILE_VARIABLE]: secretsFile,
};

const definition = {
  kind: 'seller' as const,
  displayName: 'Acorn Europe',
  region: 'eu' as const,
  merchantId: 'A1DEACORN',
  marketplaces: [
    { code: 'DE', marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR' },
    { code: 'FR', marketplaceId: 'A13V1IB3VIYZZH', currency: 'EUR' },
  ],
  credentials: {
    clientId: { from: 'env' as const, name: 'EU_LWA_CLIENT_ID' },
    clientSecret: { from: 'env' as const, name: 'EU_LWA_CLIENT_SECRET' },
    refreshToken: { from: 'file' as const, key: 'eu-refresh-token' },
  },
};

const record: SellerAccountRecord = {
  ...definition,
  _id: 'eu-main',
  updatedAt: new Date(),
  updatedBy: 'ada',
};

describe('account credentials are references, resolved by the worker', () => {
  it('reads an environment variable and a secrets-file key', () => {
    const secrets = new SecretSource(env);
    expect(secrets.resolve({ from: 'env', name: 'EU_LWA_CLIENT_SECRET' })).toBe('eu-secret');
    expect(secrets.resolve({ from: 'file', key: 'eu-refresh-token' })).toBe('Atzr|from-the-file');
  });

  it('names what is missing, never a value', () => {
    const secrets = new SecretSource(env);
    expect(() => secrets.resolve({ from: 'env', name: 'NOT_SET' })).toThrow(
      new MissingSecret('environment variable NOT_SET is not set'),
    );
    expect(() => secrets.resolve({ from: 'file', key: 'absent' })).toThrow(MissingSecret);
  });

  it('refuses a pasted secret where a reference belongs', () => {
    const pasted = {
      ...definition,
      credentials: {
        ...definition.credentials,
        refreshToken: { from: 'env', name: 'Atzr|IwEBIA-a-real-looking-token' },
        clientSecret: { from: 'file', key: 'amzn1.oa2-cs.v1.0123456789abcdef' },
      },
    };
    const parsed = accountDefinitionSchema.safeParse(pasted);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'credentials.clientSecret.key',
      'credentials.refreshToken.name',
    ]);
  });

  it("builds the account's SP-API settings over the deployment's, never the default's host", () => {
    const base = loadMarketplaceConfig({
      SP_API_ENDPOINT: 'http://127.0.0.1:8110',
      LWA_TOKEN_ENDPOINT: 'http://127.0.0.1:8110/auth/o2/token',
      LWA_CLIENT_ID: 'default-id',
      LWA_CLIENT_SECRET: 'default-secret',
      LWA_REFRESH_TOKEN: 'default-token',
      SP_API_SELLER_ID: 'A1DEFAULT',
    });
    const config = accountConfig(record, 'A13V1IB3VIYZZH', base, new SecretSource(env));
    expect(config).toMatchObject({
      region: 'eu',
      tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
      credentials: {
        clientId: 'amzn1.application-oa2-client.eu',
        clientSecret: 'eu-secret',
        refreshToken: 'Atzr|from-the-file',
      },
      marketplaceId: 'A13V1IB3VIYZZH',
      sellerId: 'A1DEACORN',
      refunds: base.refunds,
    });
    expect(config.endpoint).toBeUndefined();
  });
});
