import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ApiHarness } from '../../support/api-harness.ts';
import { testCallers } from '../../support/api-harness.ts';
import { ApiClient, newPassword } from '../api/auth-support.ts';

/** The bootstrap admin token, as `server/main.ts` mounts ACORN_ADMIN_TOKEN. */
export const bootstrapAdmin = (harness: ApiHarness) =>
  new ApiClient(harness.baseUrl, testCallers.admin.token);

export interface Person {
  userId: string;
  username: string;
  /** Signed in: carries the session cookie. */
  browser: ApiClient;
}

/** Creates a real user through the API and signs them in. */
export async function signedInPerson(
  harness: ApiHarness,
  roles: string[],
  extra: Record<string, unknown> = {},
): Promise<Person> {
  const username = `user-${randomUUID().slice(0, 8)}`;
  const password = newPassword();
  const created = await bootstrapAdmin(harness).call('post', '/api/users', {
    username,
    displayName: `User ${username}`,
    password,
    roles,
    ...extra,
  });
  expect(created.status).toBe(201);
  const browser = new ApiClient(harness.baseUrl);
  expect((await browser.login(username, password)).status).toBe(200);
  return { userId: created.body.userId, username, browser };
}

/** Mints an API token (acting for `userId` when given) and returns a client that sends it. */
export async function mintedToken(
  harness: ApiHarness,
  token: { roles: string[]; groups?: string[]; userId?: string; scope?: object },
): Promise<ApiClient> {
  const minted = await bootstrapAdmin(harness).call('post', '/api/tokens', {
    name: `token-${randomUUID().slice(0, 8)}`,
    ...token,
  });
  expect(minted.status).toBe(201);
  return new ApiClient(harness.baseUrl, minted.body.secret);
}
