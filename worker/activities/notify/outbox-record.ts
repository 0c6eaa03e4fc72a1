import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';

export type OutboxChannel = 'email' | 'webhook';
/**
 * pending: recorded, not tried yet; sent: accepted by the SMTP server / answered 2xx;
 * failed: last try failed, Temporal may retry; rejected: refused for good (5xx SMTP, 4xx HTTP);
 * stored: no transport configured (the embedded default), kept here for the UI only.
 */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'rejected' | 'stored';

export interface OutboxEmail {
  from: string;
  to: string[];
  cc?: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
}

export interface OutboxWebhook {
  url: string;
  event: string;
  /** The exact bytes signed and sent, so every retry sends the same body. */
  body: string;
}

/** Every message a flow sends, sent or not; `_id` is the message id, so a retry finds it. */
export interface OutboxRecord {
  _id: string;
  channel: OutboxChannel;
  status: OutboxStatus;
  email?: OutboxEmail;
  webhook?: OutboxWebhook;
  attempts: number;
  lastError?: string;
  result?: {
    smtpMessageId?: string;
    accepted?: string[];
    /** Recipients the SMTP server refused while taking the message for the others. */
    rejected?: string[];
    responseStatus?: number;
  };
  createdAt: Date;
  updatedAt: Date;
  sentAt?: Date;
}

const outboxSchema = new Schema<OutboxRecord>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true, index: true },
    status: { type: String, required: true, index: true },
    email: {
      type: {
        _id: false,
        from: String,
        to: [String],
        cc: { type: [String], default: undefined },
        replyTo: String,
        subject: String,
        text: String,
        html: String,
      },
      default: undefined,
    },
    webhook: { type: { _id: false, url: String, event: String, body: String }, default: undefined },
    attempts: { type: Number, required: true },
    lastError: String,
    result: Schema.Types.Mixed,
    createdAt: { type: Date, required: true, index: true },
    updatedAt: { type: Date, required: true },
    sentAt: Date,
  },
  { collection: 'outbox', versionKey: false },
);

export function outboxModel(connection: Connection) {
  return recordModel<OutboxRecord>(connection, 'OutboxMessage', outboxSchema);
}
