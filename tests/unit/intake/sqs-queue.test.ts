import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsNotificationQueue } from '../../../worker/intake/sqs-queue.ts';

/** A stand-in SQS endpoint speaking the AWS JSON 1.0 protocol the SDK uses. */
const calls: { target: string; body: Record<string, unknown> }[] = [];
let server: Server;
let endpoint: string;
const notification = JSON.stringify({ NotificationType: 'ORDER_CHANGE' });

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      calls.push({ target, body: JSON.parse(text || '{}') });
      response.setHeader('content-type', 'application/x-amz-json-1.0');
      if (target === 'AmazonSQS.ReceiveMessage') {
        const md5 = createHash('md5').update(notification).digest('hex');
        response.end(
          JSON.stringify({
            Messages: [
              { MessageId: 'm-1', ReceiptHandle: 'r-1', Body: notification, MD5OfBody: md5 },
            ],
          }),
        );
        return;
      }
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the SQS notification queue', () => {
  it('receives with long polling and deletes by the receipt handle', async () => {
    const queueUrl = `${endpoint}/123456789012/sp-api-notifications`;
    const queue = new SqsNotificationQueue(queueUrl, {
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    expect(await queue.receive({ maxMessages: 25, waitSeconds: 20 })).toEqual([
      { messageId: 'm-1', receiptHandle: 'r-1', body: notification },
    ]);
    await queue.delete('r-1');
    queue.close();
    expect(calls).toEqual([
      {
        target: 'AmazonSQS.ReceiveMessage',
        body: expect.objectContaining({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 20,
        }),
      },
      {
        target: 'AmazonSQS.DeleteMessage',
        body: { QueueUrl: queueUrl, ReceiptHandle: 'r-1' },
      },
    ]);
  });
});
