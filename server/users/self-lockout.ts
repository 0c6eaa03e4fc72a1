import type { UpdateUserRequest } from '#api-contract/users';
import type { ApiIdentity } from '../auth/identity.ts';

export class SelfLockoutRefused extends Error {
  override name = 'SelfLockoutRefused';
}

/** An admin may not disable themselves or drop their own admin role: someone must stay in charge. */
export function refuseSelfLockout(
  caller: ApiIdentity,
  userId: string,
  change: UpdateUserRequest,
): void {
  if (caller.userId !== userId) return;
  if (change.disabled) throw new SelfLockoutRefused('You cannot disable your own account.');
  if (change.roles && !change.roles.includes('admin')) {
    throw new SelfLockoutRefused('You cannot remove your own admin role.');
  }
}
