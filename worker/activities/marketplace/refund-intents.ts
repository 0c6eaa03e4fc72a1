import { trusted } from 'mongoose';
import type { RefundIntentModel, RefundIntentRecord, RefundState } from './refund-intent-record.ts';

/** States in which a refund may have moved money, so it counts against what is refundable. */
export const MONEY_STATES: RefundState[] = ['submitting', 'submitted', 'done', 'needs-review'];

export type NewRefundIntent = Omit<RefundIntentRecord, 'state' | 'history' | 'updatedAt'>;

interface Changes {
  set?: Partial<RefundIntentRecord>;
  unset?: (keyof RefundIntentRecord)[];
}

/**
 * Every write is a single-document conditional update on the intent's current state, so two
 * attempts racing (a retry and a zombie) can never both take the same step.
 */
export class RefundIntents {
  constructor(private readonly model: RefundIntentModel) {}

  find(refundId: string): Promise<RefundIntentRecord | null> {
    return this.model.findById(refundId).lean<RefundIntentRecord>().exec();
  }

  async get(refundId: string): Promise<RefundIntentRecord> {
    const intent = await this.find(refundId);
    if (!intent) throw new Error(`Refund ${refundId} disappeared`);
    return intent;
  }

  /** Creates the intent unless it exists; either way returns what is stored. */
  async createIfAbsent(intent: NewRefundIntent): Promise<RefundIntentRecord> {
    const now = new Date();
    await this.model.updateOne(
      { _id: intent._id },
      {
        $setOnInsert: {
          ...intent,
          state: 'prepared',
          updatedAt: now,
          history: [{ at: now, state: 'prepared', note: 'refund prepared' }],
        },
      },
      { upsert: true },
    );
    return this.get(intent._id);
  }

  async move(
    refundId: string,
    from: RefundState,
    to: RefundState,
    note: string,
    changes: Changes = {},
  ): Promise<boolean> {
    const at = new Date();
    const result = await this.model.updateOne(
      { _id: refundId, state: from },
      {
        $set: { ...changes.set, state: to, updatedAt: at },
        $push: { history: { at, state: to, note } },
        ...(changes.unset ? { $unset: Object.fromEntries(changes.unset.map((f) => [f, 1])) } : {}),
      },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Records Amazon's feed id. Deliberately not tied to "submitting": if a late createFeed
   * answer arrives after someone reverted the intent, the feed must still be recorded.
   */
  async recordFeed(refundId: string, feedId: string, note: string): Promise<boolean> {
    const at = new Date();
    const result = await this.model.updateOne(
      {
        _id: refundId,
        feedId: trusted({ $exists: false }),
        state: trusted({ $in: ['prepared', 'submitting', 'needs-review'] }),
      },
      {
        $set: { feedId, state: 'submitted', updatedAt: at },
        $push: { history: { at, state: 'submitted', note } },
      },
    );
    return result.modifiedCount === 1;
  }

  /** Other refunds on the order that may have moved money. */
  async othersOnOrder(orderId: string, refundId: string): Promise<RefundIntentRecord[]> {
    const found = await this.model
      .find({ orderId, state: trusted({ $in: MONEY_STATES }) })
      .lean<RefundIntentRecord[]>();
    return found.filter((intent) => intent._id !== refundId);
  }

  /** Which of these feeds another refund already owns (as its feed or as a review candidate). */
  async claimedFeedIds(feedIds: string[], refundId: string): Promise<Set<string>> {
    if (feedIds.length === 0) return new Set();
    const [owners, candidates] = await Promise.all([
      this.model.find({ feedId: trusted({ $in: feedIds }) }).lean<RefundIntentRecord[]>(),
      this.model.find({ candidateFeedIds: trusted({ $in: feedIds }) }).lean<RefundIntentRecord[]>(),
    ]);
    const claimed = new Set<string>();
    for (const intent of [...owners, ...candidates]) {
      if (intent._id === refundId) continue;
      for (const id of [intent.feedId, ...(intent.candidateFeedIds ?? [])]) {
        if (id && feedIds.includes(id)) claimed.add(id);
      }
    }
    return claimed;
  }
}
