import { type Connection, Schema } from 'mongoose';
import { isDuplicateKey, recordModel } from '#platform/database';

/**
 * The lock's history per account: `${account}#${generation}` is taken by its holder,
 * `${account}#${generation}/released` lets it go, `${account}#latest` remembers how far the
 * generations have come. Every write that decides who holds the lock is a unique insert.
 */
interface SubmissionLockRecord {
  _id: string;
  account: string;
  generation: number;
  holder?: string;
  since?: Date;
  at?: Date;
}

const submissionLockSchema = new Schema<SubmissionLockRecord>(
  {
    _id: { type: String, required: true },
    account: { type: String, required: true },
    generation: { type: Number, required: true },
    holder: String,
    since: Date,
    at: Date,
  },
  { collection: 'marketplace_submission_locks', versionKey: false },
);

export type LockAttempt = { acquired: true } | { acquired: false; holder: string; since?: Date };

interface Generation {
  generation: number;
  holder: string;
  since?: Date;
  released: boolean;
}

const takeId = (account: string, generation: number) => `${account}#${generation}`;
const releaseId = (account: string, generation: number) => `${account}#${generation}/released`;
const latestId = (account: string) => `${account}#latest`;

/**
 * One createFeed in flight per seller account and marketplace. Amazon cannot tell us which
 * feed carried which refund, so when an answer is lost the only attributable feed is one
 * created while we alone were submitting. (Amazon allows ~1 createFeed per 2 minutes anyway.)
 *
 * Taking the lock inserts the next generation; of forty takers one insert wins, on FerretDB
 * (where a conditional update is not atomic) as on MongoDB. Releasing inserts a marker for the
 * holder's own generation, so a holder that was taken over cannot free its successor's lock.
 */
export class SubmissionLocks {
  private readonly model;

  constructor(connection: Connection) {
    this.model = recordModel<SubmissionLockRecord>(
      connection,
      'MarketplaceSubmissionLock',
      submissionLockSchema,
    );
  }

  async tryAcquire(account: string, holder: string): Promise<LockAttempt> {
    const current = await this.current(account);
    if (current && !current.released) return attemptFor(current, holder);
    const generation = (current?.generation ?? 0) + 1;
    try {
      await this.model.create({
        _id: takeId(account, generation),
        account,
        generation,
        holder,
        since: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await this.current(account);
      return winner ? attemptFor(winner, holder) : { acquired: false, holder: '' };
    }
    await this.remember(account, generation);
    return { acquired: true };
  }

  /** Lets go of the lock if `holder` holds it now; an earlier generation's holder changes nothing. */
  async release(account: string, holder: string): Promise<void> {
    const current = await this.current(account);
    if (!current || current.released || current.holder !== holder) return;
    try {
      await this.model.create({
        _id: releaseId(account, current.generation),
        account,
        generation: current.generation,
        at: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** The newest generation, found by reading forward from the remembered one by `_id`. */
  private async current(account: string): Promise<Generation | undefined> {
    const latest = await this.model.findById(latestId(account)).lean();
    let generation = latest?.generation ?? 0;
    let take =
      generation > 0 ? await this.model.findById(takeId(account, generation)).lean() : null;
    for (;;) {
      const newer = await this.model.findById(takeId(account, generation + 1)).lean();
      if (!newer) break;
      generation += 1;
      take = newer;
    }
    if (!take) return undefined;
    const released = await this.model.findById(releaseId(account, generation)).lean();
    return {
      generation,
      holder: take.holder ?? '',
      ...(take.since ? { since: take.since } : {}),
      released: released !== null,
    };
  }

  /**
   * A hint that saves reading every past generation. Only the winner of a generation writes
   * it, and a stale value only makes the next reader walk a few generations further.
   */
  private async remember(account: string, generation: number): Promise<void> {
    try {
      await this.model.updateOne(
        { _id: latestId(account) },
        { $set: { account, generation } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

function attemptFor(current: Generation, holder: string): LockAttempt {
  if (current.holder === holder) return { acquired: true };
  return {
    acquired: false,
    holder: current.holder,
    ...(current.since ? { since: current.since } : {}),
  };
}
