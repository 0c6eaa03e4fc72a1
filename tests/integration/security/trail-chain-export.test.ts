import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChainedTrailEvent, chainTrail, trailGenesis } from '#flow-language';
import { caseTrailHeadModel } from '#platform/case-trail/case-trail-record';
import type { SavedTrailLine } from '#platform/case-trail/saved-trail';
import { verifyDossier } from '../../../scripts/verify-dossier.ts';
import { pollingLoop } from '../../replay/representative-runs.ts';
import { ApiHarness } from '../../support/api-harness.ts';
import { buildFlow, end, probe, start } from '../../support/flow-builder.ts';
import { reviewer } from '../../support/interpreter-harness.ts';
import { rewriteSavedBatch } from '../../support/saved-trails.ts';

/**
 * A case's export is a dossier an outside party can check with scripts/verify-dossier.ts alone:
 * the business trail comes hash-chained, each run with its head and the head the signed audit
 * log anchored. Editing an event, in the file or in the database, must break it.
 */
let harness: ApiHarness;
const repoRoot = new URL('../../../', import.meta.url).pathname;

const refundReview = buildFlow('dossier-refund', {
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
  return handle.workflowId.replace(/^case-/, '');
}

// biome-ignore lint/suspicious/noExplicitAny: the dossier is checked by the verifier, not by types
async function exported(caseId: string): Promise<any> {
  const answer = await harness.call(
    'get',
    `/api/audit/cases/${caseId}/export?format=json`,
    'auditor',
  );
  expect(answer.status).toBe(200);
  return answer.body;
}

/** The standalone verifier, run as an outside party would: a process given only the file. */
async function verifierSays(
  dossier: unknown,
): Promise<{ status: number | null; verdict: unknown }> {
  const file = join(await mkdtemp(join(tmpdir(), 'dossier-')), 'dossier.json');
  await writeFile(file, JSON.stringify(dossier));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-dossier.ts', file], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: run.status, verdict: JSON.parse(run.stdout) };
}

const decidedEvent = (dossier: {
  trailChain: { events: { type: string; sequence: number; actor?: string }[] };
}) => {
  const event = dossier.trailChain.events.find((candidate) => candidate.type === 'task.decided');
  if (!event) throw new Error('no task.decided event in the trail');
  return event;
};

beforeAll(async () => {
  harness = await ApiHarness.open('trail-chain-export');
});
afterAll(async () => {
  await harness?.close();
});

describe('a case dossier with its hash-chained trail', () => {
  it('verifies with the standalone verifier, and fails once an event in the file is edited', async () => {
    const dossier = await exported(await decidedCase());
    const [run] = dossier.trailChain.runs;
    expect(run.head).toEqual(dossier.trailChain.head);
    expect(run.anchored.trailHead).toEqual(dossier.trailChain.head);
    expect(await verifierSays(dossier)).toEqual({
      status: 0,
      verdict: expect.objectContaining({ ok: true, head: dossier.trailChain.head }),
    });

    // Both the chained event and its timeline line say someone else decided.
    const decided = decidedEvent(dossier);
    decided.actor = 'reviewer-rae';
    for (const item of dossier.items) {
      if (item.source === 'trail' && item.ref === decided.sequence) item.who = 'reviewer-rae';
    }
    expect(await verifierSays(dossier)).toEqual({
      status: 1,
      verdict: expect.objectContaining({
        ok: false,
        problem: { sequence: decided.sequence, reason: 'content changed after it was recorded' },
      }),
    });
  });

  it('fails a dossier whose timeline line was edited but not its chained event', async () => {
    const dossier = await exported(await decidedCase());
    const line = dossier.items.find((item: { what: string }) => item.what === 'task.decided');
    line.who = 'reviewer-rae';
    expect(verifyDossier(dossier)).toMatchObject({
      ok: false,
      problem: { sequence: line.ref, reason: 'the timeline line differs from the chained event' },
    });
  });

  it('breaks when a saved trail event is edited in the database', async () => {
    const caseId = await decidedCase();
    const { sequence } = decidedEvent(await exported(caseId));
    await rewriteSavedBatch(harness.services.database, `case-${caseId}`, sequence, (lines) =>
      lines.map((line) =>
        line.sequence === sequence
          ? { ...line, details: { ...line.details, comment: 'no photos needed' } }
          : line,
      ),
    );
    expect(verifyDossier(await exported(caseId))).toMatchObject({
      ok: false,
      problem: { sequence, reason: 'content changed after it was recorded' },
    });
  });

  it('breaks when the trail is rewritten in the database with recomputed hashes', async () => {
    const caseId = await decidedCase();
    const workflowId = `case-${caseId}`;
    const before = await exported(caseId);
    const runId = before.trailChain.runs[0].runId;
    let forged: (SavedTrailLine & ChainedTrailEvent)[] = [];
    await rewriteSavedBatch(harness.services.database, workflowId, 1, (lines) => {
      forged = chainTrail(
        lines.map((line) => ({
          ...line,
          actor: line.type === 'task.decided' ? 'reviewer-rae' : line.actor,
        })),
        trailGenesis(workflowId),
      );
      return forged;
    });
    const last = forged.at(-1);
    await caseTrailHeadModel(harness.services.database).updateOne(
      { _id: runId },
      { $set: { hash: last?.hash } },
    );
    expect(verifyDossier(await exported(caseId))).toMatchObject({
      ok: false,
      problem: {
        runId,
        reason: expect.stringContaining('head anchored in the audit log'),
      },
    });
  });

  it('chains the trail across the runs of a continued-as-new case', async () => {
    const handle = await harness.interpreter.start(
      pollingLoop('dossier-polling', 3),
      {},
      {
        continueAsNewAfterEvents: 8,
      },
    );
    await handle.result();
    const dossier = await exported(handle.workflowId.replace(/^case-/, ''));
    expect(dossier.trailChain.runs.length).toBeGreaterThanOrEqual(2);
    for (const run of dossier.trailChain.runs) {
      expect(run.head).toBeDefined();
      expect(run.anchored.trailHead).toEqual(run.head);
    }
    expect(verifyDossier(dossier)).toMatchObject({ ok: true, head: dossier.trailChain.head });
  });
});
