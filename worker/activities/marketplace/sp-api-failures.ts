import { ApplicationFailure } from '@temporalio/activity';

/** Failure types the refund logic reads to tell "Amazon said no" from "we don't know". */
export const SP_API_FAILURE = {
  throttled: 'SpApiThrottled',
  unavailable: 'SpApiUnavailable',
  noResponse: 'SpApiNoResponse',
  rejected: 'SpApiRejected',
  unauthorized: 'SpApiUnauthorized',
} as const;

// Answers that prove the request was not carried out; 5xx and silence prove nothing.
const NOT_CARRIED_OUT = new Set<string>([
  SP_API_FAILURE.throttled,
  SP_API_FAILURE.rejected,
  SP_API_FAILURE.unauthorized,
  'LwaTokenRejected',
  'LwaUnavailable',
]);

export function provesNotCarriedOut(error: unknown): boolean {
  return error instanceof ApplicationFailure && NOT_CARRIED_OUT.has(error.type ?? '');
}

interface HttpErrorShape {
  response?: { status: number; headers?: Record<string, unknown>; data?: unknown };
  message?: string;
  name?: string;
}

/**
 * Turns an SP-API client error into the failure Temporal acts on: 429 and 5xx are retried (429
 * after the delay Amazon's headers imply), other 4xx fail at once with Amazon's own message.
 */
export function spApiFailure(operation: string, error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const { response, message, name } = (error ?? {}) as HttpErrorShape;
  if (name === 'SellingPartnerApiAuthError')
    return lwaFailure(operation, response?.status, message);
  if (!response) {
    return ApplicationFailure.retryable(
      `${operation}: no response from SP-API (${message ?? String(error)})`,
      SP_API_FAILURE.noResponse,
    );
  }
  const { status } = response;
  const text = `${operation}: SP-API answered ${status}: ${apiMessages(response.data)}`;
  const details = [{ operation, status, body: response.data ?? null }];
  if (status === 429) {
    return ApplicationFailure.create({
      message: text,
      type: SP_API_FAILURE.throttled,
      details,
      nextRetryDelay: retryDelayMs(response.headers ?? {}),
    });
  }
  if (status >= 500)
    return ApplicationFailure.retryable(text, SP_API_FAILURE.unavailable, ...details);
  if (status === 403 && /expired/i.test(text)) {
    return ApplicationFailure.retryable(text, SP_API_FAILURE.unauthorized, ...details);
  }
  const type =
    status === 401 || status === 403 ? SP_API_FAILURE.unauthorized : SP_API_FAILURE.rejected;
  return ApplicationFailure.nonRetryable(text, type, ...details);
}

// The stock SDK auth (real Amazon) fails before the SP-API request is sent.
function lwaFailure(operation: string, status: number | undefined, message?: string) {
  const text = `${operation}: LWA token request failed (${status ?? 'no response'}): ${message}`;
  return status !== undefined && status < 500 && status !== 429
    ? ApplicationFailure.nonRetryable(text, 'LwaTokenRejected')
    : ApplicationFailure.retryable(text, 'LwaUnavailable');
}

function apiMessages(data: unknown): string {
  const errors = (data as { errors?: { code?: string; message?: string }[] } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return JSON.stringify(data ?? null);
  return errors.map((e) => `${e.code ?? 'Error'}: ${e.message ?? ''}`).join('; ');
}

/** Retry-After if given, else one request interval of x-amzn-RateLimit-Limit (requests/s). */
export function retryDelayMs(headers: Record<string, unknown>): number | undefined {
  const header = (name: string) => {
    const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
    return value === undefined ? Number.NaN : Number(value);
  };
  const retryAfterSeconds = header('retry-after');
  if (retryAfterSeconds > 0) return clamp(retryAfterSeconds * 1000);
  const rate = header('x-amzn-ratelimit-limit');
  if (rate > 0) return clamp(Math.ceil(1000 / rate));
  return undefined;
}

const clamp = (ms: number) => Math.min(Math.max(ms, 200), 10 * 60_000);
