import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EMULATOR_CREDENTIALS,
  type SpApiEmulator,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';

const running: SpApiEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function start(options: Parameters<typeof startSpApiEmulator>[0] = {}) {
  const emulator = await startSpApiEmulator(options);
  running.push(emulator);
  return emulator;
}

async function token(url: string): Promise<string> {
  const response = await fetch(`${url}/auth/o2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: EMULATOR_CREDENTIALS.refreshToken,
      client_id: EMULATOR_CREDENTIALS.clientId,
      client_secret: EMULATOR_CREDENTIALS.clientSecret,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function api(url: string, accessToken: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-amz-access-token': accessToken, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function submitFeed(url: string, accessToken: string, xml: string, contentType = 'text/xml') {
  const document = await api(url, accessToken, '/feeds/2021-06-30/documents', { contentType });
  const upload = await fetch(String(document.body.url), {
    method: 'PUT',
    headers: { 'content-type': contentType },
    body: xml,
  });
  expect(upload.status).toBe(200);
  const feed = await api(url, accessToken, '/feeds/2021-06-30/feeds', {
    feedType: 'POST_PAYMENT_ADJUSTMENT_DATA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    inputFeedDocumentId: document.body.feedDocumentId,
  });
  expect(feed.status).toBe(202);
  return String(feed.body.feedId);
}

describe('the SP-API emulator', () => {
  it('requires a live LWA access token, as SP-API does', async () => {
    const { url } = await start();
    const denied = await api(url, 'Atza|forged', '/orders/v0/orders/113-4827361-0192837');
    expect(denied).toEqual({
      status: 403,
      body: {
        errors: [
          { code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' },
        ],
      },
    });
    const allowed = await api(url, await token(url), '/orders/v0/orders/113-4827361-0192837');
    expect(allowed.status).toBe(200);
  });

  it('processes feeds asynchronously: IN_QUEUE, IN_PROGRESS, then a final status', async () => {
    const { url } = await start({ feedStepMs: 150 });
    const accessToken = await token(url);
    const feedId = await submitFeed(url, accessToken, '<AmazonEnvelope/>');
    const seen = new Set<string>();
    for (let i = 0; i < 100 && !seen.has('FATAL') && !seen.has('DONE'); i += 1) {
      const feed = await api(url, accessToken, `/feeds/2021-06-30/feeds/${feedId}`);
      seen.add(String(feed.body.processingStatus));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Not an OrderAdjustment envelope: the feed is processed, and fails as a whole.
    expect([...seen]).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'FATAL']);
  });

  it('keeps orders, tokens, feeds and unfinished processing across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sp-api-emulator-'));
    try {
      const first = await start({ dataDir, feedStepMs: 60_000 });
      const accessToken = await token(first.url);
      const feedId = await submitFeed(first.url, accessToken, '<AmazonEnvelope/>');
      await first.close();
      running.splice(0);

      const second = await start({ dataDir, feedStepMs: 10 });
      expect(second.controls.feeds().map((feed) => feed.feedId)).toEqual([feedId]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const feed = await api(second.url, accessToken, `/feeds/2021-06-30/feeds/${feedId}`);
      expect(feed.body.processingStatus).toBe('FATAL');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('like S3, refuses an upload whose content type differs from the one it was created for', async () => {
    const { url } = await start();
    const accessToken = await token(url);
    const document = await api(url, accessToken, '/feeds/2021-06-30/documents', {
      contentType: 'text/xml; charset=UTF-8',
    });
    const upload = await fetch(String(document.body.url), {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: '<x/>',
    });
    expect(upload.status).toBe(403);
  });

  it('can hold an answer while the operation itself already happened', async () => {
    const emulator = await start();
    const accessToken = await token(emulator.url);
    emulator.controls.addFault({ method: 'POST', path: '/feeds/2021-06-30/feeds', delayMs: 800 });
    const started = Date.now();
    const submitted = submitFeed(emulator.url, accessToken, '<AmazonEnvelope/>');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emulator.controls.feeds()).toHaveLength(1);
    await submitted;
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
  });
});
