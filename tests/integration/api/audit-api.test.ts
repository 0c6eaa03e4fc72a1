import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import { caseHistoryModel } from '../../../server/audit/case-history-record.ts';
import { sweepClosedRuns } from '../../../server/audit/history-sweeper.ts';
import { historyDigest } from '../../../server/audit/run-history.ts';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { pollingLoop } from '../../replay/representative-runs.ts';
import { ApiHarness, testCallers } from '../../support/api-harness.ts';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { type FlowRunHandle, reviewer } from '../../support/interpreter-harness.ts';

let harness: ApiHarness;

const refundReview = buildFlow('audit-refund', {
  inputs: { amount: { type: 'number', required: true } },
  nodes: [
    start,
    {
      id: 'review',
      kind: 'approval',
      title: 'Review the refund',
      assignee: { role: 'refund-reviewer' },
      resultVariable: 'review',
    },
    probe('refund', 'refund'),
    end('refunded'),
    end('rejected'),
  ],
  edges: [
    ['start', 'review'],
    ['review', 'refund', 'approved'],
    ['review', 'rejected', 'rejected'],
    ['refund', 'refunded'],
  ],
});

const caseIdOf = (handle: FlowRunHandle) => handle.workflowId.replace(/^case-/, '');

/** A refund the reviewer Rob approves with a comment, run to its end. */
async function decidedCase(): Promise<string> {
  const handle = await harness.interpreter.start(refundReview, { amount: 120 });
  const taskId = await harness.interpreter.openTask(handle, 'review');
  await harness.interpreter.decide(handle, {
    taskId,
    verdict: 'approve',
    actor: reviewer('reviewer-rob'),
    comment: 'photos show the damage',
  });
  await handle.result();
  return caseIdOf(handle);
}

const histories = () => caseHistoryModel(harness.services.database);

/** Rewrites an archived run's history, as someone with database access could. */
async function rewriteArchive(
  caseId: string,
  change: (history: string) => string,
  options: { keepHashHonest: boolean },
) {
  const record = await histories().findOne({ caseId }).lean();
  if (!record) throw new Error(`case ${caseId} is not archived`);
  const history = change(record.history);
  expect(history).not.toBe(record.history);
  await histories().updateOne(
    { _id: record._id },
    { $set: { history, ...(options.keepHashHonest && { sha256: historyDigest(history) }) } },
  );
}

/**
 * A case only the archive knows, as after Temporal's retention dropped it: another case's archived
 * run filed under a new case id (a run's history does not name its workflow id). `moved` keeps the
 * run id, and with it the hash the audit log recorded at archiving; otherwise the copy is one the
 * audit log never saw, so only replay can judge it.
 */
async function caseOnlyArchived(from: string, how: 'moved' | 'copied'): Promise<string> {
  const record = await histories().findOne({ caseId: from }).lean();
  if (!record) throw new Error(`case ${from} is not archived`);
  const caseId = randomUUID();
  if (how === 'moved') await histories().deleteOne({ _id: record._id });
  await histories().create({
    ...record,
    _id: how === 'moved' ? record._id : randomUUID(),
    caseId,
    workflowId: `case-${caseId}`,
  });
  return caseId;
}

/** An auditor limited to one marketplace: cases started for none are outside that scope. */
const scopedAuditorToken = randomUUID();
const scopedAuditor: ApiIdentity = {
  userId: 'auditor-de',
  name: 'Dora',
  roles: ['auditor'],
  scope: { marketplaces: ['DE'] },
  via: 'token',
};

beforeAll(async () => {
  const identities: Record<string, ApiIdentity> = Object.fromEntries(
    Object.values(testCallers).map(({ token, ...identity }) => [token, identity]),
  );
  identities[scopedAuditorToken] = scopedAuditor;
  harness = await ApiHarness.open('audit-api', {
    authenticate: () => bootstrapTokenAuthenticator(identities),
  });
});
afterAll(async () => {
  await harness?.close();
});

