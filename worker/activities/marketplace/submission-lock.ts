import { type Connection, Schema, trusted } from 'mongoose';
import { isDuplicateKey } from '#platform/database';

interface SubmissionLockRecord {
  _id: string;
  holder?: string;
  since?: Date;
}

const submissionLockSchema = new Schema<SubmissionLockRecord>(
  { _id: { type: String, required: true }, holder: String, since: Date },
  { collection: 'marketplace_refund_submissions', versionKey: false },
);

export type LockAttempt = { acquired: true } | { acquired: false; holder: string; since?: Date };

/**
 * One createFeed in flight per seller account and marketplace. Amazon cannot tell us which
 * feed carried which refund, so when an answer is lost the only attributable feed is one
 * created while we alone were submitting. (Amazon allows ~1 createFeed per 2 minutes anyway.)
 */
export class SubmissionLocks {
  private readonly model;

  constructor(connection: Connection) {
    this.model = connection.model<SubmissionLockRecord>(
      'MarketplaceRefundSubmission',
      submissionLockSchema,
      undefined,
      { overwriteModels: true },
    );
  }

  async tryAcquire(account: string, holder: string): Promise<LockAttempt> {
    try {
      await this.model.updateOne(
        { _id: account, holder: trusted({ $exists: false }) },
        { $set: { holder, since: new Date() } },
        { upsert: true },
      );
    } catch (error) {
      // The lock document exists and someone holds it (possibly us, from an earlier attempt).
      if (!isDuplicateKey(error)) throw error;
    }
    const lock = await this.model.findById(account).lean<SubmissionLockRecord>();
    if (lock?.holder === holder) return { acquired: true };
    return {
      acquired: false,
      holder: lock?.holder ?? '',
      ...(lock?.since ? { since: lock.since } : {}),
    };
  }

  async release(account: string, holder: string): Promise<void> {
    await this.model.updateOne({ _id: account, holder }, { $unset: { holder: 1, since: 1 } });
  }
}
