import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../server/auth/identity.ts';
import type { ApiRoute } from '../../../server/http/api-route.ts';
import { apiRoutes } from '../../../server/routes/index.ts';
import { ApiHarness } from '../../support/api-harness.ts';

let harness: ApiHarness;

beforeAll(async () => {
  harness = await ApiHarness.open('fault-malformed-input');
});
afterAll(async () => {
  await harness?.close();
});

/**
 * Collections that may grow while a refused request is answered: the audit trail of refusals,
 * sessions, and system checks that an earlier, valid payload started and that finish later.
 */
const MAY_GROW_ON_REFUSAL = new Set(['audit_log', 'sessions', 'system_checks']);

async function storedDocuments(): Promise<Record<string, number>> {
  const db = harness.interpreter.database.db;
  if (!db) throw new Error('the harness database is not connected');
  const collections = await db.listCollections().toArray();
  const counts: Record<string, number> = {};
  for (const { name } of collections) {
    if (MAY_GROW_ON_REFUSAL.has(name)) continue;
    // Models create their empty collections lazily; only documents count as stored.
    const documents = await db.collection(name).countDocuments();
    if (documents > 0) counts[name] = documents;
  }
  return counts;
}

const bodyRoutes = (): ApiRoute[] =>
  apiRoutes(harness.services).filter(
    (route) => route.body !== undefined && route.method !== 'get' && route.access !== 'public',
  );

const pathFor = (route: ApiRoute) => route.path.replace(/:(\w+)/g, 'fuzz-$1');

const callerFor = (route: ApiRoute): Role =>
  route.access === 'public' ? 'admin' : (route.access[0] ?? 'admin');

/** JSON values shaped like what clients send, including operator-looking keys. */
const jsonPayload = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom('key', 'nodes', 'edges', 'input', 'trigger', '$gt', '$where', 'verdict'),
    fc.jsonValue(),
  ),
);

/**
 * Flow documents that parse (known node kinds with their fields) but are wired at random: the
 * kind of thing a broken client or a half-finished drawing saves. Most are not publishable.
 */
const nodeId = fc.constantFrom('start', 'check', 'review', 'done', 'refused');
const flowNode = fc.oneof(
  fc.record({ id: nodeId, kind: fc.constant('start'), trigger: fc.constant('fuzz.requested') }),
  fc.record({
    id: nodeId,
    kind: fc.constant('decision'),
    condition: fc.oneof(
      fc.constant({ '<=': [{ var: 'amount' }, 50] }),
      fc.constant({ '<=': [{ var: 'undeclared' }, 50] }),
      fc.constant({ bogus: [1] }),
    ),
  }),
  fc.record({
    id: nodeId,
    kind: fc.constant('approval'),
    title: fc.constant('Review'),
    assignee: fc.constant({ role: 'refund-reviewer' }),
  }),
  fc.record({
    id: nodeId,
    kind: fc.constant('end'),
    outcome: fc.constantFrom('refunded', 'rejected'),
  }),
);
const flowEdge = fc.record({
  id: fc.string({ minLength: 1, maxLength: 3 }),
  source: nodeId,
  target: nodeId,
  handle: fc.constantFrom(undefined, 'true', 'false', 'approved', 'rejected'),
});
const flowLikeDocument = fc.record({
  key: fc.constant('fuzz-flow'),
  name: fc.constant('Fuzz'),
  version: fc.constant(1),
  inputs: fc.constant({ amount: { type: 'number', required: true } }),
  nodes: fc.uniqueArray(flowNode, { selector: (node) => node.id, minLength: 1, maxLength: 5 }),
  edges: fc.uniqueArray(flowEdge, { selector: (edge) => edge.id, maxLength: 6 }),
});

describe('malformed input never crashes the API and stores nothing when refused', () => {
  it('answers every body-taking route with a client error, never a 5xx', async () => {
    for (const route of bodyRoutes()) {
      await fc.assert(
        fc.asyncProperty(jsonPayload, async (payload) => {
          const before = await storedDocuments();
          const answer = await harness.call(
            route.method,
            pathFor(route),
            callerFor(route),
            payload,
          );
          expect(answer.status, `${route.method} ${route.path}`).toBeLessThan(500);
          if (answer.status >= 400) expect(await storedDocuments()).toEqual(before);
        }),
        { numRuns: 15 },
      );
    }
  });

  it('refuses generated broken flows at publish and keeps no version of them', async () => {
    const base = {
      key: 'fuzz-flow',
      name: 'Fuzz',
      version: 1,
      inputs: {},
      nodes: [{ id: 'start', kind: 'start', trigger: 'fuzz.requested' }],
      edges: [],
    };
    expect((await harness.call('post', '/api/flows', 'admin', base)).status).toBe(201);
    const versionCount = async () =>
      (await harness.call('get', '/api/flows/fuzz-flow/versions', 'admin')).body.versions.length;
    let refusedAtPublish = 0;
    await fc.assert(
      fc.asyncProperty(flowLikeDocument, async (document) => {
        const saved = await harness.call('put', '/api/flows/fuzz-flow/draft', 'admin', document);
        expect(saved.status).toBeLessThan(500);
        if (saved.status !== 200) return;
        const versionsBefore = await versionCount();
        const published = await harness.call('post', '/api/flows/fuzz-flow/publish', 'admin', {
          note: 'fuzz',
        });
        if (saved.body.issues.length === 0) {
          expect(published.status).toBeLessThan(300);
          return;
        }
        refusedAtPublish += 1;
        expect(published.status).toBe(422);
        expect(published.body.issues.length).toBeGreaterThan(0);
        expect(await versionCount()).toBe(versionsBefore);
      }),
      { numRuns: 80 },
    );
    // The generator must reach publish with broken drafts, or this test proves nothing.
    expect(refusedAtPublish).toBeGreaterThan(10);
  });

  it('refuses generated case payloads without starting a run', async () => {
    await fc.assert(
      fc.asyncProperty(jsonPayload, async (payload) => {
        const before = await storedDocuments();
        const answer = await harness.call('post', '/api/cases', 'requester', payload);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(await storedDocuments()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});