describe('a case’s audit timeline', () => {
  it('merges the trail and the history: who decided, with the comment, and the activity run', async () => {
    const caseId = await decidedCase();
    const { status, body } = await harness.call(
      'get',
      `/api/audit/cases/${caseId}/timeline`,
      'auditor',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ caseId, workflowId: `case-${caseId}`, trailSource: 'saved' });
    expect(body.runs).toEqual([
      expect.objectContaining({ status: 'closed', source: 'temporal', sha256: expect.any(String) }),
    ]);
    const items = body.items as { source: string; what: string; who: string; at: string }[];
    expect(items.map((item) => item.at)).toEqual(items.map((item) => item.at).sort());
    expect(items).toContainEqual(
      expect.objectContaining({ source: 'trail', what: 'task.decided', who: 'reviewer-rob' }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        source: 'history',
        what: 'WorkflowExecutionUpdateAccepted',
        who: 'reviewer-rob',
        activityType: 'decideApprovalTask',
        inputs: expect.objectContaining({ verdict: 'approve', comment: 'photos show the damage' }),
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        what: 'ActivityTaskCompleted',
        activityType: expect.any(String),
        outputs: expect.anything(),
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ what: 'WorkflowExecutionStarted', who: 'requester-rita' }),
    );
    expect(await histories().countDocuments({ caseId })).toBe(1);
  });

  it('reads a running case’s trail live from the workflow', async () => {
    const handle = await harness.interpreter.start(refundReview, { amount: 40 });
    await harness.interpreter.openTask(handle, 'review');
    const { body } = await harness.call(
      'get',
      `/api/audit/cases/${caseIdOf(handle)}/timeline`,
      'admin',
    );
    expect(body.trailSource).toBe('live');
    expect(body.runs).toEqual([expect.objectContaining({ status: 'running' })]);
    expect(body.items).toContainEqual(
      expect.objectContaining({ source: 'trail', what: 'node.entered', nodeId: 'review' }),
    );
    expect(await histories().countDocuments({ caseId: caseIdOf(handle) })).toBe(0);
    await handle.terminate('test over');
  });

  it('answers 404 for an unknown case, 400 for a malformed id, 403 outside auditor and admin', async () => {
    expect((await harness.call('get', '/api/audit/cases/nobody/timeline', 'auditor')).status).toBe(
      404,
    );
    const malformed = await harness.call('get', '/api/audit/cases/a%20b/timeline', 'auditor');
    expect(malformed.status).toBe(400);
    for (const role of ['reviewer', 'requester'] as const) {
      expect((await harness.call('get', '/api/audit/cases/x/timeline', role)).status).toBe(403);
    }
    // A JSON body passes the CSRF guard, so the answer is about the missing credentials.
    expect((await harness.call('post', '/api/audit/log/verify', undefined, {})).status).toBe(401);
  });

  it('answers a case outside an auditor’s scope like an unknown one', async () => {
    const caseId = await decidedCase();
    for (const [method, path] of [
      ['GET', `/api/audit/cases/${caseId}/timeline`],
      ['GET', `/api/audit/cases/${caseId}/export`],
      ['POST', `/api/audit/cases/${caseId}/verify-replay`],
    ] as const) {
      const response = await fetch(`${harness.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${scopedAuditorToken}` },
      });
      expect(response.status).toBe(404);
    }
    expect(
      (await harness.call('get', `/api/audit/cases/${caseId}/timeline`, 'auditor')).status,
    ).toBe(200);
  });

  it('exports as JSON and CSV files, and records who exported what', async () => {
    const caseId = await decidedCase();
    const json = await harness.call('get', `/api/audit/cases/${caseId}/export`, 'auditor');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toContain(`case-${caseId}-audit.json`);
    expect(json.body.items.length).toBeGreaterThan(5);
    const csv = await harness.call('get', `/api/audit/cases/${caseId}/export?format=csv`, 'admin');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).trim().split('\n');
    expect(lines[0]).toBe(
      'Time (UTC),Source,Run,Ref,Who,What,Node,Activity,Inputs,Outputs,Failure',
    );
    expect(
      lines.some((line) => line.includes('reviewer-rob') && line.includes('photos show')),
    ).toBe(true);
    expect(
      (await harness.call('get', `/api/audit/cases/${caseId}/export?format=pdf`, 'admin')).status,
    ).toBe(400);
    const log = await harness.call('get', '/api/audit/log?action=case.exported', 'auditor');
    expect(
      log.body.items.filter((entry: { target: { id: string } }) => entry.target.id === caseId),
    ).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ userId: 'admin-ada' }),
        details: expect.objectContaining({ format: 'csv' }),
      }),
      expect.objectContaining({
        actor: expect.objectContaining({ userId: 'auditor-aud' }),
        details: expect.objectContaining({ format: 'json' }),
      }),
    ]);
    // Headers in the reader's language, once the export above is on record.
    const chinese = await harness.call(
      'get',
      `/api/audit/cases/${caseId}/export?format=csv&lang=zh-CN`,
      'auditor',
    );
    expect((chinese.body as string).split('\n')[0]).toBe(
      '时间（UTC）,来源,运行,序号,执行人,内容,节点,活动,输入,输出,失败原因',
    );
  });
});

