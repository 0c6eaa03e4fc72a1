import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';

const requestWith = (authorization?: string) =>
  ({ headers: authorization ? { authorization } : {} }) as Request;

describe('bootstrapTokenAuthenticator', () => {
  const authenticate = bootstrapTokenAuthenticator({
    'token-of-the-admin-0123456789': { userId: 'ada', name: 'Ada', roles: ['admin'], via: 'token' },
  });

  it('finds the identity of a known bearer token', async () => {
    expect((await authenticate(requestWith('Bearer token-of-the-admin-0123456789')))?.name).toBe(
      'Ada',
    );
  });

  it('rejects unknown tokens, prefixes and extensions of a known one', async () => {
    for (const header of [
      'Bearer token-of-the-admin',
      'Bearer token-of-the-admin-0123456789x',
      'Basic token-of-the-admin-0123456789',
      undefined,
    ]) {
      expect(await authenticate(requestWith(header))).toBeUndefined();
    }
  });
});
