import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { AmazonNotification } from '#flow-language';
import type { CaseSubmission } from '#platform/case-start/start-case';
import {
  currentAccounts,
  type IntakeAccount,
  type IntakeAccountSource,
  intakeCaseFields,
} from './intake-account.ts';
import type { IntakeCaseStarter } from './intake-case-start.ts';
import type { IntakeRecords } from './intake-records.ts';
import type { NotificationQueue, QueueMessage } from './notification-queue.ts';
import { keepNotification, type NotificationRecord } from './notification-records.ts';
import { OrderCaseNotices } from './order-case-notices.ts';
import { intakeCaseId, intakeRequester } from './return-cases.ts';

/** Amazon's notification envelope (Notifications API, SQS destination). */
const envelopeSchema = z.object({
  NotificationType: z.string().min(1),
  EventTime: z.iso.datetime({ offset: true }),
  Payload: z.record(z.string(), z.unknown()),
  NotificationMetadata: z.object({ NotificationId: z.string().min(1) }),
});
type Envelope = z.infer<typeof envelopeSchema>;

const orderChangeSchema = z.object({
  OrderChangeNotification: z.object({
    SellerId: z.string(),
    AmazonOrderId: z.string(),
    OrderChangeType: z.string().optional(),
    Summary: z.object({ OrderStatus: z.string().optional() }).optional(),
  }),
});

const shipmentStatusSchema = z.object({
  FBAOutboundShipmentStatusNotification: z.object({
    SellerId: z.string(),
    AmazonOrderId: z.string(),
    AmazonShipmentId: z.string().optional(),
    ShipmentStatus: z.string(),
  }),
});

/**
 * What a notification says, in our words: the trigger a flow may listen to and its input, and
 * the news a running case of the order is told.
 */
interface Reading {
  sellerId: string;
  orderId: string;
  status?: string;
  trigger: string;
  input: Record<string, unknown>;
  news: Pick<AmazonNotification, 'type' | 'orderStatus' | 'shipmentStatus'>;
}

export const ORDER_CHANGED = 'order.changed';
export const FBA_SHIPMENT_STATUS = 'fba.shipment-status';

function read(envelope: Envelope): Reading | undefined {
  if (envelope.NotificationType === 'ORDER_CHANGE') {
    const parsed = orderChangeSchema.safeParse(envelope.Payload);
    if (!parsed.success) return undefined;
    const change = parsed.data.OrderChangeNotification;
    const status = change.Summary?.OrderStatus;
    return {
      sellerId: change.SellerId,
      orderId: change.AmazonOrderId,
      status,
      trigger: ORDER_CHANGED,
      news: { type: 'ORDER_CHANGE', ...(status && { orderStatus: status }) },
      input: {
        orderId: change.AmazonOrderId,
        ...(status && { orderStatus: status }),
        ...(change.OrderChangeType && { changeType: change.OrderChangeType }),
      },
    };
  }
  if (envelope.NotificationType === 'FBA_OUTBOUND_SHIPMENT_STATUS') {
    const parsed = shipmentStatusSchema.safeParse(envelope.Payload);
    if (!parsed.success) return undefined;
    const shipment = parsed.data.FBAOutboundShipmentStatusNotification;
    return {
      sellerId: shipment.SellerId,
      orderId: shipment.AmazonOrderId,
      status: shipment.ShipmentStatus,
      trigger: FBA_SHIPMENT_STATUS,
      news: { type: 'FBA_OUTBOUND_SHIPMENT_STATUS', shipmentStatus: shipment.ShipmentStatus },
      input: {
        orderId: shipment.AmazonOrderId,
        shipmentStatus: shipment.ShipmentStatus,
        ...(shipment.AmazonShipmentId && { amazonShipmentId: shipment.AmazonShipmentId }),
      },
    };
  }
  return undefined;
}

export type NotificationOutcome =
  | 'malformed'
  | 'recorded'
  | 'started'
  | 'already-started'
  | 'refused';

/**
 * Takes Amazon's notifications off a queue: each is kept once by its NotificationId
 * (marketplace_notifications); an ORDER_CHANGE or FBA_OUTBOUND_SHIPMENT_STATUS of a known
 * account is told to the running cases of that account's order, and also starts a case
 * (`order.changed`, `fba.shipment-status`) when a published flow listens, once per
 * notification. The message is deleted only after that, so a consumer that dies midway gets it
 * again, finds it already kept and started, and tells the cases again (they apply it once).
 */
export class NotificationIntake {
  private readonly notices;

  constructor(
    private readonly queue: NotificationQueue,
    private readonly deps: {
      database: Connection;
      temporal: Client;
      records: IntakeRecords;
      starter: IntakeCaseStarter;
      accounts: IntakeAccountSource;
    },
  ) {
    this.notices = new OrderCaseNotices(deps);
  }

  /** Takes what the queue has (waiting up to `waitSeconds` for a first message). */
  async drainOnce(waitSeconds = 0): Promise<NotificationOutcome[]> {
    const messages = await this.queue.receive({ maxMessages: 10, waitSeconds });
    const outcomes: NotificationOutcome[] = [];
    for (const message of messages) {
      outcomes.push(await this.take(message));
      await this.queue.delete(message.receiptHandle);
    }
    return outcomes;
  }

  private async take(message: QueueMessage): Promise<NotificationOutcome> {
    const parsed = envelopeSchema.safeParse(parseJson(message.body));
    // Not Amazon's envelope: redelivering it would never help.
    if (!parsed.success) return 'malformed';
    const envelope = parsed.data;
    const id = envelope.NotificationMetadata.NotificationId;
    const reading = read(envelope);
    const record: Omit<NotificationRecord, 'receivedAt'> = {
      _id: id,
      type: envelope.NotificationType,
      eventTime: new Date(envelope.EventTime),
      payloadJson: JSON.stringify(envelope.Payload),
      ...(reading && { sellerId: reading.sellerId, orderId: reading.orderId }),
      ...(reading?.status && { status: reading.status }),
    };
    await keepNotification(this.deps.database, record);
    const accounts = await currentAccounts(this.deps.accounts);
    const account = accounts.find(
      (known) => (known.sellerId ?? known.accountId) === reading?.sellerId,
    );
    if (!reading || !account) return 'recorded';
    await this.notices.tell(account, {
      notificationId: id,
      orderId: reading.orderId,
      eventTime: envelope.EventTime,
      ...reading.news,
    });
    return this.startCase(account, id, reading);
  }

  private async startCase(
    account: IntakeAccount,
    notificationId: string,
    reading: Reading,
  ): Promise<NotificationOutcome> {
    const caseId = intakeCaseId('notification', notificationId);
    const seen = await this.deps.records.seen(caseId);
    if (seen) return seen.outcome === 'refused' ? 'refused' : 'already-started';
    const submission: CaseSubmission & { caseId: string } = {
      caseId,
      trigger: reading.trigger,
      requestedBy: intakeRequester(account),
      ...intakeCaseFields(account),
      input: reading.input,
    };
    const attempt = await this.deps.starter.start(submission);
    await this.deps.records.record({
      _id: caseId,
      accountId: account.accountId,
      source: 'notifications',
      ...attempt,
    });
    return attempt.outcome;
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
