import { describe, expect, it } from 'vitest';
import { staticTokenResolver } from '../../../server/auth/require-role.ts';

describe('staticTokenResolver', () => {
  const resolve = staticTokenResolver({
    'token-of-the-admin-0123456789': { name: 'ada', roles: ['admin'] },
  });

  it('finds the identity of a known token', () => {
    expect(resolve('token-of-the-admin-0123456789')?.name).toBe('ada');
  });

  it('rejects unknown tokens, prefixes and extensions of a known one', () => {
    expect(resolve('token-of-the-admin')).toBeUndefined();
    expect(resolve('token-of-the-admin-0123456789x')).toBeUndefined();
    expect(resolve('')).toBeUndefined();
  });
});
