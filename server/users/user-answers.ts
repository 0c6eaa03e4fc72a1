import type { ApiTokenAnswer, UserAnswer } from '#api-contract/users';
import type { ApiToken } from './api-tokens.ts';
import type { User } from './user-directory.ts';

export const toUserAnswer = (user: User): UserAnswer => ({
  userId: user._id,
  username: user.username,
  displayName: user.displayName,
  roles: user.roles,
  groups: user.groups ?? [],
  scope: user.scope ?? {},
  disabled: user.disabled,
  ...(user.language && { language: user.language }),
  createdAt: user.createdAt.toISOString(),
  updatedAt: user.updatedAt.toISOString(),
});

export const toApiTokenAnswer = (token: ApiToken): ApiTokenAnswer => ({
  tokenId: token._id,
  name: token.name,
  prefix: token.prefix,
  ...(token.userId && { userId: token.userId }),
  roles: token.roles,
  groups: token.groups ?? [],
  scope: token.scope ?? {},
  createdAt: token.createdAt.toISOString(),
  createdBy: token.createdBy,
  ...(token.lastUsedAt && { lastUsedAt: token.lastUsedAt.toISOString() }),
  ...(token.revokedAt && { revokedAt: token.revokedAt.toISOString() }),
});
