import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ApiError } from '../http/api-errors.ts';

export interface LoginRateLimitOptions {
  failures: number;
  windowMs: number;
}

export const defaultLoginRateLimit: LoginRateLimitOptions = {
  failures: 10,
  windowMs: 15 * 60 * 1000,
};

/** Waits for the limiter to let a login attempt through, or rejects with 429. */
export type LoginThrottle = (request: Request, response: Response) => Promise<void>;

/**
 * Counts failed sign-ins per client address and username (a successful one is not counted), so
 * guessing one user's password is slowed down without locking that user out for everyone else.
 * Counts live in this process's memory: run one API process, or give express-rate-limit a shared
 * store when scaling out.
 */
export function loginThrottle({ failures, windowMs }: LoginRateLimitOptions): LoginThrottle {
  const minutes = Math.round(windowMs / 60_000);
  const limiter = rateLimit({
    windowMs,
    limit: failures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request) => `${ipKeyGenerator(request.ip ?? '')}|${attemptedUsername(request)}`,
    handler: (_request, _response, next) =>
      next(
        new ApiError(
          429,
          'too_many_attempts',
          `Too many failed sign-ins for this username from your address; try again in ${minutes} minutes.`,
        ),
      ),
  });
  return (request, response) =>
    new Promise((resolve, reject) => {
      void limiter(request, response, (error?: unknown) => (error ? reject(error) : resolve()));
    });
}

function attemptedUsername(request: Request): string {
  const username: unknown = request.body?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 100) : '';
}
