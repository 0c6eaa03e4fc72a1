import { ApplicationFailure } from '@temporalio/activity';
import type { WebhookConfig } from './notify-config.ts';
import { isSettled, type Outbox } from './outbox.ts';
import type { OutboxRecord } from './outbox-record.ts';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.ts';

export interface WebhookRequest {
  deliveryId: string;
  url: string;
  event: string;
  payload: Record<string, unknown>;
}

export interface WebhookResult {
  deliveryId: string;
  status: OutboxRecord['status'];
  delivered: boolean;
  responseStatus?: number;
}

export interface WebhookDeps {
  outbox: Outbox;
  config: WebhookConfig;
  fetch?: typeof fetch;
}

/**
 * POSTs `{ id, event, createdAt, data }` signed with HMAC-SHA256. The body is fixed when the
 * delivery is first recorded, so retries carry the same id and bytes and a receiver can
 * deduplicate by `x-acorn-delivery-id`. 2xx: sent. 408, 429, 5xx, network errors, timeouts:
 * retried by Temporal. Any other answer: refused for good.
 */
export async function callWebhook(deps: WebhookDeps, request: WebhookRequest) {
  const { deliveryId, url, event } = request;
  checkTarget(url, deps.config.allowedHosts);
  const body = JSON.stringify({
    id: deliveryId,
    event,
    createdAt: new Date().toISOString(),
    data: request.payload,
  });
  const message = await deps.outbox.open(
    { _id: deliveryId, channel: 'webhook', webhook: { url, event, body } },
    (first) => first.webhook?.url === url && first.webhook.event === event,
  );
  if (isSettled(message)) return result(message, message.result?.responseStatus);
  if (message.status === 'rejected') throw refused(message.lastError ?? 'rejected before');
  const { secret } = deps.config;
  if (!secret) {
    // Unsigned calls would teach receivers to trust anyone; without a secret we only record.
    await deps.outbox.record(deliveryId, { status: 'stored' });
    return { deliveryId, status: 'stored', delivered: false } satisfies WebhookResult;
  }
  return deliver(deps, deliveryId, message.webhook ?? { url, event, body }, secret);
}

async function deliver(
  deps: WebhookDeps,
  deliveryId: string,
  webhook: { url: string; event: string; body: string },
  secret: string,
): Promise<WebhookResult> {
  const post = deps.fetch ?? fetch;
  let response: Response;
  try {
    response = await post(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'acorn-flow-webhooks/1',
        'x-acorn-delivery-id': deliveryId,
        'x-acorn-event': webhook.event,
        [SIGNATURE_HEADER]: signWebhook(secret, webhook.body, Math.floor(Date.now() / 1000)),
      },
      body: webhook.body,
      // A redirect could point anywhere, including inside our network: treat it as an answer.
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.config.timeoutMs),
    });
    await response.body?.cancel();
  } catch (error) {
    return failed(deps, deliveryId, `no answer: ${(error as Error).message}`);
  }
  const responseStatus = response.status;
  if (response.ok) {
    await deps.outbox.record(deliveryId, { status: 'sent', result: { responseStatus } });
    return { deliveryId, status: 'sent', delivered: true, responseStatus };
  }
  if (responseStatus >= 500 || responseStatus === 408 || responseStatus === 429) {
    return failed(deps, deliveryId, `answered ${responseStatus}`, responseStatus);
  }
  const reason = `${webhook.url} answered ${responseStatus}`;
  await deps.outbox.record(deliveryId, {
    status: 'rejected',
    error: reason,
    result: { responseStatus },
  });
  throw refused(reason);
}

async function failed(
  deps: WebhookDeps,
  deliveryId: string,
  reason: string,
  responseStatus?: number,
): Promise<never> {
  const result = responseStatus === undefined ? undefined : { responseStatus };
  await deps.outbox.record(deliveryId, { status: 'failed', error: reason, result });
  throw ApplicationFailure.retryable(`webhook ${deliveryId} ${reason}`, 'WebhookFailed');
}

function checkTarget(url: string, allowedHosts: string[] | undefined): void {
  const target = URL.canParse(url) ? new URL(url) : undefined;
  if (!target || !['http:', 'https:'].includes(target.protocol)) {
    throw ApplicationFailure.nonRetryable(`not an http(s) URL: ${url}`, 'WebhookInvalid');
  }
  if (allowedHosts && allowedHosts.length > 0 && !allowedHosts.includes(target.hostname)) {
    throw ApplicationFailure.nonRetryable(`${target.hostname} is not allowed`, 'WebhookInvalid');
  }
}

const refused = (reason: string) => ApplicationFailure.nonRetryable(reason, 'WebhookRejected');
const result = (message: OutboxRecord, responseStatus?: number): WebhookResult => ({
  deliveryId: message._id,
  status: message.status,
  delivered: message.status === 'sent',
  ...(responseStatus !== undefined && { responseStatus }),
});
