import type { ApiToken } from '../users/api-tokens.ts';
import type { User } from '../users/user-directory.ts';
import type { AccessScope } from './identity.ts';

const DIMENSIONS = ['brands', 'marketplaces', 'stores'] as const;

/**
 * A token acting for a user never outranks that user as they are now: it keeps only the roles
 * and groups the user still holds, and only the part of its scope the user's scope covers. So
 * demoting a user, or narrowing their scope, takes the same from their tokens at once.
 */
export function withinOwner(token: ApiToken, owner: User) {
  return {
    roles: token.roles.filter((role) => owner.roles.includes(role)),
    groups: token.groups.filter((group) => owner.groups.includes(group)),
    scope: narrowestScope(token.scope, owner.scope),
  };
}

/** Per dimension: an absent list allows everything, so the other list (if any) decides. */
export function narrowestScope(a: AccessScope = {}, b: AccessScope = {}): AccessScope {
  const scope: AccessScope = {};
  for (const dimension of DIMENSIONS) {
    const [left, right] = [a[dimension], b[dimension]];
    if (left && right) scope[dimension] = left.filter((value) => right.includes(value));
    else if (left || right) scope[dimension] = left ?? right;
  }
  return scope;
}
