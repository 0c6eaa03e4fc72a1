import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import { caseHistoryModel } from '../../../server/audit/case-history-record.ts';
import { historyDigest } from '../../../server/audit/run-history.ts';
import { ApiHarness } from '../../support/api-harness.ts';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';

/**
 * A closed run's history hash is anchored in the signed audit log when it is archived. The
 * first anchor is the one that counts: archiving the run again must not add a second, and a
 * later anchor with another hash must not become the one an archived copy is checked against.
 */
let harness: ApiHarness;
const histories = () => caseHistoryModel(harness.services.database);
const anchorsOf = (runId: string) =>
  auditLogModel(harness.services.database)
    .find({ action: 'case.history-archived', 'details.runId': runId })
    .sort({ _id: 1 })
    .lean();

const quickRefund = buildFlow('anchor-refund', {
  nodes: [start, probe('refund', 'refund'), end('refunded')],
  edges: [
    ['start', 'refund'],
    ['refund', 'refunded'],
  ],
});

/** A run to its end, archived and anchored by an auditor reading its timeline. */
async function archivedCase(): Promise<{ caseId: string; runId: string }> {
  const handle = await harness.interpreter.start(quickRefund, {});
  await handle.result();
  const caseId = handle.workflowId.replace(/^case-/, '');
  expect((await harness.call('get', `/api/audit/cases/${caseId}/timeline`, 'auditor')).status).toBe(
    200,
  );
  const record = await histories().findOne({ caseId }).lean();
  if (!record) throw new Error(`case ${caseId} was not archived`);
  return { caseId, runId: record._id };
}

beforeAll(async () => {
  harness = await ApiHarness.open('history-anchor-first-wins');
});
afterAll(async () => {
  await harness?.close();
});

describe('archived-history anchors in the audit log', () => {
  it('anchors a run once: archiving it again adds no second anchor', async () => {
    const { caseId, runId } = await archivedCase();
    const [first] = await anchorsOf(runId);
    expect(first?.details).toMatchObject({
      runId,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // Its archived copy deleted, the next audit archives the run again from Temporal.
    await histories().deleteOne({ _id: runId });
    await harness.call('get', `/api/audit/cases/${caseId}/timeline`, 'auditor');
    expect(await histories().countDocuments({ _id: runId })).toBe(1);
    expect(await anchorsOf(runId)).toEqual([first]);
  });

  it('checks an archived copy against the first anchor, not a later one with another hash', async () => {
    const { runId } = await archivedCase();
    const record = await histories().findOne({ _id: runId }).lean();
    if (!record) throw new Error('not archived');
    const edited = record.history.replace('"interpreter-', '"interpretxr-');
    expect(edited).not.toBe(record.history);
    const editedHash = historyDigest(edited);

    // A second anchor for the run, with the hash of an edited copy.
    await harness.services.auditLog.record({
      actor: { userId: 'system', name: 'History archive', via: 'system' },
      action: 'case.history-archived',
      target: { kind: 'case', id: record.caseId },
      details: { runId, sha256: editedHash },
    });
    // The copy rewritten with an honest hash, under a case Temporal does not know, so only the
    // archive and its anchors can speak for it.
    const caseId = randomUUID();
    await histories().deleteOne({ _id: runId });
    await histories().create({
      ...record,
      caseId,
      workflowId: `case-${caseId}`,
      history: edited,
      sha256: editedHash,
    });
    const { body } = await harness.call(
      'post',
      `/api/audit/cases/${caseId}/verify-replay`,
      'auditor',
    );
    expect(body).toMatchObject({
      ok: false,
      runsChecked: 0,
      divergence: { runId, kind: 'tampered' },
    });
    expect(body.divergence.message).toMatch(/audit log/);
  });

  it('records a refused anchor when a run is archived again with another hash', async () => {
    const { caseId, runId } = await archivedCase();
    const [first] = await anchorsOf(runId);
    // The first anchor names another hash, as if the run had been archived from a doctored copy.
    const anchorHash = 'a'.repeat(64);
    await auditLogModel(harness.services.database).deleteMany({ 'details.runId': runId });
    await harness.services.auditLog.record({
      actor: { userId: 'system', name: 'History archive', via: 'system' },
      action: 'case.history-archived',
      target: { kind: 'case', id: caseId },
      details: { runId, sha256: anchorHash },
    });
    await histories().deleteOne({ _id: runId });
    await harness.call('get', `/api/audit/cases/${caseId}/timeline`, 'auditor');

    const anchors = await anchorsOf(runId);
    expect(anchors.map((anchor) => anchor.details?.sha256)).toEqual([anchorHash]);
    const refused = await auditLogModel(harness.services.database)
      .findOne({ action: 'case.history-anchor-refused', 'details.runId': runId })
      .lean();
    expect(refused?.details).toMatchObject({
      runId,
      sha256: first?.details?.sha256,
      anchoredSha256: anchorHash,
    });
  });
});
