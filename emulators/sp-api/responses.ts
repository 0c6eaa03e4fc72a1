import type { Response } from 'express';

/** The SP-API error body: `{"errors":[{"code","message","details"}]}`. */
export function sendSpApiError(
  response: Response,
  status: number,
  code: string,
  message: string,
  details = '',
): void {
  response.status(status).json({ errors: [{ code, message, details }] });
}

export const notFound = (response: Response, what: string) =>
  sendSpApiError(response, 404, 'NotFound', `${what} not found`);

export const invalidInput = (response: Response, message: string) =>
  sendSpApiError(response, 400, 'InvalidInput', message);

/** Amazon's throttling answer; the limit header is what clients derive a retry delay from. */
export function sendThrottled(response: Response, rateLimit: number): void {
  response.setHeader('x-amzn-RateLimit-Limit', String(rateLimit));
  sendSpApiError(
    response,
    429,
    'QuotaExceeded',
    'You exceeded your quota for the requested resource.',
  );
}
