import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, testCallers } from '../../support/api-harness.ts';
import { ApiClient, newPassword, openAuthApi } from './auth-support.ts';

let harness: ApiHarness;
let admin: ApiClient;

beforeAll(async () => {
  harness = await openAuthApi('language-preference');
  admin = new ApiClient(harness.baseUrl, testCallers.admin.token);
});
afterAll(async () => {
  await harness?.close();
});

async function newAuditor() {
  const username = `lang-${randomUUID().slice(0, 8)}`;
  const password = newPassword();
  const created = await admin.call('post', '/api/users', {
    username,
    displayName: `Auditor ${username}`,
    password,
    roles: ['auditor'],
  });
  expect(created.status).toBe(201);
  return { username, password, userId: created.body.userId as string };
}

async function signedIn(user: { username: string; password: string }): Promise<ApiClient> {
  const browser = new ApiClient(harness.baseUrl);
  expect((await browser.login(user.username, user.password)).status).toBe(200);
  return browser;
}

describe('the language kept on the account', () => {
  it('is none until chosen, so the browser’s own language is used', async () => {
    const browser = await signedIn(await newAuditor());
    const answer = await browser.call('get', '/api/me/preferences');
    expect(answer).toMatchObject({ status: 200, body: {} });
  });

  it('is kept by one browser and read by another the same user signs in on', async () => {
    const user = await newAuditor();
    const office = await signedIn(user);
    const saved = await office.call('put', '/api/me/preferences', { language: 'zh-CN' });
    expect(saved).toMatchObject({ status: 200, body: { language: 'zh-CN' } });

    const laptop = await signedIn(user);
    expect((await laptop.call('get', '/api/me/preferences')).body).toEqual({ language: 'zh-CN' });
    // The admin sees it on the user, and choosing again replaces it.
    expect((await admin.call('get', `/api/users/${user.userId}`)).body.language).toBe('zh-CN');
    await laptop.call('put', '/api/me/preferences', { language: 'en' });
    expect((await office.call('get', '/api/me/preferences')).body).toEqual({ language: 'en' });
  });

  it('is one of the web app’s languages, and only the caller’s own', async () => {
    const browser = await signedIn(await newAuditor());
    const german = await browser.call('put', '/api/me/preferences', { language: 'de' });
    expect(german.status).toBe(400);
    const extra = await browser.call('put', '/api/me/preferences', {
      language: 'en',
      userId: 'someone-else',
    });
    expect(extra.status).toBe(400);
  });

  it('is not kept for a token with no person behind it', async () => {
    const answer = await admin.call('put', '/api/me/preferences', { language: 'zh-CN' });
    expect(answer.status).toBe(403);
    expect((await admin.call('get', '/api/me/preferences')).body).toEqual({});
  });
});
