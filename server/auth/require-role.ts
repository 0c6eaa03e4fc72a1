import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

export type Role = 'admin' | 'reviewer' | 'auditor' | 'requester';

export interface ApiIdentity {
  name: string;
  roles: Role[];
}

/** Resolves a bearer token to an identity; users and sessions replace this bootstrap list. */
export type IdentityResolver = (token: string) => ApiIdentity | undefined;

export function staticTokenResolver(tokens: Record<string, ApiIdentity>): IdentityResolver {
  const entries = Object.entries(tokens).map(([token, identity]) => ({
    token: Buffer.from(token),
    identity,
  }));
  return (candidate) => {
    const presented = Buffer.from(candidate);
    return entries.find(
      ({ token }) => token.length === presented.length && timingSafeEqual(token, presented),
    )?.identity;
  };
}

export function requireRole(resolve: IdentityResolver, ...allowed: Role[]): RequestHandler {
  return (request, response, next) => {
    const identity = identify(request, resolve);
    if (!identity) {
      response.status(401).json({ error: 'unauthenticated', message: 'Send a bearer token.' });
      return;
    }
    if (!identity.roles.some((role) => allowed.includes(role))) {
      response
        .status(403)
        .json({ error: 'forbidden', message: `Needs one of the roles: ${allowed.join(', ')}.` });
      return;
    }
    response.locals.identity = identity;
    next();
  };
}

function identify(request: Request, resolve: IdentityResolver): ApiIdentity | undefined {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
  return resolve(token);
}
