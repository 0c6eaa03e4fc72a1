import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { ApiIdentity, Authenticate } from './identity.ts';

/**
 * Tokens handed in through the environment (the bootstrap admin of a fresh install), compared in
 * constant time so a wrong guess learns nothing from the answer's timing.
 */
export function bootstrapTokenAuthenticator(tokens: Record<string, ApiIdentity>): Authenticate {
  const entries = Object.entries(tokens).map(([token, identity]) => ({
    token: Buffer.from(token),
    identity,
  }));
  return async (request) => {
    const candidate = bearerToken(request);
    if (!candidate) return undefined;
    const presented = Buffer.from(candidate);
    return entries.find(
      ({ token }) => token.length === presented.length && timingSafeEqual(token, presented),
    )?.identity;
  };
}

export function bearerToken(request: Request): string | undefined {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}
