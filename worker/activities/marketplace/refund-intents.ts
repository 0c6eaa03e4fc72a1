import type { Connection } from 'mongoose';
import { trusted } from 'mongoose';
import { DEFAULT_ACCOUNT_ID } from '#api-contract/accounts';
import { isDuplicateKey } from '#platform/database';
import {
  type FeedOwnerModel,
  feedOwnerModel,
  type RefundIntentChanges,
  type RefundIntentModel,
  type RefundIntentRecord,
  type RefundState,
  type RefundTransitionModel,
  type RefundTransitionRecord,
  refundIntentModel,
  refundTransitionModel,
} from './refund-intent-record.ts';

/**
 * Feed ids are Amazon's per seller account and region: two accounts may be handed the same id.
 * A configured account's claims are kept apart by its key; the default account keeps the bare
 * feed id, as every claim was before accounts existed.
 */
const feedOwnerId = (intent: RefundIntentRecord, feedId: string) =>
  intent.accountId && intent.accountId !== DEFAULT_ACCOUNT_ID
    ? `${intent.account}/${feedId}`
    : feedId;

const sameAccount = (a: RefundIntentRecord, b: RefundIntentRecord) =>
  a.account === b.account &&
  (a.accountId ?? DEFAULT_ACCOUNT_ID) === (b.accountId ?? DEFAULT_ACCOUNT_ID);

/** States in which a refund may have moved money, so it counts against what is refundable. */
export const MONEY_STATES: RefundState[] = ['submitting', 'submitted', 'done', 'needs-review'];

/** States from which a feed Amazon accepted may still be recorded as this refund's. */
const FEED_RECORDABLE: RefundState[] = ['prepared', 'submitting', 'needs-review'];

export type NewRefundIntent = Omit<RefundIntentRecord, 'state' | 'history' | 'updatedAt'>;

interface Changes {
  set?: RefundIntentChanges;
  unset?: (keyof RefundIntentChanges)[];
}

/**
 * A refund's state lives in its transition log: each step is a unique insert under
 * `${refundId}@${version}`, so two attempts racing (a retry and a zombie) can never both take
 * the same step, even where a conditional update is not atomic (FerretDB v1). The intent
 * document is a projection, brought up to date from the log whenever it is read.
 */
export class RefundIntents {
  private readonly intents: RefundIntentModel;
  private readonly transitions: RefundTransitionModel;
  private readonly feedOwners: FeedOwnerModel;

  constructor(connection: Connection) {
    this.intents = refundIntentModel(connection);
    this.transitions = refundTransitionModel(connection);
    this.feedOwners = feedOwnerModel(connection);
  }

  async find(refundId: string): Promise<RefundIntentRecord | null> {
    const stored = await this.intents.findById(refundId).lean<RefundIntentRecord>().exec();
    return stored && this.caughtUp(stored);
  }

  async get(refundId: string): Promise<RefundIntentRecord> {
    const intent = await this.find(refundId);
    if (!intent) throw new Error(`Refund ${refundId} disappeared`);
    return intent;
  }

