import { randomUUID } from 'node:crypto';

/** One message as an SQS queue hands it out: its body is Amazon's notification (JSON). */
export interface QueueMessage {
  messageId: string;
  /** Names this delivery; deleting by it acknowledges the message. */
  receiptHandle: string;
  body: string;
}

/**
 * The SQS operations notification intake needs. A received message is hidden, not removed:
 * unless deleted it is delivered again, so a consumer that dies midway loses nothing.
 */
export interface NotificationQueue {
  receive(options: { maxMessages: number; waitSeconds: number }): Promise<QueueMessage[]>;
  delete(receiptHandle: string): Promise<void>;
}

interface Held {
  message: QueueMessage;
  visibleAt: number;
}

/**
 * An SQS-shaped queue in memory, for the emulator and tests: at-least-once delivery, a
 * visibility timeout, and long polling that answers as soon as a message arrives.
 */
export class InProcessQueue implements NotificationQueue {
  private readonly held: Held[] = [];
  private readonly waiting = new Set<() => void>();

  constructor(private readonly visibilityMs = 30_000) {}

  send(body: string): void {
    const messageId = randomUUID();
    this.held.push({ message: { messageId, receiptHandle: messageId, body }, visibleAt: 0 });
    for (const wake of this.waiting) wake();
  }

  async receive(options: { maxMessages: number; waitSeconds: number }): Promise<QueueMessage[]> {
    const ready = this.takeVisible(options.maxMessages);
    if (ready.length > 0 || options.waitSeconds === 0) return ready;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, options.waitSeconds * 1_000);
      this.waiting.add(wake);
    });
    return this.takeVisible(options.maxMessages);
  }

  async delete(receiptHandle: string): Promise<void> {
    const index = this.held.findIndex((entry) => entry.message.receiptHandle === receiptHandle);
    if (index >= 0) this.held.splice(index, 1);
  }

  /** Messages not yet deleted, delivered or not (tests look here). */
  get depth(): number {
    return this.held.length;
  }

  private takeVisible(max: number): QueueMessage[] {
    const now = Date.now();
    const visible = this.held.filter((entry) => entry.visibleAt <= now).slice(0, max);
    for (const entry of visible) {
      entry.visibleAt = now + this.visibilityMs;
      // Like SQS, each delivery gets its own handle; an older one no longer deletes.
      entry.message = { ...entry.message, receiptHandle: randomUUID() };
    }
    return visible.map((entry) => entry.message);
  }
}
