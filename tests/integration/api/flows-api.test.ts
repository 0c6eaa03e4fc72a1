import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { runFlow } from '../../../workflows/flow-run/flow-run.ts';
import { ApiHarness } from '../../support/api-harness.ts';

let harness: ApiHarness;

beforeAll(async () => {
  harness = await ApiHarness.open('flows-api');
});
afterAll(async () => {
  await harness?.close();
});

/** Publishing says why. */
const NOTE = { note: 'tested' };

const retry = {
  maximumAttempts: 2,
  initialIntervalSeconds: 0.2,
  backoffCoefficient: 2,
  maximumIntervalSeconds: 1,
};

/** Small refunds are paid by the rule; larger ones go to a reviewer first. */
function refundFlow(key: string, trigger: string, threshold = 100) {
  return {
    key,
    name: `Refund ${key}`,
    version: 1,
    inputs: { amount: { type: 'number', required: true } },
    variables: {},
    nodes: [
      { id: 'start', kind: 'start', trigger },
      { id: 'small', kind: 'decision', condition: { '<': [{ var: 'amount' }, threshold] } },
      { id: 'review', kind: 'approval', title: 'Approve refund', assignee: { role: 'reviewer' } },
      {
        id: 'pay',
        kind: 'action',
        activity: 'notify.probe',
        inputs: { label: 'pay' },
        resultVariable: 'payment',
        timeoutSeconds: 30,
        retry,
      },
      { id: 'paid', kind: 'end', outcome: 'paid' },
      { id: 'rejected', kind: 'end', outcome: 'rejected' },
      { id: 'failed', kind: 'end', outcome: 'failed' },
    ],
    edges: [
      { id: 'e-start', source: 'start', target: 'small' },
      { id: 'e-auto', source: 'small', target: 'pay', handle: 'true' },
      { id: 'e-manual', source: 'small', target: 'review', handle: 'false' },
      { id: 'e-approved', source: 'review', target: 'pay', handle: 'approved' },
      { id: 'e-rejected', source: 'review', target: 'rejected', handle: 'rejected' },
      { id: 'e-paid', source: 'pay', target: 'paid' },
      { id: 'e-failed', source: 'pay', target: 'failed', handle: 'error' },
    ],
  };
}

const withoutEdge = (flow: ReturnType<typeof refundFlow>, edgeId: string) => ({
  ...flow,
  edges: flow.edges.filter((edge) => edge.id !== edgeId),
});

async function createAndPublish(key: string, trigger: string) {
  expect((await harness.call('post', '/api/flows', 'admin', refundFlow(key, trigger))).status).toBe(
    201,
  );
  const published = await harness.call('post', `/api/flows/${key}/publish`, 'admin', NOTE);
  expect(published.status).toBe(200);
  return published.body;
}

async function auditActions(key: string): Promise<string[]> {
  const entries = await harness.services.auditLog.list({ limit: 1_000 });
  return entries.filter((entry) => entry.target.id === key).map((entry) => entry.action);
}

