import { type Connection, Schema } from 'mongoose';
import { isDuplicateKey, recordModel } from '#platform/database';

/** An Amazon notification as received, kept once by its NotificationId. */
export interface NotificationRecord {
  _id: string;
  type: string;
  eventTime: Date;
  sellerId?: string;
  orderId?: string;
  /** ORDER_CHANGE: the order's new status; FBA_OUTBOUND_SHIPMENT_STATUS: the shipment's. */
  status?: string;
  /** The payload as JSON text: Amazon's keys never become stored field names. */
  payloadJson: string;
  receivedAt: Date;
}

const schema = new Schema<NotificationRecord>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    eventTime: { type: Date, required: true },
    sellerId: String,
    orderId: String,
    status: String,
    payloadJson: { type: String, required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'marketplace_notifications', versionKey: false },
);

export function notificationModel(connection: Connection) {
  return recordModel<NotificationRecord>(connection, 'MarketplaceNotification', schema);
}

/** Keeps a notification once: Amazon (and SQS) may deliver the same one again. */
export async function keepNotification(
  connection: Connection,
  record: Omit<NotificationRecord, 'receivedAt'>,
): Promise<'kept' | 'known'> {
  try {
    await notificationModel(connection).create({ ...record, receivedAt: new Date() });
    return 'kept';
  } catch (error) {
    if (isDuplicateKey(error)) return 'known';
    throw error;
  }
}
