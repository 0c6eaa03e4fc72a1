import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness } from '../../support/api-harness.ts';
import { openAuthApi } from '../api/auth-support.ts';
import { refundReviewFlow } from '../api/case-api-support.ts';
import { type Person, signedInPerson } from './people-support.ts';

// A page on another site can make a signed-in admin's browser post a form to the API, cookie
// and all; it cannot add a JSON content type or a custom header without a CORS preflight.
let harness: ApiHarness;
let ada: Person;

beforeAll(async () => {
  harness = await openAuthApi('security-csrf');
  ada = await signedInPerson(harness, ['admin']);
});
afterAll(async () => {
  await harness?.close();
});

async function draftFlow(): Promise<string> {
  const key = `csrf-${randomUUID().slice(0, 8)}`;
  await harness.services.flows.saveDraft(refundReviewFlow(key, `refund.${key}`), 'admin-ada');
  return key;
}

/** What a browser sends for a cross-site form: the cookie, and only "simple" headers. */
const crossSite = (path: string, headers: Record<string, string>, body?: string) =>
  fetch(`${harness.baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie: ada.browser.cookie ?? '', ...headers },
    ...(body !== undefined && { body }),
  });

const versionsOf = async (key: string) =>
  (await ada.browser.call('get', `/api/flows/${key}/versions`)).body;

describe('cross-site request forgery', () => {
  it('refuses a plain form post to /publish with the admin’s cookie, and publishes nothing', async () => {
    const key = await draftFlow();
    const forms: Record<string, string>[] = [
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'text/plain' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      {},
    ];
    for (const headers of forms) {
      const answer = await crossSite(`/api/flows/${key}/publish`, headers, 'confirm=yes');
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect((await answer.json()).error).toBe('cross_site_refused');
    }
    expect(await versionsOf(key)).toEqual({ versions: [] });
  });

  it('refuses a bodyless post and a form sign-in, and lets JSON or the custom header through', async () => {
    const key = await draftFlow();
    expect((await crossSite(`/api/flows/${key}/publish`, {})).status).toBe(403);
    const formLogin = await fetch(`${harness.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=${ada.username}&password=guess`,
    });
    expect(formLogin.status).toBe(403);
    const withHeader = await crossSite(`/api/flows/${key}/publish`, { 'x-acorn-request': '1' });
    // Past the guard: refused by the handler's own check (publishing needs a note), not as forgery.
    expect(withHeader.status).toBe(400);
    const json = await crossSite(
      `/api/flows/${key}/archive`,
      { 'content-type': 'application/json' },
      '{}',
    );
    expect(json.status).not.toBe(403);
  });
});