describe('flow drafts', () => {
  it('creates a draft, refuses the same key twice and refuses non-admins', async () => {
    const created = await harness.call(
      'post',
      '/api/flows',
      'admin',
      refundFlow('create-me', 't.create'),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'create-me', issues: [] });
    const again = await harness.call(
      'post',
      '/api/flows',
      'admin',
      refundFlow('create-me', 't.create'),
    );
    expect(again.status).toBe(409);
    const reviewer = await harness.call(
      'post',
      '/api/flows',
      'reviewer',
      refundFlow('nope', 't.x'),
    );
    expect(reviewer.status).toBe(403);
    const draft = await harness.call('get', '/api/flows/create-me/draft', 'auditor');
    expect(draft.body).toMatchObject({ key: 'create-me', archived: false, savedBy: 'admin-ada' });
    expect(draft.body.document.nodes).toHaveLength(7);
  });

  it('saves an incomplete draft with its problems, and publishing is refused naming the node', async () => {
    const flow = refundFlow('incomplete', 't.incomplete');
    await harness.call('post', '/api/flows', 'admin', flow);
    const saved = await harness.call(
      'put',
      '/api/flows/incomplete/draft',
      'admin',
      withoutEdge(flow, 'e-manual'),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.issues).toContainEqual(
      expect.objectContaining({ nodeId: 'small', code: 'decision.missing-edge' }),
    );
    const refused = await harness.call('post', '/api/flows/incomplete/publish', 'admin', NOTE);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('flow_invalid');
    expect(refused.body.issues).toContainEqual(expect.objectContaining({ nodeId: 'small' }));
    expect(await auditActions('incomplete')).not.toContain('flow.published');
  });

  it('refuses a body whose key differs from the URL, a bad key, and an unknown flow', async () => {
    const mismatch = await harness.call('put', '/api/flows/create-me/draft', 'admin', {
      ...refundFlow('other-key', 't.create'),
    });
    expect(mismatch.status).toBe(400);
    const testedElsewhere = await harness.call('post', '/api/flows/create-me/test-run', 'admin', {
      document: refundFlow('other-key', 't.create'),
    });
    expect(testedElsewhere.body.issues).toEqual([
      { location: 'body', path: 'document.key', message: 'Expected "create-me"' },
    ]);
    expect((await harness.call('get', '/api/flows/Bad_Key/draft', 'admin')).status).toBe(400);
    expect((await harness.call('get', '/api/flows/no-such-flow/draft', 'admin')).status).toBe(404);
    const unknown = await harness.call(
      'put',
      '/api/flows/no-such-flow/draft',
      'admin',
      refundFlow('no-such-flow', 't.x'),
    );
    expect(unknown.status).toBe(404);
  });

  it('validates a sent document, or the saved draft without one', async () => {
    const flow = refundFlow('validated', 't.validated');
    await harness.call('post', '/api/flows', 'admin', flow);
    const broken = await harness.call('post', '/api/flows/validated/validate', 'admin', {
      document: withoutEdge(flow, 'e-rejected'),
    });
    expect(broken.body.valid).toBe(false);
    expect(broken.body.issues).toContainEqual(expect.objectContaining({ nodeId: 'review' }));
    const saved = await harness.call('post', '/api/flows/validated/validate', 'admin', {});
    expect(saved.body).toEqual({ valid: true, issues: [] });
  });
});

describe('published versions', () => {
  it('publishes, keeps a version immutable after a later draft edit, and diffs', async () => {
    const first = await createAndPublish('versioned', 't.versioned');
    expect(first).toMatchObject({ key: 'versioned', version: 1, publishedBy: 'admin-ada' });
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const edited = refundFlow('versioned', 't.versioned', 250);
    expect((await harness.call('put', '/api/flows/versioned/draft', 'admin', edited)).status).toBe(
      200,
    );
    const frozen = await harness.call('get', '/api/flows/versioned/versions/1', 'reviewer');
    expect(frozen.body.contentHash).toBe(first.contentHash);
    const small = frozen.body.definition.nodes.find((node: { id: string }) => node.id === 'small');
    expect(small.condition).toEqual({ '<': [{ var: 'amount' }, 100] });

    const toDraft = await harness.call(
      'get',
      '/api/flows/versioned/diff?from=1&to=draft',
      'auditor',
    );
    expect(toDraft.body.nodes.changed).toEqual(['small']);

    const second = await harness.call('post', '/api/flows/versioned/publish', 'admin', NOTE);
    expect(second.body.version).toBe(2);
    const diff = await harness.call('get', '/api/flows/versioned/diff?from=1&to=2', 'auditor');
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({
      from: 1,
      to: 2,
      nodes: { added: [], removed: [], changed: ['small'] },
      edges: { added: [], removed: [], changed: [] },
    });
    const versions = await harness.call('get', '/api/flows/versioned/versions', 'auditor');
    expect(versions.body.versions.map((entry: { version: number }) => entry.version)).toEqual([
      1, 2,
    ]);
    expect((await harness.call('get', '/api/flows/versioned/versions/3', 'admin')).status).toBe(
      404,
    );
    expect(await auditActions('versioned')).toEqual([
      'flow.created',
      'flow.published',
      'flow.draft-saved',
      'flow.published',
    ]);
  });

  it('lists flows with their draft state and latest version', async () => {
    const listed = await harness.call('get', '/api/flows', 'auditor');
    expect(listed.status).toBe(200);
    const versioned = listed.body.flows.find((flow: { key: string }) => flow.key === 'versioned');
    expect(versioned).toMatchObject({
      name: 'Refund versioned',
      trigger: 't.versioned',
      draft: { savedBy: 'admin-ada', issueCount: 0 },
      latestVersion: 2,
      archived: false,
    });
    const incomplete = listed.body.flows.find((flow: { key: string }) => flow.key === 'incomplete');
    expect(incomplete.draft.issueCount).toBeGreaterThan(0);
    expect(incomplete.latestVersion).toBeUndefined();
  });
});

