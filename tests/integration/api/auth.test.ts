import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import { sweepExpiredSessions } from '../../../server/auth/session-middleware.ts';
import { demoUsers, seedDemoUsers } from '../../../server/users/demo-users.ts';
import { userRecords } from '../../../server/users/user-records.ts';
import { DEMO_STORES } from '../../../worker/activities/store/seed-demo-stores.ts';
import { type ApiHarness, testCallers } from '../../support/api-harness.ts';
import { ApiClient, newPassword, openAuthApi } from './auth-support.ts';

let harness: ApiHarness;
let admin: ApiClient;

beforeAll(async () => {
  harness = await openAuthApi('auth-api');
  admin = new ApiClient(harness.baseUrl, testCallers.admin.token);
});
afterAll(async () => {
  await harness?.close();
});

const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

async function createUser(roles: string[], extra: Record<string, unknown> = {}) {
  const username = unique('user');
  const password = newPassword();
  const created = await admin.call('post', '/api/users', {
    username,
    displayName: `User ${username}`,
    password,
    roles,
    ...extra,
  });
  expect(created.status).toBe(201);
  return { username, password, userId: created.body.userId as string };
}

const auditActions = async (targetId: string) =>
  (await auditLogModel(harness.services.database).find({ 'target.id': targetId }).lean()).map(
    ({ action }) => action,
  );

describe('signing in', () => {
  it('answers with the user and a session cookie that later calls use', async () => {
    const user = await createUser(['reviewer'], { groups: ['refund-reviewer'] });
    const browser = new ApiClient(harness.baseUrl);
    const login = await browser.login(user.username, user.password);
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      userId: user.userId,
      roles: ['reviewer'],
      groups: ['refund-reviewer'],
      via: 'session',
    });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('acorn.sid='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await browser.call('get', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ userId: user.userId, via: 'session' });
    expect(await auditActions(user.userId)).toEqual(
      expect.arrayContaining(['user.created', 'login.succeeded']),
    );
  });

  it('refuses a wrong password and an unknown user alike with 401', async () => {
    const user = await createUser(['auditor']);
    const wrong = await new ApiClient(harness.baseUrl).login(user.username, 'not-the-password');
    const unknown = await new ApiClient(harness.baseUrl).login(unique('nobody'), 'whatever-it-is');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(await auditActions(user.username)).toEqual(['login.failed']);
  });

  it('answers 400, not a match, when the username is a query operator', async () => {
    await createUser(['admin']);
    const answer = await new ApiClient(harness.baseUrl).call('post', '/api/auth/login', {
      username: { $gt: '' },
      password: { $gt: '' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.issues.map(({ path }: { path: string }) => path)).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
  });

  it('answers 429 after ten failed attempts, even with the right password', async () => {
    const user = await createUser(['requester']);
    const attacker = new ApiClient(harness.baseUrl);
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await attacker.login(user.username, `guess-${attempt}`)).status).toBe(401);
    }
    const blocked = await attacker.login(user.username, user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: 'too_many_attempts' });
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect(blocked.body.message).toMatch(/try again in 15 minutes/);
    const otherUser = await createUser(['requester']);
    expect((await attacker.login(otherUser.username, otherUser.password)).status).toBe(200);
  });

  it('does not count successful sign-ins against the limit', async () => {
    const user = await createUser(['auditor']);
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect(
        (await new ApiClient(harness.baseUrl).login(user.username, user.password)).status,
      ).toBe(200);
    }
  });
});

