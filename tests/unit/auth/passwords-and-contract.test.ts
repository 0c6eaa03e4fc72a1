import { describe, expect, it } from 'vitest';
import { createUserSchema, loginRequestSchema, roleSchema, userSchema } from '#api-contract/users';
import { type ApiIdentity, roles } from '../../../server/auth/identity.ts';
import { hashPassword, passwordMatches } from '../../../server/users/password-hashing.ts';
import { refuseSelfLockout, SelfLockoutRefused } from '../../../server/users/self-lockout.ts';

describe('password hashing', () => {
  it('stores argon2id with a fresh salt and checks the password against it', async () => {
    const [first, second] = await Promise.all([
      hashPassword('correct horse battery'),
      hashPassword('correct horse battery'),
    ]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await passwordMatches(first, 'correct horse battery')).toBe(true);
    expect(await passwordMatches(first, 'correct horse batter')).toBe(false);
  });

  it('treats a malformed stored hash as a mismatch, not a crash', async () => {
    expect(await passwordMatches('not-a-phc-string', 'anything')).toBe(false);
  });
});

describe('user contract', () => {
  it('names the same roles as the server', () => {
    expect(roleSchema.options).toEqual([...roles]);
  });

  it('refuses operators where a username or password belongs', () => {
    const parsed = loginRequestSchema.safeParse({ username: { $gt: '' }, password: { $ne: 1 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map(({ path }) => path.join('.'))).toEqual([
      'username',
      'password',
    ]);
  });

  it('lower-cases usernames and refuses unknown roles and short passwords', () => {
    const created = createUserSchema.parse({
      username: ' Ada ',
      displayName: 'Ada',
      password: 'twelve chars',
      roles: ['admin'],
    });
    expect(created).toMatchObject({ username: 'ada', groups: [], scope: {} });
    const refused = createUserSchema.safeParse({
      username: 'ada',
      displayName: 'Ada',
      password: 'short',
      roles: ['root'],
    });
    expect(refused.error?.issues.map(({ path }) => path.join('.'))).toEqual([
      'password',
      'roles.0',
    ]);
  });

  it('has no place for a password hash in a user answer', () => {
    const answer = userSchema.parse({
      userId: 'u-1',
      username: 'ada',
      displayName: 'Ada',
      roles: ['admin'],
      groups: [],
      scope: {},
      disabled: false,
      createdAt: new Date(0).toISOString(),
      updatedAt: new Date(0).toISOString(),
      passwordHash: '$argon2id$...',
    });
    expect(answer).not.toHaveProperty('passwordHash');
  });
});

describe('an admin changing their own account', () => {
  const ada: ApiIdentity = { userId: 'u-ada', name: 'Ada', roles: ['admin'], via: 'session' };

  it('may not disable it or drop the admin role', () => {
    expect(() => refuseSelfLockout(ada, 'u-ada', { disabled: true })).toThrow(SelfLockoutRefused);
    expect(() => refuseSelfLockout(ada, 'u-ada', { roles: ['auditor'] })).toThrow(
      SelfLockoutRefused,
    );
  });

  it('may rename it, add roles, and disable someone else', () => {
    expect(() => refuseSelfLockout(ada, 'u-ada', { roles: ['admin', 'auditor'] })).not.toThrow();
    expect(() => refuseSelfLockout(ada, 'u-ada', { displayName: 'Ada L.' })).not.toThrow();
    expect(() => refuseSelfLockout(ada, 'u-rob', { disabled: true })).not.toThrow();
  });
});