describe('archiving', () => {
  it('hides the flow, refuses publishing and new cases, and unarchiving brings it back', async () => {
    await createAndPublish('archivable', 't.archivable');
    const archived = await harness.call('post', '/api/flows/archivable/archive', 'admin');
    expect(archived.body).toMatchObject({ key: 'archivable', archived: true });

    const keys = async (query: string) =>
      (await harness.call('get', `/api/flows${query}`, 'admin')).body.flows.map(
        (flow: { key: string }) => flow.key,
      );
    expect(await keys('')).not.toContain('archivable');
    expect(await keys('?archived=true')).toContain('archivable');

    expect(
      (await harness.call('post', '/api/flows/archivable/publish', 'admin', NOTE)).status,
    ).toBe(409);
    const submission = { trigger: 't.archivable', input: { amount: 10 } };
    const refused = await harness.call('post', '/api/cases', 'requester', submission);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('archived');

    await harness.call('post', '/api/flows/archivable/unarchive', 'admin');
    const accepted = await harness.call('post', '/api/cases', 'requester', submission);
    expect(accepted.status).toBe(201);
    expect(accepted.body.flowKey).toBe('archivable');
    expect(await auditActions('archivable')).toEqual([
      'flow.created',
      'flow.published',
      'flow.archived',
      'flow.unarchived',
    ]);
  });
});

describe('test run', () => {
  it('takes the path a real case takes, with each rule and what it read', async () => {
    await createAndPublish('test-run', 't.test-run');
    const sample = { caseInput: { amount: 40 }, actions: { pay: { output: { label: 'pay' } } } };
    const tested = await harness.call('post', '/api/flows/test-run/test-run', 'admin', sample);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ status: 'completed', outcome: 'paid', issues: [] });
    expect(tested.body.edgeIds).toEqual(['e-start', 'e-auto', 'e-paid']);
    expect(tested.body.rules[0]).toMatchObject({
      nodeId: 'small',
      purpose: 'condition',
      read: [{ path: 'amount', value: 40 }],
      result: true,
    });

    const submitted = await harness.call('post', '/api/cases', 'requester', {
      trigger: 't.test-run',
      input: { amount: 40 },
    });
    const run = harness.interpreter.client.workflow.getHandle<typeof runFlow>(
      submitted.body.workflowId,
    );
    expect((await run.result()).outcome).toBe('paid');
    const entered = (await harness.interpreter.state(run)).trail
      .filter((event) => event.type === 'node.entered')
      .map((event) => event.nodeId);
    expect(tested.body.steps.map((step: { nodeId: string }) => step.nodeId)).toEqual(entered);
  });

  it('follows the sample verdict, and tests an unsaved document', async () => {
    const rejected = await harness.call('post', '/api/flows/test-run/test-run', 'admin', {
      caseInput: { amount: 400 },
      approvals: { review: 'reject' },
    });
    expect(rejected.body.outcome).toBe('rejected');
    const unsaved = await harness.call('post', '/api/flows/test-run/test-run', 'admin', {
      document: refundFlow('test-run', 't.test-run', 1_000),
      caseInput: { amount: 400 },
      actions: { pay: { error: 'SP-API throttled' } },
    });
    expect(unsaved.body).toMatchObject({ status: 'completed', outcome: 'failed' });
    const stuck = await harness.call('post', '/api/flows/test-run/test-run', 'admin', {
      caseInput: { amount: 400 },
    });
    expect(stuck.body.status).toBe('failed');
    expect(stuck.body.error).toMatchObject({ nodeId: 'review' });
    expect(
      (await harness.call('post', '/api/flows/test-run/test-run', 'reviewer', {})).status,
    ).toBe(403);
  });
});

describe('activity catalog and API description', () => {
  it('lists the catalog for readers and describes the flow routes', async () => {
    const catalog = await harness.call('get', '/api/activity-catalog', 'reviewer');
    expect(catalog.body.activities.map((entry: { name: string }) => entry.name)).toContain(
      'notify.probe',
    );
    const openapi = await harness.call('get', '/api/openapi.json', undefined);
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toContain('/api/flows/{flowKey}/test-run');
  });
});