describe('sessions end', () => {
  it('on logout', async () => {
    const user = await createUser(['auditor']);
    const browser = new ApiClient(harness.baseUrl);
    await browser.login(user.username, user.password);
    const sessionCookie = browser.cookie;
    expect((await browser.call('post', '/api/auth/logout')).status).toBe(204);
    browser.cookie = sessionCookie;
    expect((await browser.call('get', '/api/auth/me')).status).toBe(401);
    expect(await auditActions(user.userId)).toContain('logout');
  });

  it('when the user is disabled, who then cannot sign in again', async () => {
    const user = await createUser(['reviewer']);
    const browser = new ApiClient(harness.baseUrl);
    await browser.login(user.username, user.password);
    const disabled = await admin.call('patch', `/api/users/${user.userId}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await browser.call('get', '/api/auth/me')).status).toBe(401);
    expect((await browser.login(user.username, user.password)).status).toBe(401);
    expect(await auditActions(user.userId)).toContain('user.updated');
  });

  it('when an admin resets the password; the new one signs in', async () => {
    const user = await createUser(['reviewer']);
    const browser = new ApiClient(harness.baseUrl);
    await browser.login(user.username, user.password);
    const reset = newPassword();
    expect(
      (await admin.call('patch', `/api/users/${user.userId}`, { password: reset })).status,
    ).toBe(200);
    expect((await browser.call('get', '/api/auth/me')).status).toBe(401);
    expect((await browser.login(user.username, user.password)).status).toBe(401);
    expect((await browser.login(user.username, reset)).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('authenticate with their own roles, show the secret once, and stop working when revoked', async () => {
    const owner = await createUser(['requester']);
    const issued = await admin.call('post', '/api/tokens', {
      name: 'shop integration',
      userId: owner.userId,
      roles: ['requester'],
      scope: { marketplaces: ['US'] },
    });
    expect(issued.status).toBe(201);
    expect(issued.body.secret).toMatch(/^acorn_/);
    expect(issued.body.secret.startsWith(issued.body.prefix)).toBe(true);
    const integration = new ApiClient(harness.baseUrl, issued.body.secret);
    const me = await integration.call('get', '/api/auth/me');
    expect(me.body).toMatchObject({
      userId: owner.userId,
      roles: ['requester'],
      scope: { marketplaces: ['US'] },
      via: 'token',
    });
    expect((await integration.call('get', '/api/users')).status).toBe(403);

    const listed = await admin.call('get', '/api/tokens');
    const entry = listed.body.items.find(
      ({ tokenId }: { tokenId: string }) => tokenId === issued.body.tokenId,
    );
    expect(entry).toMatchObject({ prefix: issued.body.prefix });
    expect(entry.lastUsedAt).toBeDefined();
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.secret);

    const revoked = await admin.call('delete', `/api/tokens/${issued.body.tokenId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeDefined();
    expect((await integration.call('get', '/api/auth/me')).status).toBe(401);
    expect(await auditActions(issued.body.tokenId)).toEqual(['token.created', 'token.revoked']);
  });

  it('stop working when the user they act for is disabled', async () => {
    const owner = await createUser(['requester']);
    const issued = await admin.call('post', '/api/tokens', {
      name: 'pos integration',
      userId: owner.userId,
      roles: ['requester'],
    });
    const integration = new ApiClient(harness.baseUrl, issued.body.secret);
    expect((await integration.call('get', '/api/auth/me')).status).toBe(200);
    await admin.call('patch', `/api/users/${owner.userId}`, { disabled: true });
    expect((await integration.call('get', '/api/auth/me')).status).toBe(401);
  });

  it('refuse an unknown secret and a token for a user that does not exist', async () => {
    const guess = new ApiClient(harness.baseUrl, `acorn_${randomUUID()}`);
    expect((await guess.call('get', '/api/auth/me')).status).toBe(401);
    const forNobody = await admin.call('post', '/api/tokens', {
      name: 'orphan',
      userId: 'u-nobody',
      roles: ['requester'],
    });
    expect(forNobody.status).toBe(422);
    expect((await admin.call('delete', '/api/tokens/t-nobody')).status).toBe(404);
  });
});

describe('managing users', () => {
  it('never answers with a password hash, though one is stored', async () => {
    const user = await createUser(['reviewer']);
    const browser = new ApiClient(harness.baseUrl);
    const answers = [
      await browser.login(user.username, user.password),
      await browser.call('get', '/api/auth/me'),
      await admin.call('get', '/api/users'),
      await admin.call('get', `/api/users/${user.userId}`),
      await admin.call('patch', `/api/users/${user.userId}`, { displayName: 'Renamed' }),
    ];
    const stored = await userRecords(harness.services.database).User.findById(user.userId).lean();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const text = JSON.stringify(answer.body);
      expect(text).not.toMatch(/passwordHash|argon2/);
      expect(text).not.toContain(user.password);
    }
  });

  it('refuses a second user with the same username, in any case', async () => {
    const user = await createUser(['auditor']);
    const again = await admin.call('post', '/api/users', {
      username: user.username.toUpperCase(),
      displayName: 'Twin',
      password: newPassword(),
      roles: ['auditor'],
    });
    expect(again.status).toBe(409);
  });

  it('answers 400 with field paths for a bad user and 404 for an unknown one', async () => {
    const bad = await admin.call('post', '/api/users', {
      username: 'x',
      displayName: '',
      password: 'short',
      roles: ['superuser'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map(({ path }: { path: string }) => path)).toEqual(
      expect.arrayContaining(['username', 'displayName', 'password', 'roles.0']),
    );
    expect((await admin.call('get', '/api/users/u-nobody')).status).toBe(404);
    expect((await admin.call('patch', '/api/users/u-nobody', { disabled: true })).status).toBe(404);
    expect((await admin.call('patch', '/api/users/u-nobody', {})).status).toBe(400);
  });

  it('changes roles, groups and scope, effective on the user’s next call', async () => {
    const user = await createUser(['reviewer']);
    const browser = new ApiClient(harness.baseUrl);
    await browser.login(user.username, user.password);
    const changed = await admin.call('patch', `/api/users/${user.userId}`, {
      roles: ['reviewer', 'auditor'],
      groups: ['finance-approver'],
      scope: { brands: ['acorn'], stores: ['berlin-1'] },
    });
    expect(changed.body).toMatchObject({
      roles: ['reviewer', 'auditor'],
      groups: ['finance-approver'],
      scope: { brands: ['acorn'], stores: ['berlin-1'] },
    });
    expect((await browser.call('get', '/api/auth/me')).body).toMatchObject({
      roles: ['reviewer', 'auditor'],
      groups: ['finance-approver'],
      scope: { brands: ['acorn'], stores: ['berlin-1'] },
    });
    expect((await browser.call('get', '/api/users')).status).toBe(200);
  });

  it('does not let an admin disable themselves or drop their own admin role', async () => {
    const user = await createUser(['admin']);
    const browser = new ApiClient(harness.baseUrl);
    await browser.login(user.username, user.password);
    const path = `/api/users/${user.userId}`;
    expect((await browser.call('patch', path, { disabled: true })).status).toBe(409);
    expect((await browser.call('patch', path, { roles: ['auditor'] })).status).toBe(409);
    expect((await browser.call('patch', path, { displayName: 'Still admin' })).status).toBe(200);
  });
});

describe('demo users', () => {
  it('are seeded once per role, sign in with the demo password, and Rita’s token acts for her', async () => {
    const credentials = { password: newPassword(), integrationToken: `acorn_${randomUUID()}` };
    const { users, apiTokens, logger } = harness.services;
    await seedDemoUsers(users, apiTokens, credentials, logger);
    await seedDemoUsers(users, apiTokens, { ...credentials, password: newPassword() }, logger);
    const demo = (await users.list()).filter(({ username }) =>
      demoUsers.some((d) => d.username === username),
    );
    const people = demo
      .map(({ username }) => username)
      .filter((name) => !name.startsWith('staff-'));
    expect(people.sort()).toEqual(['ada', 'aud', 'rae', 'rita', 'rob']);
    // One staff member per demo store, in that store's group and no other.
    const soho = demo.find(({ username }) => username === 'staff-nyc-soho');
    expect(soho).toMatchObject({ roles: ['store-staff'], groups: ['store.nyc-soho'] });
    expect(demo.filter(({ username }) => username.startsWith('staff-'))).toHaveLength(
      DEMO_STORES.length,
    );
    expect(new Set(demo.flatMap(({ roles }) => roles))).toEqual(
      new Set(['admin', 'reviewer', 'auditor', 'requester', 'store-staff']),
    );
    expect(demo.find(({ username }) => username === 'rae')?.groups).toEqual([
      'refund-reviewer',
      'finance-approver',
    ]);
    const ada = new ApiClient(harness.baseUrl);
    expect((await ada.login('ada', credentials.password)).body.roles).toEqual(['admin']);
    const integration = new ApiClient(harness.baseUrl, credentials.integrationToken);
    const me = await integration.call('get', '/api/auth/me');
    expect(me.body).toMatchObject({
      userId: demo.find(({ username }) => username === 'rita')?._id,
      roles: ['requester'],
      via: 'token',
    });
  });
});

describe('expired sessions', () => {
  it('are swept with an acknowledged delete, live ones kept', async () => {
    const sessions = harness.services.database.collection('sessions');
    const expired = `expired-${randomUUID()}`;
    const live = `live-${randomUUID()}`;
    await sessions.insertMany([
      { _id: expired as never, session: {}, expires: new Date(Date.now() - 60_000) },
      { _id: live as never, session: {}, expires: new Date(Date.now() + 60_000) },
    ]);
    expect(await sweepExpiredSessions(harness.services.database)).toBeGreaterThanOrEqual(1);
    expect(await sessions.countDocuments({ _id: { $in: [expired, live] as never[] } })).toBe(1);
    expect(await sessions.findOne({ _id: live as never })).not.toBeNull();
  });
});
