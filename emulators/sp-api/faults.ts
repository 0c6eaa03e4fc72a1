import type { RequestHandler, Response } from 'express';
import { sendSpApiError, sendThrottled } from './responses.ts';

/**
 * A test control: the next `times` requests matching method and path get this treatment.
 * `status` answers at once without running the operation (429 carries a rate-limit header);
 * `delayMs` runs the operation and holds the answer; `drop` runs it and cuts the connection,
 * so the caller never learns that the operation happened.
 */
export interface FaultRule {
  method?: string;
  /** An exact path, or a prefix ending in `*`. */
  path: string;
  times?: number;
  status?: number;
  rateLimit?: number;
  delayMs?: number;
  drop?: boolean;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** 0 until an answer was sent (and stays 0 when it never was). */
  status: number;
  at: string;
}

export class FaultInjector {
  private rules: (FaultRule & { remaining: number })[] = [];
  readonly requests: RequestLogEntry[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  middleware(): RequestHandler {
    return (request, response, next) => {
      // Logged on arrival: a request whose answer never left (held, dropped) still counts.
      const entry = {
        method: request.method,
        path: request.path,
        status: 0,
        at: new Date().toISOString(),
      };
      this.requests.push(entry);
      response.on('finish', () => {
        entry.status = response.statusCode;
      });
      const rule = this.take(request.method, request.path);
      if (!rule) return next();
      if (rule.status !== undefined) return answerWithStatus(response, rule);
      if (rule.drop) {
        response.end = (() => {
          request.socket.destroy();
          return response;
        }) as Response['end'];
      } else if (rule.delayMs !== undefined) {
        holdAnswer(response, rule.delayMs);
      }
      next();
    };
  }

  private take(method: string, path: string) {
    const rule = this.rules.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
        matchesPath(candidate.path, path),
    );
    if (rule) rule.remaining -= 1;
    return rule;
  }
}

function matchesPath(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

function answerWithStatus(response: Response, rule: FaultRule): void {
  if (rule.status === 429) {
    sendThrottled(response, rule.rateLimit ?? 2);
    return;
  }
  const status = rule.status ?? 500;
  sendSpApiError(
    response,
    status,
    status >= 500 ? 'InternalFailure' : 'InvalidInput',
    `Injected ${status}`,
  );
}

function holdAnswer(response: Response, delayMs: number): void {
  const end = response.end.bind(response) as (...args: unknown[]) => Response;
  response.end = ((...args: unknown[]) => {
    setTimeout(() => end(...args), delayMs).unref();
    return response;
  }) as Response['end'];
}