describe('verification by replay', () => {
  it('passes a closed case against the current workflow code and audits the check', async () => {
    const caseId = await decidedCase();
    const { status, body } = await harness.call(
      'post',
      `/api/audit/cases/${caseId}/verify-replay`,
      'auditor',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      runsChecked: 1,
      historyHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(body.divergence).toBeUndefined();
    const log = await harness.call(
      'get',
      '/api/audit/log?action=case.replay-verified&actor=auditor-aud',
      'admin',
    );
    expect(log.body.items[0]).toMatchObject({
      target: { kind: 'case', id: caseId },
      details: { ok: true, historyHash: body.historyHash },
    });
  });

  it('checks every run of a continued-as-new chain', async () => {
    const handle = await harness.interpreter.start(
      pollingLoop('audit-polling', 3),
      {},
      {
        continueAsNewAfterEvents: 8,
      },
    );
    await handle.result();
    const caseId = caseIdOf(handle);
    const { body } = await harness.call(
      'post',
      `/api/audit/cases/${caseId}/verify-replay`,
      'admin',
    );
    expect(body.ok).toBe(true);
    expect(body.runsChecked).toBeGreaterThanOrEqual(2);
    expect(await histories().countDocuments({ caseId })).toBe(body.runsChecked);
  });

  it('fails an archived copy edited after archiving, naming the run', async () => {
    const caseId = await decidedCase();
    await harness.call('get', `/api/audit/cases/${caseId}/timeline`, 'auditor');
    await rewriteArchive(caseId, (history) => history.replace('"interpreter-', '"interpretxr-'), {
      keepHashHonest: false,
    });
    const [record] = await histories().find({ caseId }).lean();
    const { status, body } = await harness.call(
      'post',
      `/api/audit/cases/${caseId}/verify-replay`,
      'auditor',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: false,
      runsChecked: 0,
      divergence: { runId: record?._id, kind: 'tampered' },
    });
  });

  it('reads the archive once Temporal forgot the run, and reports the first divergence', async () => {
    const decided = await decidedCase();
    await harness.call('get', `/api/audit/cases/${decided}/timeline`, 'auditor');
    const caseId = await caseOnlyArchived(decided, 'copied');
    const timeline = await harness.call('get', `/api/audit/cases/${caseId}/timeline`, 'auditor');
    expect(timeline.body.runs).toEqual([expect.objectContaining({ source: 'archive' })]);
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({ what: 'WorkflowExecutionUpdateAccepted', who: 'reviewer-rob' }),
    );
    const intact = await harness.call(
      'post',
      `/api/audit/cases/${caseId}/verify-replay`,
      'auditor',
    );
    expect(intact.body).toMatchObject({ ok: true, runsChecked: 1 });
    // A history the workflow cannot have written: it says another activity was scheduled.
    await rewriteArchive(caseId, (history) => history.replace('"notify.probe"', '"notify.other"'), {
      keepHashHonest: true,
    });
    const { status, body } = await harness.call(
      'post',
      `/api/audit/cases/${caseId}/verify-replay`,
      'auditor',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: false,
      runsChecked: 1,
      divergence: { kind: 'nondeterminism' },
    });
    expect(body.divergence.message).toMatch(/notify/);
    const scheduled = timeline.body.items.find(
      (item: { what: string; activityType?: string }) =>
        item.what === 'ActivityTaskScheduled' && item.activityType === 'notify.probe',
    );
    expect(body.divergence.eventId).toBe(scheduled.ref);
    expect(body.historyHash).not.toBe(intact.body.historyHash);
    await rewriteArchive(caseId, (history) => history.replace('"notify.other"', '"notify.probe"'), {
      keepHashHonest: false,
    });
    const restoredWithoutHash = await harness.call(
      'post',
      `/api/audit/cases/${caseId}/verify-replay`,
      'auditor',
    );
    expect(restoredWithoutHash.body).toMatchObject({
      ok: false,
      runsChecked: 0,
      divergence: { kind: 'tampered' },
    });
  });
});

