import { randomBytes } from 'node:crypto';
import express, { type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { requireAccessToken } from './auth.ts';
import { invalidInput, sendSpApiError } from './responses.ts';
import type { EmulatorStore } from './state.ts';

// Amazon's RDTs live one hour.
const RDT_LIFETIME_SECONDS = 3600;

const restrictedResource = z.object({
  method: z.enum(['GET', 'PUT', 'POST', 'DELETE']),
  path: z.string().startsWith('/'),
  dataElements: z.array(z.string()).optional(),
});
const createRdtRequest = z.object({
  targetApplication: z.string().optional(),
  restrictedResources: z.array(restrictedResource).min(1).max(50),
});
type RestrictedResource = z.infer<typeof restrictedResource>;

interface Grant {
  resources: RestrictedResource[];
  expiresAt: number;
}

/** The RDTs this emulator issued: each names the exact method + path and data elements it opens. */
export class RestrictedDataTokens {
  private readonly grants = new Map<string, Grant>();

  issue(resources: RestrictedResource[]): string {
    const token = `Atz.sprdt|${randomBytes(24).toString('base64url')}`;
    this.grants.set(token, { resources, expiresAt: Date.now() + RDT_LIFETIME_SECONDS * 1000 });
    return token;
  }

  grantOf(token: string): Grant | undefined {
    return this.grants.get(token);
  }
}

/** Tokens API 2021-03-01: `createRestrictedDataToken`, called with an LWA access token. */
export function tokensRouter(store: EmulatorStore, tokens: RestrictedDataTokens): Router {
  const router = express.Router();
  router.post(
    '/tokens/2021-03-01/restrictedDataToken',
    requireAccessToken(store),
    express.json(),
    (request, response) => {
      const parsed = createRdtRequest.safeParse(request.body);
      if (!parsed.success) return invalidInput(response, parsed.error.issues[0]?.message ?? '');
      response.json({
        restrictedDataToken: tokens.issue(parsed.data.restrictedResources),
        expiresIn: RDT_LIFETIME_SECONDS,
      });
    },
  );
  return router;
}

/**
 * Accepts either an LWA access token or an RDT. An RDT opens only the method and exact path it
 * was issued for (Amazon answers 403 elsewhere); the data elements it grants are left in
 * `response.locals.restrictedData` for the operation to reveal.
 */
export function requireAccessOrRestrictedDataToken(
  store: EmulatorStore,
  tokens: RestrictedDataTokens,
): RequestHandler {
  const requireAccess = requireAccessToken(store);
  return (request, response, next) => {
    const grant = tokens.grantOf(request.header('x-amz-access-token') ?? '');
    if (!grant) return requireAccess(request, response, next);
    if (grant.expiresAt < Date.now()) {
      return denied(response, 'The restricted data token you provided has expired.');
    }
    const path = new URL(request.originalUrl, 'http://emulator').pathname;
    const resource = grant.resources.find((r) => r.method === request.method && r.path === path);
    if (!resource) return denied(response, 'Access to requested resource is denied.');
    response.locals.restrictedData = new Set(resource.dataElements ?? []);
    next();
  };
}

function denied(response: Response, message: string) {
  sendSpApiError(response, 403, 'Unauthorized', message);
}

/** The data elements the caller's RDT grants for this request (none with an LWA token). */
export function restrictedDataOf(response: Response): ReadonlySet<string> {
  return (response.locals.restrictedData as Set<string> | undefined) ?? new Set();
}
