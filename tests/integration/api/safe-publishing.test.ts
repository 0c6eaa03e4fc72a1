import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, testCallers } from '../../support/api-harness.ts';
import { refundReviewFlow } from './case-api-support.ts';

// Publishing says why, is refused when another live flow would take the same cases, and, once
// the flow has past cases, names a finished backtest of exactly the content it publishes.

let harness: ApiHarness;

beforeAll(async () => {
  harness = await ApiHarness.open('safe-publishing');
});
afterAll(async () => {
  await harness?.close();
});

const NOTE = 'Lower the bar for small refunds';

/** refundReviewFlow with its auto-approve threshold moved (50 by default). */
function withThreshold(key: string, trigger: string, threshold: number, scope?: object) {
  const flow = refundReviewFlow(key, trigger);
  const nodes = flow.nodes.map((node) =>
    node.id === 'small' ? { ...node, condition: { '<': [{ var: 'amount' }, threshold] } } : node,
  );
  return { ...flow, nodes, ...(scope && { scope }) };
}

async function create(flow: { key: string; [field: string]: unknown }) {
  expect((await harness.call('post', '/api/flows', 'admin', flow)).status).toBe(201);
}

const publish = (key: string, body: object) =>
  harness.call('post', `/api/flows/${key}/publish`, 'admin', body);

async function save(flow: { key: string }) {
  const saved = await harness.call('put', `/api/flows/${flow.key}/draft`, 'admin', flow);
  expect(saved.status).toBe(200);
}

async function auditDetails(key: string, action: string) {
  const entries = await harness.services.auditLog.list({ limit: 1_000 });
  return entries
    .filter((entry) => entry.target.id === key && entry.action === action)
    .map((entry) => entry.details);
}

/** Follows a backtest until it ends (the job runs in the API process). */
async function finished(key: string, backtestId: string) {
  for (;;) {
    const answer = await harness.call('get', `/api/flows/${key}/backtests/${backtestId}`, 'admin');
    if (answer.body.status !== 'running') return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function submitCase(trigger: string) {
  const input = { orderId: `111-${Math.random().toString().slice(2, 9)}`, amount: 20 };
  const answer = await harness.call('post', '/api/cases', 'requester', { trigger, input });
  expect(answer.status).toBe(201);
  return answer.body.caseId as string;
}

describe('the publish note', () => {
  it('refuses a publish without a note and keeps the note with the version and in the audit log', async () => {
    await create(withThreshold('noted', 't.noted', 50));
    const without = await publish('noted', {});
    expect(without.status).toBe(400);
    expect(without.body.error).toBe('invalid_request');
    expect((await publish('noted', { note: '   ' })).status).toBe(400);

    const published = await publish('noted', { note: NOTE });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, note: NOTE });
    const versions = await harness.call('get', '/api/flows/noted/versions', 'auditor');
    expect(versions.body.versions[0]).toMatchObject({ version: 1, note: NOTE });
    expect(await auditDetails('noted', 'flow.published')).toEqual([
      expect.objectContaining({ version: 1, note: NOTE }),
    ]);
  });
});

describe('a new flow without a trigger', () => {
  it('is saved as a draft, and publishing it is refused until a trigger is picked', async () => {
    const flow = withThreshold('untriggered', 't.untriggered', 50);
    const { trigger: _none, ...start } = flow.nodes[0] as { trigger: string };
    await create({ ...flow, nodes: [start, ...flow.nodes.slice(1)] });
    const refused = await publish('untriggered', { note: NOTE });
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([
      expect.objectContaining({ nodeId: 'start', field: 'trigger', code: 'start.no-trigger' }),
    ]);
    await save(flow);
    expect((await publish('untriggered', { note: NOTE })).status).toBe(200);
  });
});

describe('two live flows for the same cases', () => {
  it('refuses the second flow of a trigger and scope, naming the first; a narrower scope is fine', async () => {
    await create(withThreshold('dup-first', 't.dup', 50));
    expect((await publish('dup-first', { note: NOTE })).status).toBe(200);

    await create(withThreshold('dup-second', 't.dup', 60));
    const refused = await publish('dup-second', { note: NOTE });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('trigger_taken');
    expect(refused.body.message).toContain('"dup-first"');
    expect(refused.body.other).toEqual({ key: 'dup-first', trigger: 't.dup' });
    const preview = await harness.call('get', '/api/flows/dup-second/publish-preview', 'admin');
    expect(preview.body.conflict).toEqual({ key: 'dup-first', trigger: 't.dup' });

    // Case intake prefers the flow naming more scope dimensions: no tie, no refusal.
    await save(withThreshold('dup-second', 't.dup', 60, { marketplaces: ['amazon.de'] }));
    expect((await publish('dup-second', { note: NOTE })).status).toBe(200);

    // Two flows each naming one dimension tie on a case that both cover.
    await create(withThreshold('dup-third', 't.dup', 70, { brands: ['acorn'] }));
    const tie = await publish('dup-third', { note: NOTE });
    expect(tie.status).toBe(409);
    expect(tie.body.message).toContain('"dup-second"');

    // An archived flow takes no cases, so it does not stand in the way.
    await harness.call('post', '/api/flows/dup-first/archive', 'admin');
    await create(withThreshold('dup-fourth', 't.dup', 80));
    expect((await publish('dup-fourth', { note: NOTE })).status).toBe(200);
  });
});