describe('the archive’s hash in the audit log', () => {
  it('catches an archived history rewritten together with its hash', async () => {
    const decided = await decidedCase();
    await harness.call('get', `/api/audit/cases/${decided}/timeline`, 'auditor');
    const archived = await harness.call(
      'get',
      `/api/audit/log?action=case.history-archived&actor=system`,
      'auditor',
    );
    expect(archived.body.items[0]).toMatchObject({
      target: { kind: 'case', id: decided },
      details: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const caseId = await caseOnlyArchived(decided, 'moved');
    await rewriteArchive(caseId, (history) => history.replace('"interpreter-', '"interpretxr-'), {
      keepHashHonest: true,
    });
    const { body } = await harness.call(
      'post',
      `/api/audit/cases/${caseId}/verify-replay`,
      'auditor',
    );
    expect(body).toMatchObject({ ok: false, runsChecked: 0, divergence: { kind: 'tampered' } });
    expect(body.divergence.message).toMatch(/audit log/);
  });
});

describe('the history sweeper', () => {
  it('archives closed runs nobody has audited yet', async () => {
    const handle = await harness.interpreter.start(refundReview, { amount: 10 });
    const taskId = await harness.interpreter.openTask(handle, 'review');
    await harness.interpreter.decide(handle, {
      taskId,
      verdict: 'reject',
      actor: reviewer('reviewer-rob'),
      comment: 'no proof of damage',
    });
    await handle.result();
    const caseId = caseIdOf(handle);
    await waitUntil(
      'the sweeper to archive the run',
      async () => {
        await sweepClosedRuns(harness.interpreter.client, harness.services.caseAudit.histories);
        return (await histories().countDocuments({ caseId })) === 1;
      },
      60_000,
    );
  });
});

describe('the audit log', () => {
  it('pages newest first and filters by action and actor', async () => {
    const { auditLog } = harness.services;
    for (const id of ['a', 'b', 'c']) {
      await auditLog.record({
        actor: { userId: 'admin-ada', name: 'Ada', via: 'token' },
        action: 'flow.published',
        target: { kind: 'flow', id },
      });
    }
    const { body } = await harness.call(
      'get',
      '/api/audit/log?action=flow.published&pageSize=2',
      'auditor',
    );
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(body.items.map((entry: { target: { id: string } }) => entry.target.id)).toEqual([
      'c',
      'b',
    ]);
    const other = await harness.call('get', '/api/audit/log?actor=nobody', 'auditor');
    expect(other.body).toMatchObject({ total: 0, items: [] });
    expect((await harness.call('get', '/api/audit/log?pageSize=1000', 'auditor')).status).toBe(400);
  });

  it('verifies an intact chain, then names an edited entry and a deleted one', async () => {
    const entries = auditLogModel(harness.services.database);
    const verify = async () =>
      (await harness.call('post', '/api/audit/log/verify', 'auditor')).body;
    const intact = await verify();
    expect(intact).toMatchObject({ ok: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(intact.entries).toBeGreaterThanOrEqual(5);

    const edited = await entries.findOne({ _id: 2 }).lean();
    await entries.updateOne({ _id: 2 }, { $set: { 'target.id': 'another-case' } });
    expect(await verify()).toMatchObject({
      ok: false,
      entries: 1,
      brokenAt: { sequence: 2, reason: 'content changed after it was written' },
    });
    await entries.updateOne({ _id: 2 }, { $set: { target: edited?.target } });
    expect(await verify()).toMatchObject({ ok: true, entries: intact.entries });

    await entries.deleteOne({ _id: 4 });
    expect(await verify()).toMatchObject({
      ok: false,
      entries: 3,
      brokenAt: { sequence: 4, reason: 'entry missing: the sequence skips it' },
    });
  });
});
