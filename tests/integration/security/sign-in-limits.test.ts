import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import { createAuthenticator } from '../../../server/auth/authenticator.ts';
import { defaultLoginRateLimit } from '../../../server/auth/login-rate-limit.ts';
import { sessionMiddleware } from '../../../server/auth/session-middleware.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import { listen, type RunningApp } from '../../support/http.ts';
import { ApiClient, openAuthApi } from '../api/auth-support.ts';
import { type Person, signedInPerson } from './people-support.ts';

let harness: ApiHarness;
const apps: RunningApp[] = [];
let rob: Person;

beforeAll(async () => {
  harness = await openAuthApi('security-sign-in');
  rob = await signedInPerson(harness, ['reviewer']);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await harness?.close();
});

/** The API as `server/main.ts` builds it, with its own sign-in counters. */
async function api(trustProxyHops: number): Promise<string> {
  const app = await listen(
    createApp({
      services: harness.services,
      authenticate: createAuthenticator({
        users: harness.services.users,
        apiTokens: harness.services.apiTokens,
      }),
      sessions: sessionMiddleware({
        connection: harness.services.database,
        secret: randomBytes(32).toString('hex'),
        secureCookie: false,
      }),
      trustProxyHops,
    }),
  );
  apps.push(app);
  return app.baseUrl;
}

const signIn = (baseUrl: string, username: string, forwardedFor?: string) =>
  fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor && { 'x-forwarded-for': forwardedFor }),
    },
    body: JSON.stringify({ username, password: 'not-the-password-1' }),
  });

const failedSignIns = () =>
  auditLogModel(harness.services.database).find({ action: 'login.failed' }).lean();

describe('failed sign-ins in the log', () => {
  it('never write a typed username that matches no user', async () => {
    const typedPassword = `hunter2-${randomUUID()}`;
    expect((await signIn(harness.baseUrl, typedPassword)).status).toBe(401);
    const entries = await failedSignIns();
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toContain(typedPassword);
  });

  it('name a username that belongs to a user, so its owner can see who tried', async () => {
    expect((await signIn(harness.baseUrl, rob.username)).status).toBe(401);
    expect(JSON.stringify(await failedSignIns())).toContain(rob.username);
  });
});

describe('the client address', () => {
  it('is the forwarded one behind as many proxies as configured', async () => {
    expect((await signIn(await api(1), rob.username, '203.0.113.7')).status).toBe(401);
    const ips = (await failedSignIns()).map((entry) => (entry.details as { ip?: string }).ip);
    expect(ips).toContain('203.0.113.7');
  });
});

describe('sign-ins per address', () => {
  it('are limited across usernames, and a forged X-Forwarded-For does not reset the count', async () => {
    const { addressFailures } = defaultLoginRateLimit;
    const baseUrl = await api(0);
    for (let attempt = 0; attempt < addressFailures; attempt++) {
      const answer = await signIn(baseUrl, `guess-${attempt}`, `198.51.100.${attempt}`);
      expect(answer.status).toBe(401);
    }
    const blocked = await signIn(baseUrl, `guess-${addressFailures}`, '198.51.100.250');
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).message).toContain('from your address');
    const signedIn = await new ApiClient(baseUrl).login(rob.username, 'any');
    expect(signedIn.status).toBe(429);
  });
});
