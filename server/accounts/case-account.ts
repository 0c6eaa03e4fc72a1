import type { Connection } from 'mongoose';
import { ApiError } from '../http/api-errors.ts';
import { AccountDirectory } from './account-directory.ts';

/**
 * A case may name its account only if an admin configured it and it sells in the case's
 * marketplace (a scope code such as `DE`, or Amazon's marketplace id): the worker would
 * otherwise fail the case's first Amazon step, long after the requester was told "started".
 */
export async function checkCaseAccount(
  database: Connection,
  account: string,
  marketplace: string | undefined,
): Promise<void> {
  const configured = await new AccountDirectory(database).find(account);
  if (!configured) {
    throw invalidAccount(`No marketplace account "${account}" is configured.`);
  }
  const sells = configured.marketplaces.some(
    (m) => m.code === marketplace || m.marketplaceId === marketplace,
  );
  if (!sells) {
    const codes = configured.marketplaces.map((m) => m.code).join(', ');
    throw invalidAccount(
      `Account "${account}" does not sell in marketplace ${marketplace ?? '(none named)'}; it sells in ${codes}.`,
    );
  }
}

const invalidAccount = (message: string) =>
  new ApiError(400, 'invalid_account', message, [{ field: 'account', code: 'case.account' }]);
