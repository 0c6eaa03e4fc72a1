import { ApiError } from '../http/api-errors.ts';
import { type ApiIdentity, isPerson } from './identity.ts';

/**
 * Some acts count people: deciding an approval (four eyes), confirming another admin's change.
 * A token with no user behind it, or the bootstrap admin token, would let one person count twice.
 */
export function requirePerson(caller: ApiIdentity, act: string): void {
  if (isPerson(caller)) return;
  throw new ApiError(
    403,
    'person_required',
    `Only a person may ${act}: sign in, or use a token that acts for your user.`,
  );
}
