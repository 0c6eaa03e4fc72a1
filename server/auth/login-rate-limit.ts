import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ApiError } from '../http/api-errors.ts';

export interface LoginRateLimitOptions {
  /** Failed sign-ins allowed per address and username within the window. */
  failures: number;
  /** Failed sign-ins allowed per address across all usernames within the window. */
  addressFailures: number;
  windowMs: number;
}

export const defaultLoginRateLimit: LoginRateLimitOptions = {
  failures: 10,
  addressFailures: 50,
  windowMs: 15 * 60 * 1000,
};

/** Waits for the limiters to let a login attempt through, or rejects with 429. */
export type LoginThrottle = (request: Request, response: Response) => Promise<void>;

/**
 * Counts failed sign-ins (a successful one is not counted) twice: per client address and
 * username, so guessing one user's password is slowed down without locking that user out for
 * everyone else; and per address alone, so trying one common password on many usernames is
 * slowed down too. The address is `request.ip`, which honours X-Forwarded-For only as far as
 * `trust proxy` allows. Counts live in this process's memory: run one API process, or give
 * express-rate-limit a shared store when scaling out.
 */
export function loginThrottle({
  failures,
  addressFailures,
  windowMs,
}: LoginRateLimitOptions): LoginThrottle {
  const minutes = Math.round(windowMs / 60_000);
  const limiters = [
    failureLimiter(windowMs, failures, (request) => `${addressOf(request)}|${attempted(request)}`, {
      message: `Too many failed sign-ins for this username from your address; try again in ${minutes} minutes.`,
    }),
    failureLimiter(windowMs, addressFailures, addressOf, {
      message: `Too many failed sign-ins from your address; try again in ${minutes} minutes.`,
    }),
  ];
  return async (request, response) => {
    for (const limiter of limiters) {
      await new Promise<void>((resolve, reject) => {
        void limiter(request, response, (error?: unknown) => (error ? reject(error) : resolve()));
      });
    }
  };
}

function failureLimiter(
  windowMs: number,
  limit: number,
  keyGenerator: (request: Request) => string,
  { message }: { message: string },
) {
  return rateLimit({
    windowMs,
    limit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator,
    handler: (_request, _response, next) => next(new ApiError(429, 'too_many_attempts', message)),
  });
}

const addressOf = (request: Request) => ipKeyGenerator(request.ip ?? '');

function attempted(request: Request): string {
  const username: unknown = request.body?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 100) : '';
}
