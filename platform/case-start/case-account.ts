import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../database.ts';

// Written by whoever starts a case (the API, the worker's intake), read by the worker's
// marketplace activities: a plain collection by the driver, no model on either side.
const COLLECTION = 'case_accounts';

/** The account a case named when it started: every marketplace step of its run goes through it. */
export interface CaseAccount {
  /** The case id. */
  _id: string;
  /** Absent: the case named none, and its marketplace (or the default account) decides. */
  account?: string;
  boundAt: Date;
}

export class CaseAccountConflict extends Error {
  override name = 'CaseAccountConflict';
}

/**
 * Which account each case goes through. Bound before the run starts, so its first step finds
 * it; bound once (a unique `_id` insert, the one write two racers cannot both win on FerretDB),
 * so a running case never changes account.
 */
export class CaseAccounts {
  constructor(private readonly connection: Connection) {}

  /** Also a case naming no account is bound, so that naming one on a second submission conflicts. */
  async bind(caseId: string, account: string | undefined): Promise<void> {
    try {
      await this.collection().insertOne({
        _id: String(caseId),
        ...(account && { account: String(account) }),
        boundAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const bound = await this.of(caseId);
      if (bound?.account !== account) {
        throw new CaseAccountConflict(
          `Case ${caseId} was started with ${named(bound?.account)}, not ${named(account)}: ` +
            'a case id names one case; use a new case id.',
        );
      }
    }
  }

  /** The account the case named; undefined for a case that named none. */
  async of(caseId: string): Promise<CaseAccount | undefined> {
    return (await this.collection().findOne({ _id: String(caseId) })) ?? undefined;
  }

  private collection() {
    return this.connection.collection<CaseAccount>(COLLECTION);
  }
}

const named = (account: string | undefined) => (account ? `account "${account}"` : 'no account');
