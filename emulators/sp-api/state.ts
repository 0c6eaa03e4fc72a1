import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feed } from '@sp-api-sdk/feeds-api-2021-06-30';
import type { FinancialEvents } from '@sp-api-sdk/finances-api-v0';
import type { Order, OrderItem } from '@sp-api-sdk/orders-api-v0';
import type { Report } from '@sp-api-sdk/reports-api-2021-06-30';
import { demoCaseOrders } from './demo-case-orders.ts';
import type { FbaReturnRow, MfnReturnRow } from './returns-reports.ts';
import { seedOrders } from './seed-orders.ts';

export interface EmulatedOrder {
  order: Order;
  items: OrderItem[];
}

/** What Amazon keeps about a feed; the input document id is not part of the public model. */
export interface FeedRecord extends Feed {
  inputFeedDocumentId: string;
}

export interface DocumentRecord {
  feedDocumentId: string;
  purpose: 'feed' | 'report';
  contentType: string;
  content?: string;
  createdAt: string;
}

/** One adjusted item Amazon applied: the emulator's ground truth for "how often was it refunded". */
export interface AdjustmentRecord {
  feedId: string;
  amazonOrderId: string;
  orderItemId: string;
  merchantAdjustmentItemId?: string;
  orderAdjustmentItemId: string;
  reason: string;
  components: { type: string; amount: number }[];
  postedDate: string;
}

/** One submitAcknowledgement call as Amazon received it. */
export interface AcknowledgementRecord {
  transactionId: string;
  receivedAt: string;
  acknowledgements: unknown[];
}

export interface EmulatorData {
  orders: Record<string, EmulatedOrder>;
  /** access token → expiry (epoch ms); kept so a restarted emulator honours issued tokens. */
  accessTokens: Record<string, number>;
  documents: Record<string, DocumentRecord>;
  feeds: Record<string, FeedRecord>;
  adjustments: AdjustmentRecord[];
  financialEvents: Record<string, FinancialEvents>;
  /** Vendor PO acknowledgements; absent in state files written before they existed. */
  acknowledgements?: AcknowledgementRecord[];
  /** Returns the reports list, reports and notifications sent; absent in older state files. */
  mfnReturns?: MfnReturnRow[];
  fbaReturns?: FbaReturnRow[];
  reports?: Record<string, ReportRecord>;
  notifications?: SentNotification[];
  nextId: number;
}

/** A report and the document it will show once DONE. */
export interface ReportRecord extends Report {
  pendingDocumentId?: string;
}

/** A notification as Amazon publishes it to a destination (the SQS message body). */
export interface SentNotification {
  NotificationVersion: string;
  NotificationType: string;
  PayloadVersion: string;
  EventTime: string;
  Payload: Record<string, unknown>;
  NotificationMetadata: {
    ApplicationId: string;
    SubscriptionId: string;
    PublishTime: string;
    NotificationId: string;
  };
}

const STATE_FILE = 'sp-api-emulator.json';

/**
 * The emulator's whole state: in memory, and when a data directory is given also in one JSON
 * file rewritten (atomically, by rename) after every change, so `npm start` restarts keep it.
 */
export class EmulatorStore {
  private constructor(
    readonly data: EmulatorData,
    private readonly file?: string,
  ) {}

  static open(dataDir?: string): EmulatorStore {
    const file = dataDir ? join(dataDir, STATE_FILE) : undefined;
    if (file && existsSync(file)) {
      const kept = new EmulatorStore(JSON.parse(readFileSync(file, 'utf8')) as EmulatorData, file);
      // A state written before the demo cases existed gets their orders, so they can run.
      kept.addMissingOrders(demoCaseOrders(new Date()));
      return kept;
    }
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const store = new EmulatorStore(freshData(), file);
    store.changed();
    return store;
  }

  /** A new id, unique across restarts; numeric like Amazon's feed ids. */
  nextId(): string {
    this.data.nextId += 1;
    return String(this.data.nextId);
  }

  private addMissingOrders(orders: EmulatedOrder[]): void {
    const missing = orders.filter((entry) => !this.data.orders[entry.order.AmazonOrderId]);
    if (missing.length === 0) return;
    for (const entry of missing) this.data.orders[entry.order.AmazonOrderId] = entry;
    this.changed();
  }

  changed(): void {
    if (!this.file) return;
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.data));
    renameSync(temporary, this.file);
  }

  reset(): void {
    Object.assign(this.data, freshData());
    this.changed();
  }
}

function freshData(): EmulatorData {
  const now = new Date();
  const orders = Object.fromEntries(
    [...seedOrders(now), ...demoCaseOrders(now)].map((entry) => [entry.order.AmazonOrderId, entry]),
  );
  return {
    orders,
    accessTokens: {},
    documents: {},
    feeds: {},
    adjustments: [],
    financialEvents: {},
    acknowledgements: [],
    mfnReturns: [],
    fbaReturns: [],
    reports: {},
    notifications: [],
    nextId: 50_000_000_000,
  };
}
