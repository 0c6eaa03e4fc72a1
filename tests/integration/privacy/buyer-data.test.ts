import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PII_ERASED, PII_MASKED } from '#api-contract/privacy';
import { createLogger } from '#platform/logger';
import { caseKeyModel } from '#platform/pii-vault';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { verifyDossier } from '../../../scripts/verify-dossier.ts';
import { openHistory } from '../../../server/audit/open-history.ts';
import { piiVaultFor } from '../../../server/privacy/pii-vaults.ts';
import { loadPrivacyConfig } from '../../../server/privacy/privacy-config.ts';
import {
  eraseExpiredBuyerData,
  startRetentionSweeper,
} from '../../../server/privacy/retention-sweeper.ts';
import { openPrivacyStack, type PrivacyStack } from './privacy-stack.ts';

/**
 * A case with a buyer's e-mail and postcode runs to its end: the e-mail reaches the buyer, yet
 * no database document and no Temporal history holds it in clear; after the retention (one
 * second here) its key is destroyed and every place reads "erased under retention", while the
 * audit log, the archived history hash, replay and the trail dossier all still verify.
 */
let stack: PrivacyStack;
const api = () => stack;
const FLOW_KEY = 'buyer-data-refund';
const TRIGGER = 'refund.buyer-data';
const BUYER = { buyerEmail: 'jane.doe.buyer@example.org', buyerPostcode: 'SW1A-1AA-77' };

const buyerDataFlow = {
  key: FLOW_KEY,
  name: 'Refund with buyer data',
  version: 1,
  inputs: {
    amount: { type: 'number', required: true },
    buyerEmail: { type: 'string', required: true, pii: true },
    buyerPostcode: { type: 'string', required: true, pii: true },
  },
  variables: {},
  nodes: [
    { id: 'start', kind: 'start', trigger: TRIGGER },
    {
      id: 'review',
      kind: 'approval',
      title: 'Approve refund',
      assignee: { role: 'refund-reviewer' },
    },
    {
      id: 'tellBuyer',
      kind: 'action',
      activity: 'notify.sendEmail',
      inputs: { to: { var: 'buyerEmail' }, subject: 'Your refund', text: 'We refunded you.' },
      timeoutSeconds: 30,
    },
    { id: 'refunded', kind: 'end', outcome: 'refunded' },
    { id: 'rejected', kind: 'end', outcome: 'rejected' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'review' },
    { id: 'e2', source: 'review', target: 'tellBuyer', handle: 'approved' },
    { id: 'e3', source: 'review', target: 'rejected', handle: 'rejected' },
    { id: 'e4', source: 'tellBuyer', target: 'refunded' },
  ],
};

beforeAll(async () => {
  stack = await openPrivacyStack('privacy-buyer-data');
  await api().services.flows.saveDraft(buyerDataFlow, 'admin-ada');
  await api().services.flows.publish(FLOW_KEY, 'admin-ada');
});
afterAll(async () => {
  await stack?.close();
});

/** Submitted by the requester through the API, approved by a reviewer, run to its end. */
const taskIds = new Map<string, string>();

async function closedCase(caseId: string): Promise<void> {
  const submitted = await api().call('post', '/api/cases', 'requester', {
    trigger: TRIGGER,
    caseId,
    input: { amount: 80, ...BUYER },
  });
  expect(submitted.status).toBe(201);
  let taskId = '';
  await waitUntil(
    'the review task',
    async () => {
      const inbox = await api().call('get', '/api/inbox?view=roles', 'reviewer');
      taskId =
        inbox.body.items?.find((task: { caseId: string }) => task.caseId === caseId)?.id ?? '';
      return taskId !== '';
    },
    60_000,
  );
  const decided = await api().call('post', `/api/tasks/${taskId}/decide`, 'reviewer', {
    verdict: 'approve',
    requestId: `decide-${caseId}`,
  });
  expect(decided.status).toBe(200);
  taskIds.set(caseId, taskId);
  await api().services.temporal.workflow.getHandle(`case-${caseId}`).result();
  await waitUntil(
    'the case closed',
    async () => (await run(caseId, 'admin')).case.status === 'completed',
    60_000,
  );
}

