import type { Request } from 'express';
import type { ApiToken, ApiTokens } from '../users/api-tokens.ts';
import type { User, UserDirectory } from '../users/user-directory.ts';
import { bearerToken, bootstrapTokenAuthenticator } from './bootstrap-tokens.ts';
import type { ApiIdentity, Authenticate } from './identity.ts';
import { withinOwner } from './token-ceiling.ts';

export interface AuthenticatorOptions {
  users: UserDirectory;
  apiTokens: ApiTokens;
  /** Tokens from the environment (the bootstrap admin), checked before the stored API tokens. */
  bootstrapTokens?: Record<string, ApiIdentity>;
}

/**
 * A bearer token names an integration (or the bootstrap admin); without one, the session cookie
 * names a user. The user is read on every request, so a role change, a disabled account or a
 * password reset takes effect on the next call, not at the next sign-in; a token acting for a
 * user is read the same way and never holds more than that user does now.
 */
export function createAuthenticator({
  users,
  apiTokens,
  bootstrapTokens = {},
}: AuthenticatorOptions): Authenticate {
  const bootstrap = bootstrapTokenAuthenticator(bootstrapTokens);
  return async (request) => {
    const secret = bearerToken(request);
    if (secret) {
      const admin = await bootstrap(request);
      if (admin) return { ...admin, agent: 'bootstrap' };
      return tokenIdentity(users, apiTokens, secret);
    }
    return sessionIdentity(users, request);
  };
}

async function tokenIdentity(
  users: UserDirectory,
  apiTokens: ApiTokens,
  secret: string,
): Promise<ApiIdentity | undefined> {
  const token = await apiTokens.resolve(secret);
  if (!token) return undefined;
  if (!token.userId) {
    return { ...identityOfToken(token, `token:${token._id}`), agent: 'integration' };
  }
  const owner = await users.find(token.userId);
  if (!owner || owner.disabled) return undefined;
  return { ...identityOfToken(token, owner._id), ...withinOwner(token, owner) };
}

async function sessionIdentity(
  users: UserDirectory,
  request: Request,
): Promise<ApiIdentity | undefined> {
  const { userId, signedInAt } = request.session ?? {};
  if (!userId || signedInAt === undefined) return undefined;
  const user = await users.find(userId);
  if (!user || user.disabled || user.passwordChangedAt.getTime() > signedInAt) return undefined;
  return identityOfUser(user);
}

export const identityOfUser = (user: User): ApiIdentity => ({
  userId: user._id,
  name: user.displayName,
  roles: user.roles,
  groups: user.groups,
  scope: user.scope,
  via: 'session',
});

const identityOfToken = (token: ApiToken, userId: string): ApiIdentity => ({
  userId,
  name: token.name,
  roles: token.roles,
  groups: token.groups,
  scope: token.scope,
  via: 'token',
});