describe('the backtest gate', () => {
  it('asks a changed flow with past cases for a finished backtest of exactly this draft', async () => {
    const key = 'gated';
    await create(withThreshold(key, 't.gated', 50));
    expect((await publish(key, { note: 'first version' })).status).toBe(200);
    await submitCase('t.gated');

    await save(withThreshold(key, 't.gated', 30));
    const preview = await harness.call('get', `/api/flows/${key}/publish-preview`, 'admin');
    expect(preview.body).toMatchObject({ liveVersion: 1, pastCases: 1, backtestRequired: true });
    expect(preview.body.diff.nodes.changed).toEqual(['small']);
    expect(preview.body.diff.changes.length).toBeGreaterThan(0);

    const unbacktested = await publish(key, { note: NOTE });
    expect(unbacktested.status).toBe(409);
    expect(unbacktested.body.error).toBe('backtest_required');

    // A backtest whose draft content nobody recorded cannot vouch for this draft.
    const plain = await harness.call('post', `/api/flows/${key}/backtests`, 'admin', {});
    await finished(key, plain.body.backtestId);
    const unknownContent = await publish(key, { note: NOTE, backtestId: plain.body.backtestId });
    expect(unknownContent.body.error).toBe('backtest_outdated');

    const started = await harness.call('post', `/api/flows/${key}/draft/backtests`, 'admin');
    expect(started.status).toBe(202);
    const stale = started.body.backtestId as string;
    expect((await finished(key, stale)).status).toBe('done');

    // Saved again since that backtest: it no longer speaks for the draft.
    await save(withThreshold(key, 't.gated', 25));
    const outdated = await publish(key, { note: NOTE, backtestId: stale });
    expect(outdated.status).toBe(409);
    expect(outdated.body.error).toBe('backtest_outdated');

    const fresh = (await harness.call('post', `/api/flows/${key}/draft/backtests`, 'admin')).body
      .backtestId as string;
    await finished(key, fresh);
    const published = await publish(key, { note: NOTE, backtestId: fresh });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 2, note: NOTE, backtestId: fresh });
    expect((await auditDetails(key, 'flow.published')).at(-1)).toMatchObject({
      version: 2,
      note: NOTE,
      backtestId: fresh,
      // What changed, in English for the log, worded from the same codes the web app translates.
      changes: ['small threshold 50 → 25'],
    });
  });
});

describe('restore as draft and archiving', () => {
  it('makes a version the draft again through the draft revisions, audited', async () => {
    const key = 'restorable';
    await create(withThreshold(key, 't.restorable', 50));
    expect((await publish(key, { note: 'v1' })).status).toBe(200);
    await save(withThreshold(key, 't.restorable', 10));
    const draft = await harness.call('get', `/api/flows/${key}/draft`, 'admin');
    const etag = draft.headers.get('etag') ?? '';

    const stale = await harness.call('post', `/api/flows/${key}/versions/1/restore`, 'admin');
    expect(stale.status).toBe(200);
    const overtaken = await fetch(`${harness.baseUrl}/api/flows/${key}/versions/1/restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testCallers.admin.token}`, 'if-match': etag },
    });
    expect(overtaken.status).toBe(409);
    expect((await overtaken.json()).error).toBe('draft_changed');

    const restored = await harness.call('get', `/api/flows/${key}/draft`, 'admin');
    const small = restored.body.document.nodes.find((node: { id: string }) => node.id === 'small');
    expect(small.condition).toEqual({ '<': [{ var: 'amount' }, 50] });
    const preview = await harness.call('get', `/api/flows/${key}/publish-preview`, 'admin');
    expect(preview.body.unchanged).toBe(true);
    expect(await auditDetails(key, 'flow.version-restored')).toEqual([
      expect.objectContaining({ version: 1 }),
    ]);
  });

  it('says how many cases a flow took in the last 30 days', async () => {
    await create(withThreshold('busy', 't.busy', 50));
    expect((await publish('busy', { note: NOTE })).status).toBe(200);
    await submitCase('t.busy');
    await submitCase('t.busy');
    const intake = await harness.call('get', '/api/flows/busy/intake', 'admin');
    expect(intake.body).toEqual({ key: 'busy', days: 30, cases: 2, perDay: 0.1 });
    expect((await harness.call('get', '/api/flows/busy/intake', 'reviewer')).status).toBe(403);
  });
});
