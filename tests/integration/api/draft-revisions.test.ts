import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { ApiHarness } from '../../support/api-harness.ts';

// Two admins editing the same flow in two browsers, each with its own token.
const ADMINS: Record<'ada' | 'bo', ApiIdentity & { token: string }> = {
  ada: { userId: 'admin-ada', name: 'Ada', roles: ['admin'], via: 'token', token: randomUUID() },
  bo: { userId: 'admin-bo', name: 'Bo', roles: ['admin'], via: 'token', token: randomUUID() },
};
type AdminName = keyof typeof ADMINS;

let harness: ApiHarness;

beforeAll(async () => {
  harness = await ApiHarness.open('draft-revisions', {
    authenticate: () =>
      bootstrapTokenAuthenticator(
        Object.fromEntries(Object.values(ADMINS).map(({ token, ...id }) => [token, id])),
      ),
  });
});
afterAll(async () => {
  await harness?.close();
});

async function call(as: AdminName, method: string, path: string, body?: unknown, ifMatch?: string) {
  const response = await fetch(`${harness.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMINS[as].token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(ifMatch !== undefined && { 'if-match': ifMatch }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: await response.json(),
  };
}

/** A small flow whose review title marks which save it came from. */
function flow(key: string, reviewTitle: string) {
  return {
    key,
    name: `Drafts ${key}`,
    version: 1,
    nodes: [
      { id: 'start', kind: 'start', trigger: `${key}.requested` },
      { id: 'review', kind: 'approval', title: reviewTitle, assignee: { role: 'reviewer' } },
      { id: 'done', kind: 'end', outcome: 'done' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'review' },
      { id: 'e2', source: 'review', target: 'done', handle: 'approved' },
    ],
  };
}

async function createdFlow(): Promise<{ key: string; etag: string }> {
  const key = `drafts-${randomUUID().slice(0, 8)}`;
  expect((await call('ada', 'POST', '/api/flows', flow(key, 'first'))).status).toBe(201);
  const loaded = await call('ada', 'GET', `/api/flows/${key}/draft`);
  expect(loaded.status).toBe(200);
  expect(loaded.etag).toBeTruthy();
  return { key, etag: loaded.etag ?? '' };
}

describe('drafts edited by several admins', () => {
  it('of 20 saves based on the same revision exactly one wins; the rest answer 409 draft_changed', async () => {
    const { key, etag } = await createdFlow();
    const saves = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        call(
          n % 2 === 0 ? 'ada' : 'bo',
          'PUT',
          `/api/flows/${key}/draft`,
          flow(key, `save ${n}`),
          etag,
        ),
      ),
    );
    const won = saves.filter((save) => save.status === 200);
    const stale = saves.filter((save) => save.status === 409);
    expect(won).toHaveLength(1);
    expect(stale).toHaveLength(19);
    for (const answer of stale) expect(answer.body.error).toBe('draft_changed');

    // The draft is the winner's document, and its ETag is the one the winner was given.
    const draft = await call('ada', 'GET', `/api/flows/${key}/draft`);
    const winner = saves.indexOf(won[0] as (typeof saves)[number]);
    expect(draft.body.document.nodes[1].title).toBe(`save ${winner}`);
    expect(draft.etag).toBe(won[0]?.etag);
  });

  it('a stale save names who saved since, when, and the nodes that differ; overwriting needs the new ETag', async () => {
    const { key, etag } = await createdFlow();
    const bo = await call('bo', 'PUT', `/api/flows/${key}/draft`, flow(key, 'Bo’s title'), etag);
    expect(bo.status).toBe(200);

    const ada = await call('ada', 'PUT', `/api/flows/${key}/draft`, flow(key, 'Ada’s'), etag);
    expect(ada.status).toBe(409);
    expect(ada.body).toMatchObject({
      error: 'draft_changed',
      draft: { savedBy: 'admin-bo', revision: bo.body.revision, changedNodes: ['review'] },
    });
    expect(Date.parse(ada.body.draft.savedAt)).toBe(Date.parse(bo.body.savedAt));
    expect((await call('ada', 'GET', `/api/flows/${key}/draft`)).body.document.nodes[1].title).toBe(
      'Bo’s title',
    );

    // Overwriting knowingly: the same save again, based on the revision the 409 named.
    const overwrite = await call(
      'ada',
      'PUT',
      `/api/flows/${key}/draft`,
      flow(key, 'Ada’s'),
      `"${ada.body.draft.revision}"`,
    );
    expect(overwrite.status).toBe(200);
    expect(overwrite.etag).not.toBe(bo.etag);
    const draft = await call('bo', 'GET', `/api/flows/${key}/draft`);
    expect(draft.body.document.nodes[1].title).toBe('Ada’s');
    expect(draft.body.savedBy).toBe('admin-ada');
  });

  it('refuses an If-Match that is not an ETag of the draft', async () => {
    const { key } = await createdFlow();
    const path = `/api/flows/${key}/draft`;
    expect((await call('ada', 'PUT', path, flow(key, 'x'), 'yesterday')).status).toBe(400);
    const unknown = await call('ada', 'PUT', path, flow(key, 'x'), '"41"');
    expect(unknown.status).toBe(409);
    expect(unknown.body.draft.revision).toBe(0);
  });
});
