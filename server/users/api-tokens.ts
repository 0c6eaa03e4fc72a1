import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { CreateApiTokenRequest } from '#api-contract/users';
import { isDuplicateKey } from '#platform/database';
import { type ApiTokenRecord, userRecords } from './user-records.ts';

export type ApiToken = Omit<ApiTokenRecord, 'secretHash'>;

export class ApiTokenNotFound extends Error {
  override name = 'ApiTokenNotFound';
  constructor() {
    super('No such API token.');
  }
}

/** Recognisable in logs and secret scanners; the 32 random bytes after it are the secret. */
export const SECRET_PREFIX = 'acorn_';
const SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length + 6;
/** Recording every call would write on every request; a minute's precision is enough. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The secret is 256 random bits, so one unsalted SHA-256 is enough to make a stolen hash useless
 * (a slow password hash would only slow every integration call down).
 */
const secretHashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

const withoutHash = ({ secretHash: _, ...token }: ApiTokenRecord): ApiToken => token;

/** API tokens for integrations: each carries its own roles, groups and scope, and can be revoked. */
export class ApiTokens {
  private readonly tokens;
  private readonly indexed: Promise<unknown>;

  constructor(connection: Connection) {
    this.tokens = userRecords(connection).ApiToken;
    this.indexed = this.tokens.init();
    // Handled here so a process that never writes (or closes early) has no unhandled rejection;
    // writes await it and see the error.
    this.indexed.catch(() => undefined);
  }

  /** Issues a token; the secret is in this answer only. */
  async issue(
    request: CreateApiTokenRequest,
    createdBy: string,
  ): Promise<{ token: ApiToken; secret: string }> {
    await this.indexed;
    const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record: ApiTokenRecord = {
      _id: `t-${randomUUID()}`,
      name: request.name,
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      secretHash: secretHashOf(secret),
      ...(request.userId && { userId: request.userId }),
      roles: request.roles,
      groups: request.groups,
      scope: request.scope,
      createdAt: new Date(),
      createdBy,
    };
    await this.tokens.create(record);
    return { token: withoutHash(record), secret };
  }

  /** Stores a token whose secret was made elsewhere (the demo's, by `npm start`), once per id. */
  async seed(
    secret: string,
    token: { tokenId: string; name: string; userId: string; roles: ApiToken['roles'] },
  ): Promise<void> {
    await this.indexed;
    if (await this.tokens.exists({ _id: token.tokenId })) return;
    try {
      await this.tokens.create({
        _id: token.tokenId,
        name: token.name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        secretHash: secretHashOf(secret),
        userId: token.userId,
        roles: token.roles,
        groups: [],
        scope: {},
        createdAt: new Date(),
        createdBy: 'demo-seed',
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async list(): Promise<ApiToken[]> {
    const records = await this.tokens.find().sort({ createdAt: -1 }).lean();
    return records.map(withoutHash);
  }

  /** Revoking twice keeps the first revocation's time and author. */
  async revoke(tokenId: string, revokedBy: string): Promise<ApiToken> {
    const record = await this.tokens.findById(tokenId).lean();
    if (!record) throw new ApiTokenNotFound();
    if (record.revokedAt) return withoutHash(record);
    const revoked = { ...record, revokedAt: new Date(), revokedBy };
    await this.tokens.updateOne(
      { _id: tokenId },
      { $set: { revokedAt: revoked.revokedAt, revokedBy } },
    );
    return withoutHash(revoked);
  }

  /** The live token this secret belongs to, or undefined for an unknown or revoked one. */
  async resolve(secret: string): Promise<ApiToken | undefined> {
    if (!secret.startsWith(SECRET_PREFIX)) return undefined;
    const record = await this.tokens.findOne({ secretHash: secretHashOf(secret) }).lean();
    if (!record || record.revokedAt) return undefined;
    await this.markUsed(record);
    return withoutHash(record);
  }

  private async markUsed(record: ApiTokenRecord): Promise<void> {
    const now = new Date();
    if (record.lastUsedAt && now.getTime() - record.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) {
      return;
    }
    await this.tokens.updateOne({ _id: record._id }, { $set: { lastUsedAt: now } });
  }
}
