import type { Connection } from 'mongoose';
import { isDuplicateKey } from '#platform/database';
import {
  type OutboxEmail,
  type OutboxRecord,
  type OutboxStatus,
  type OutboxWebhook,
  outboxModel,
} from './outbox-record.ts';

export type NewMessage =
  | { _id: string; channel: 'email'; email: OutboxEmail }
  | { _id: string; channel: 'webhook'; webhook: OutboxWebhook };

export interface AttemptOutcome {
  status: Exclude<OutboxStatus, 'pending'>;
  error?: string;
  result?: OutboxRecord['result'];
}

/** Thrown when a message id comes back with different content: a key reused by mistake. */
export class OutboxConflictError extends Error {
  override name = 'OutboxConflictError';
}

export function outbox(connection: Connection) {
  const Outbox = outboxModel(connection);

  return {
    /** Records the message, or returns the one recorded under its id by an earlier attempt. */
    async open(message: NewMessage, sameMessage: (a: OutboxRecord) => boolean) {
      const now = new Date();
      try {
        const created = await Outbox.create({
          ...message,
          status: 'pending',
          attempts: 0,
          createdAt: now,
          updatedAt: now,
        });
        return created.toObject();
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const first = await Outbox.findById(message._id).lean();
      if (!first) throw new Error(`outbox message ${message._id} vanished`);
      if (!sameMessage(first)) {
        throw new OutboxConflictError(`message id ${message._id} was used for another message`);
      }
      return first;
    },

    /** A plain $set: the last attempt's outcome is the message's status. */
    async record(messageId: string, outcome: AttemptOutcome): Promise<void> {
      const now = new Date();
      const tried = outcome.status !== 'stored';
      await Outbox.updateOne(
        { _id: messageId },
        {
          $set: {
            status: outcome.status,
            updatedAt: now,
            ...(outcome.error !== undefined && { lastError: outcome.error }),
            ...(outcome.result && { result: outcome.result }),
            ...(outcome.status === 'sent' && { sentAt: now }),
          },
          ...(tried && { $inc: { attempts: 1 } }),
        },
      );
    },

    find: (messageId: string) => Outbox.findById(messageId).lean(),
  };
}

export type Outbox = ReturnType<typeof outbox>;

/** Already done, one way or the other: a retry must not send it again. */
export const isSettled = (record: OutboxRecord) =>
  record.status === 'sent' || record.status === 'stored';