const run = async (caseId: string, as: 'admin' | 'auditor' | 'reviewer') => {
  const answer = await api().call('get', `/api/runs/${caseId}`, as);
  expect(answer.status).toBe(200);
  return answer.body;
};

/** Every document of every collection, as one text. */
async function databaseDump(): Promise<string> {
  const db = api().services.database.db;
  if (!db) throw new Error('no database');
  const collections = await db.listCollections().toArray();
  const dumps = await Promise.all(
    collections.map(async ({ name }) => JSON.stringify(await db.collection(name).find().toArray())),
  );
  return dumps.join('\n');
}

/** Temporal's stored history, raw and with every payload opened by the payload key. */
async function historyTexts(caseId: string): Promise<{ stored: string; opened: string }> {
  const handle = api().services.temporal.workflow.getHandle(`case-${caseId}`);
  const history = await handle.fetchHistory();
  const opened = await openHistory(history, api().services.historyCodec);
  const payloadTexts: string[] = [];
  const collect = (node: unknown): void => {
    if (node instanceof Uint8Array) payloadTexts.push(Buffer.from(node).toString('utf8'));
    else if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  collect(opened);
  return { stored: JSON.stringify(historyToJSON(history)), opened: payloadTexts.join('\n') };
}

describe('buyer data (PII) of a case', () => {
  const caseId = `pii-erased-${Date.now().toString(36)}`;
  const heldCaseId = `pii-held-${Date.now().toString(36)}`;
  let historyHashBefore = '';

  it('reaches the buyer, but no database document or Temporal history holds it in clear', async () => {
    await closedCase(caseId);
    expect(stack.smtp.received.map((mail) => mail.to)).toContainEqual([BUYER.buyerEmail]);

    const dump = await databaseDump();
    expect(dump).not.toContain(BUYER.buyerEmail);
    expect(dump).not.toContain(BUYER.buyerPostcode);
    // Sealed, not dropped: also inside fields of JSON text, such as a saved trail's lines.
    expect(dump.replaceAll('\\"', '"')).toContain('"piiEnvelope":"v1"');

    const history = await historyTexts(caseId);
    expect(history.opened).toContain('"piiEnvelope":"v1"');
    for (const text of [history.stored, history.opened]) {
      expect(text).not.toContain(BUYER.buyerEmail);
      expect(text).not.toContain(BUYER.buyerPostcode);
    }
  });

  it('shows it to admins and the case’s reviewer, masked to auditors unless they give a reason', async () => {
    expect((await run(caseId, 'admin')).input).toMatchObject(BUYER);
    expect((await run(caseId, 'reviewer')).input).toMatchObject(BUYER);
    const task = await api().call('get', `/api/tasks/${taskIds.get(caseId)}`, 'reviewer');
    expect(task.body.case.input).toMatchObject(BUYER);
    const audited = await run(caseId, 'auditor');
    expect(audited.input).toMatchObject({ buyerEmail: PII_MASKED, buyerPostcode: PII_MASKED });
    expect(JSON.stringify(audited)).not.toContain(BUYER.buyerEmail);

    const reason = 'Buyer disputes the refund amount, ticket 4411';
    const revealed = await api().call('post', `/api/privacy/cases/${caseId}/reveal`, 'auditor', {
      reason,
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body.input).toMatchObject(BUYER);
    const log = await api().call('get', '/api/audit/log?action=pii.revealed', 'admin');
    expect(log.body.items[0]).toMatchObject({
      actor: { userId: 'auditor-aud' },
      target: { kind: 'case', id: caseId },
      details: { reason },
    });
    expect(
      (await api().call('post', `/api/privacy/cases/${caseId}/reveal`, 'reviewer', { reason }))
        .status,
    ).toBe(403);

    const replay = await api().call('post', `/api/audit/cases/${caseId}/verify-replay`, 'auditor');
    expect(replay.body.ok).toBe(true);
    historyHashBefore = replay.body.historyHash;
  });

  it('is erased by destroying the case key once the retention has passed, unless on legal hold', async () => {
    await closedCase(heldCaseId);
    const hold = await api().call('post', `/api/privacy/cases/${heldCaseId}/legal-hold`, 'admin', {
      reason: 'Chargeback dispute pending',
    });
    expect(hold.status).toBe(200);
    expect(hold.body).toMatchObject({ key: 'present', legalHold: { heldBy: 'admin-ada' } });
    expect(
      (
        await api().call('post', `/api/privacy/cases/${heldCaseId}/legal-hold`, 'auditor', {
          reason: 'no',
        })
      ).status,
    ).toBe(403);

    const { retentionSeconds } = loadPrivacyConfig({ ACORN_PII_RETENTION_SECONDS: '1' });
    const stop = startRetentionSweeper(
      {
        database: api().services.database,
        auditLog: api().services.auditLog,
        vault: piiVaultFor(api().services.database),
        retentionSeconds,
        logger: createLogger('retention-test', 'silent'),
      },
      1,
    );
    try {
      await waitUntil(
        'the case key erased',
        async () => {
          const privacy = await api().call('get', `/api/privacy/cases/${caseId}`, 'auditor');
          return privacy.body.key === 'erased';
        },
        60_000,
      );
    } finally {
      stop();
    }
    // One more round once the held case's retention has surely passed too: it keeps its key.
    const held = await api().call('get', `/api/privacy/cases/${heldCaseId}`, 'auditor');
    const pastRetention = new Date(Date.parse(held.body.closedAt) + (retentionSeconds + 1) * 1000);
    const erasedLater = await eraseExpiredBuyerData(
      {
        database: api().services.database,
        auditLog: api().services.auditLog,
        vault: piiVaultFor(api().services.database),
        retentionSeconds,
      },
      pastRetention,
    );
    expect(erasedLater).not.toContain(heldCaseId);
    const keys = caseKeyModel(api().services.database);
    expect(await keys.findById(caseId).lean()).toBeNull();
    expect(await keys.findById(heldCaseId).lean()).not.toBeNull();
    expect((await run(heldCaseId, 'admin')).input).toMatchObject(BUYER);
  });

  it('then reads "erased under retention" everywhere, and every proof still verifies', async () => {
    const shown = await run(caseId, 'admin');
    expect(shown.input).toMatchObject({ buyerEmail: PII_ERASED, buyerPostcode: PII_ERASED });
    const revealed = await api().call('post', `/api/privacy/cases/${caseId}/reveal`, 'admin', {
      reason: 'Checking the erasure worked',
    });
    expect(revealed.body.input).toMatchObject({ buyerEmail: PII_ERASED });

    const exported = await api().call(
      'get',
      `/api/audit/cases/${caseId}/export?format=json`,
      'auditor',
    );
    expect(exported.status).toBe(200);
    const history = await historyTexts(caseId);
    for (const text of [JSON.stringify(exported.body), history.opened, await databaseDump()]) {
      expect(text).not.toContain(BUYER.buyerEmail);
    }
    expect(verifyDossier(exported.body)).toMatchObject({ ok: true });
    expect(exported.body.buyerData).toMatchObject({ key: 'erased', reads: PII_ERASED });

    const chain = await api().call('post', '/api/audit/log/verify', 'auditor', {});
    expect(chain.body.ok).toBe(true);
    const replay = await api().call('post', `/api/audit/cases/${caseId}/verify-replay`, 'auditor');
    expect(replay.body).toMatchObject({ ok: true, historyHash: historyHashBefore });
  });

  it('is accounted for in the data-protection report', async () => {
    const report = await api().call('get', '/api/privacy/report', 'auditor');
    expect(report.status).toBe(200);
    expect(report.body.casesWithPii).toBeGreaterThanOrEqual(2);
    expect(report.body.erased).toContainEqual(expect.objectContaining({ caseId }));
    expect(report.body.onHold).toContainEqual(
      expect.objectContaining({ caseId: heldCaseId, reason: 'Chargeback dispute pending' }),
    );
    const auditor = report.body.viewers.find((v: { userId: string }) => v.userId === 'auditor-aud');
    expect(auditor).toMatchObject({
      reveals: 1,
      reasons: ['Buyer disputes the refund amount, ticket 4411'],
    });
    expect(report.body.viewers.map((v: { userId: string }) => v.userId)).toContain('admin-ada');
    expect((await api().call('get', '/api/privacy/report', 'reviewer')).status).toBe(403);
  });
});
