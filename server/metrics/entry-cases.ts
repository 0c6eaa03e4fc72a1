import { type Connection, trusted } from 'mongoose';
import type { CaseScope } from '#platform/case-start/flow-selection';
import { caseModel } from '#platform/cases/case-record';
import type { PostedEntry } from '../../worker/activities/finance/ledger.ts';
import { sellerAccountModel } from '../../worker/activities/marketplace/seller-accounts.ts';
import type { AccessScope } from '../auth/identity.ts';
import { scopeCovers } from '../cases/case-scope.ts';

/** The case a ledger entry books money for: its scope, and the account it went through. */
export interface EntryCase extends CaseScope {
  account?: string;
  /** Amazon's id of the case's marketplace, as refund entries name it. */
  marketplaceId?: string;
}

/**
 * The cases of the entries, by case id, read in one query: a group view spans many cases, and
 * one scan answers them all where one read per case would not.
 */
export async function entryCases(
  database: Connection,
  entries: PostedEntry[],
): Promise<Map<string, EntryCase>> {
  const caseIds = [...new Set(entries.map((entry) => entry.reference?.caseId))].filter(
    (id): id is string => typeof id === 'string',
  );
  if (caseIds.length === 0) return new Map();
  const [records, accounts] = await Promise.all([
    caseModel(database)
      .find({ _id: trusted({ $in: caseIds }) }, { brand: 1, marketplace: 1, store: 1, account: 1 })
      .lean(),
    sellerAccountModel(database).find({}, { marketplaces: 1 }).lean(),
  ]);
  const marketplaceIds = new Map(
    accounts.flatMap((account) =>
      account.marketplaces.map((m) => [`${account._id}/${m.code}`, m.marketplaceId] as const),
    ),
  );
  return new Map(
    records.map((record) => {
      const { _id, brand, marketplace, store, account } = record;
      const marketplaceId = marketplaceIds.get(`${account}/${marketplace}`);
      return [_id, { brand, marketplace, store, account, marketplaceId }] as const;
    }),
  );
}

/** An entry without a case (or with a case out of scope) is outside every limited scope. */
export const inScope = (scope: AccessScope, known: EntryCase | undefined): boolean =>
  known !== undefined && scopeCovers(scope, known);