  /** Creates the intent unless it exists; either way returns what is stored. */
  async createIfAbsent(intent: NewRefundIntent): Promise<RefundIntentRecord> {
    const now = new Date();
    try {
      await this.intents.create({
        ...intent,
        state: 'prepared',
        updatedAt: now,
        version: 0,
        history: [{ at: now, state: 'prepared', note: 'refund prepared' }],
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return this.get(intent._id);
  }

  /** Takes the step `from → to` unless the refund is elsewhere or another writer took it. */
  async move(
    refundId: string,
    from: RefundState,
    to: RefundState,
    note: string,
    changes: Changes = {},
  ): Promise<boolean> {
    const intent = await this.get(refundId);
    if (intent.state !== from) return false;
    return this.claimStep(intent, to, note, changes);
  }

  /**
   * Records Amazon's feed id. Deliberately not tied to "submitting": if a late createFeed
   * answer arrives after someone reverted the intent, the feed must still be recorded. A feed
   * has one owner: the first refund to claim its id.
   */
  async recordFeed(refundId: string, feedId: string, note: string): Promise<boolean> {
    if (!(await this.claimFeed(feedOwnerId(await this.get(refundId), feedId), refundId))) {
      return false;
    }
    for (;;) {
      const intent = await this.get(refundId);
      if (intent.feedId) return intent.feedId === feedId;
      if (!FEED_RECORDABLE.includes(intent.state)) return false;
      if (await this.claimStep(intent, 'submitted', note, { set: { feedId } })) return true;
    }
  }

  /** Refunds in these states, up to date. Reads every intent on FerretDB: for sweeps, not hot paths. */
  async inStates(states: RefundState[]): Promise<RefundIntentRecord[]> {
    // Filter after catching up too: a projection may lag behind its log.
    const stored = await this.intents
      .find({ state: trusted({ $in: states }) })
      .lean<RefundIntentRecord[]>();
    const current = await Promise.all(stored.map((intent) => this.caughtUp(intent)));
    return current.filter((intent) => states.includes(intent.state));
  }

  /** Other refunds on the order that may have moved money. */
  async othersOnOrder(orderId: string, refundId: string): Promise<RefundIntentRecord[]> {
    // Read every state: a projection may lag behind its log, so filter after catching up.
    const stored = await this.intents.find({ orderId }).lean<RefundIntentRecord[]>();
    const current = await Promise.all(
      stored.filter((intent) => intent._id !== refundId).map((intent) => this.caughtUp(intent)),
    );
    return current.filter((intent) => MONEY_STATES.includes(intent.state));
  }

  /** Which of these feeds another refund already owns (as its feed or as a review candidate). */
  async claimedFeedIds(feedIds: string[], refundId: string): Promise<Set<string>> {
    if (feedIds.length === 0) return new Set();
    const self = await this.get(refundId);
    const [owners, candidates] = await Promise.all([
      Promise.all(
        feedIds.map(async (feedId) => ({
          feedId,
          owner: await this.feedOwners.findById(feedOwnerId(self, feedId)).lean(),
        })),
      ),
      this.intents
        .find({ candidateFeedIds: trusted({ $in: feedIds }) })
        .lean<RefundIntentRecord[]>(),
    ]);
    const claimed = new Set<string>();
    for (const { feedId, owner } of owners) {
      if (owner && owner.refundId !== refundId) claimed.add(feedId);
    }
    for (const intent of candidates) {
      if (intent._id === refundId || !sameAccount(intent, self)) continue;
      for (const id of intent.candidateFeedIds ?? []) if (feedIds.includes(id)) claimed.add(id);
    }
    return claimed;
  }

  private async claimFeed(ownerId: string, refundId: string): Promise<boolean> {
    try {
      await this.feedOwners.create({ _id: ownerId, refundId, at: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const owner = await this.feedOwners.findById(ownerId).lean();
    return owner?.refundId === refundId;
  }

  /** Inserts the next transition; false when another writer took this version first. */
  private async claimStep(
    intent: RefundIntentRecord,
    to: RefundState,
    note: string,
    changes: Changes,
  ): Promise<boolean> {
    const version = versionOf(intent) + 1;
    try {
      await this.transitions.create({
        _id: transitionId(intent._id, version),
        refundId: intent._id,
        version,
        from: intent.state,
        to,
        note,
        at: new Date(),
        ...(changes.set ? { set: changes.set } : {}),
        ...(changes.unset ? { unset: changes.unset } : {}),
      });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.caughtUp(intent);
    return true;
  }

  /**
   * Applies the transitions the projection has not seen yet and saves it. Every writer
   * derives the same document from the same log, so a plain `$set` by `_id` is safe; a stale
   * save only makes the next reader replay a step again.
   */
  private async caughtUp(stored: RefundIntentRecord): Promise<RefundIntentRecord> {
    let intent = stored;
    for (;;) {
      const next = await this.transitions
        .findById(transitionId(intent._id, versionOf(intent) + 1))
        .lean<RefundTransitionRecord>();
      if (!next) break;
      intent = applied(intent, next);
    }
    if (intent === stored) return intent;
    const { _id, ...projection } = intent;
    const cleared = STEP_FIELDS.filter((field) => field in stored && !(field in intent));
    const unset = Object.fromEntries(cleared.map((field) => [field, 1]));
    // Not a guard: the transition log decided; this copies it (see the doc comment above).
    await this.intents.updateOne(
      { _id },
      { $set: projection, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
    );
    return intent;
  }
}

const STEP_FIELDS: (keyof RefundIntentChanges)[] = [
  'feedDocumentId',
  'submittingAt',
  'feedId',
  'candidateFeedIds',
  'outcome',
  'resolution',
];

const transitionId = (refundId: string, version: number) => `${refundId}@${version}`;

/** Documents written before the log existed count their history's steps. */
const versionOf = (intent: RefundIntentRecord) => intent.version ?? intent.history.length - 1;

function applied(intent: RefundIntentRecord, step: RefundTransitionRecord): RefundIntentRecord {
  const next: RefundIntentRecord = {
    ...intent,
    ...step.set,
    state: step.to,
    updatedAt: step.at,
    version: step.version,
    history: [...intent.history, { at: step.at, state: step.to, note: step.note }],
  };
  for (const field of step.unset ?? []) delete next[field];
  return next;
}
