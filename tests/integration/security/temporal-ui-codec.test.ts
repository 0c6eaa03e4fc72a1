import { randomUUID } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { ApiHarness, testCallers } from '../../support/api-harness.ts';
import { buildFlow, end, start } from '../../support/flow-builder.ts';

/**
 * The Temporal UI shows sealed payloads opened by the API's codec endpoint: for signed-in
 * auditors and admins who see every case, from the UI's origin only, and never the other way
 * round (the API seals nothing for anyone).
 */
const UI_ORIGIN = 'http://127.0.0.1:8233';
const REQUESTER = `requester-${randomUUID()}`;
const scopedAuditorToken = randomUUID();
const scopedAuditor: ApiIdentity = {
  userId: 'auditor-de',
  name: 'Dora',
  roles: ['auditor'],
  scope: { marketplaces: ['DE'] },
  via: 'token',
};

let harness: ApiHarness;
let sealedInput: { metadata: Record<string, string>; data: string };
let workflowId: string;

beforeAll(async () => {
  const identities: Record<string, ApiIdentity> = Object.fromEntries(
    Object.values(testCallers).map(({ token, ...identity }) => [token, identity]),
  );
  identities[scopedAuditorToken] = scopedAuditor;
  harness = await ApiHarness.open('temporal-ui-codec', {
    authenticate: () => bootstrapTokenAuthenticator(identities),
    codecCorsOrigins: [UI_ORIGIN],
  });
  const flow = buildFlow('codec-view', { nodes: [start, end('done')], edges: [['start', 'done']] });
  const run = await harness.interpreter.start(flow, {}, { requestedBy: REQUESTER });
  await run.result();
  workflowId = run.workflowId;
  const history = await run.fetchHistory();
  const [input] =
    history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  if (!input) throw new Error('the run has no input');
  sealedInput = asJson(input);
});
afterAll(async () => {
  await harness?.close();
});

function asJson(payload: Payload) {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value).toString('base64'),
      ]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

const text = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString();

describe('the codec endpoint', () => {
  it('opens sealed payloads for auditors and admins', async () => {
    expect(text(sealedInput.data)).not.toContain(REQUESTER);
    for (const role of ['auditor', 'admin'] as const) {
      const { status, body } = await harness.call('post', '/api/codec/decode', role, {
        payloads: [sealedInput],
      });
      expect(status).toBe(200);
      expect(text(body.payloads[0].metadata.encoding)).toBe('json/plain');
      expect(JSON.parse(text(body.payloads[0].data)).caseContext.requestedBy).toBe(REQUESTER);
    }
    const log = await harness.call(
      'get',
      '/api/audit/log?action=temporal.payloads-opened',
      'admin',
    );
    expect(
      log.body.items.map((entry: { actor: { userId: string } }) => entry.actor.userId),
    ).toEqual([testCallers.admin.userId, testCallers.auditor.userId]);
    expect(log.body.items[0].details.workflows).toEqual([workflowId]);
  });

  it('is closed to everyone else, and to auditors limited to some cases', async () => {
    const request = { payloads: [sealedInput] };
    expect((await harness.call('post', '/api/codec/decode', undefined, request)).status).toBe(401);
    for (const role of ['reviewer', 'requester'] as const) {
      expect((await harness.call('post', '/api/codec/decode', role, request)).status).toBe(403);
    }
    const scoped = await fetch(`${harness.baseUrl}/api/codec/decode`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${scopedAuditorToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(request),
    });
    expect(scoped.status).toBe(403);
  });

  it('seals nothing: there is no encode endpoint, not even for admins', async () => {
    const { status } = await harness.call('post', '/api/codec/encode', 'admin', {
      payloads: [sealedInput],
    });
    expect(status).toBe(404);
  });

  it('answers the UI’s preflight with CORS for its origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${harness.baseUrl}/api/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace',
        },
      });
    const fromUi = await preflight(UI_ORIGIN);
    expect(fromUi.status).toBe(204);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(fromUi.headers.get('access-control-allow-credentials')).toBe('true');
    expect(fromUi.headers.get('access-control-allow-headers')).toContain('x-namespace');
    const fromElsewhere = await preflight('https://evil.example');
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});
