import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
  type SQSClientConfig,
} from '@aws-sdk/client-sqs';
import type { NotificationQueue, QueueMessage } from './notification-queue.ts';

/**
 * The production queue: the SQS queue Amazon's Notifications API delivers to (a destination
 * made with `createDestination`, one `createSubscription` per notification type). AWS
 * credentials and region come from the SDK's default chain (environment, shared config, role).
 */
export class SqsNotificationQueue implements NotificationQueue {
  private readonly sqs: SQSClient;

  constructor(
    private readonly queueUrl: string,
    config: SQSClientConfig = {},
  ) {
    this.sqs = new SQSClient(config);
  }

  async receive(options: { maxMessages: number; waitSeconds: number }): Promise<QueueMessage[]> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(options.maxMessages, 10),
        WaitTimeSeconds: options.waitSeconds,
      }),
    );
    return Messages.flatMap(({ MessageId, ReceiptHandle, Body }) =>
      MessageId && ReceiptHandle
        ? [{ messageId: MessageId, receiptHandle: ReceiptHandle, body: Body ?? '' }]
        : [],
    );
  }

  async delete(receiptHandle: string): Promise<void> {
    await this.sqs.send(
      new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle }),
    );
  }

  close(): void {
    this.sqs.destroy();
  }
}
