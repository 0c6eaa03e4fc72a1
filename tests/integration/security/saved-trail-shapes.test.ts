import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ChainedTrailEvent, chainTrail, trailGenesis, verifyTrailChain } from '#flow-language';
import {
  type CaseTrailEventRecord,
  caseTrailCollection,
  caseTrailHeadModel,
  trailRecordId,
} from '#platform/case-trail/case-trail-record';
import { readSavedTrail } from '#platform/case-trail/saved-trail';
import { connectDatabase } from '#platform/database';
import {
  type CaseTrailBatch,
  createCaseTrailActivities,
} from '../../../worker/activities/engine/case-trail-activities.ts';

/**
 * A run saves its trail as one document of lines; runs saved before that kept one document per
 * event. Both read back as one trail, in order, and a run continuing a trail of either shape
 * chains onto it.
 */
let database: Connection;
let activities: ReturnType<typeof createCaseTrailActivities>;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/trail-shapes-${randomUUID()}`);
  activities = createCaseTrailActivities(database);
});

afterAll(async () => {
  await database.dropDatabase();
  await database.close();
});

const runOf = (workflowId: string, runId: string) => ({
  workflowId,
  runId,
  caseId: workflowId.replace(/^case-/, ''),
  flowKey: 'trail-shapes',
  flowVersion: 1,
});

function events(from: number, to: number, last?: string): CaseTrailBatch['events'] {
  return Array.from({ length: to - from + 1 }, (_, index) => ({
    sequence: from + index,
    at: new Date(Date.UTC(2026, 11, 7, 3, 0, from + index)).toISOString(),
    type: from + index === to && last ? last : 'node.entered',
    nodeId: `node-${from + index}`,
    details: { kind: 'set', note: '退款 "quoted"', empty: {} },
  }));
}

/** Events 1..to as runs saved them before batches: one document each, chained or not. */
async function saveAsSingles(workflowId: string, to: number, { hashed = true } = {}) {
  const chained = chainTrail(events(1, to), trailGenesis(workflowId));
  const singles: CaseTrailEventRecord[] = chained.map(({ previousHash, hash, ...event }) => ({
    ...runOf(workflowId, 'run-1'),
    ...event,
    _id: trailRecordId(workflowId, event.sequence),
    at: new Date(event.at),
    ...(hashed && { previousHash, hash }),
  }));
  await caseTrailCollection(database).insertMany(singles);
}

describe('a saved case trail', () => {
  it('is one document per run, saved once however often the save repeats', async () => {
    const workflowId = `case-${randomUUID()}`;
    const batch = { ...runOf(workflowId, 'run-1'), events: events(1, 90, 'run.failed') };
    await activities.saveCaseTrail(batch);
    await activities.saveCaseTrail(batch);

    expect(await caseTrailCollection(database).countDocuments({ workflowId })).toBe(1);
    const trail = await readSavedTrail(database, workflowId);
    expect(trail.map((line) => line.sequence)).toEqual(events(1, 90).map((e) => e.sequence));
    expect(trail[0]).toMatchObject({
      runId: 'run-1',
      details: { note: '退款 "quoted"', empty: {} },
    });
    expect(verifyTrailChain(workflowId, trail as ChainedTrailEvent[])).toMatchObject({
      ok: true,
      events: 90,
    });
  });

  it('continues, in a later run, a trail its first run saved one event per document', async () => {
    const workflowId = `case-${randomUUID()}`;
    await saveAsSingles(workflowId, 30);
    await activities.saveCaseTrail({
      ...runOf(workflowId, 'run-2'),
      events: events(31, 45, 'run.failed'),
    });

    const trail = await readSavedTrail(database, workflowId);
    expect(trail.map((line) => line.sequence)).toEqual(events(1, 45).map((e) => e.sequence));
    expect(trail.map((line) => line.runId)).toEqual([
      ...Array(30).fill('run-1'),
      ...Array(15).fill('run-2'),
    ]);
    expect(verifyTrailChain(workflowId, trail as ChainedTrailEvent[]).ok).toBe(true);
    const head = await caseTrailHeadModel(database).findById('run-2').lean();
    expect(head).toMatchObject({ sequence: 45, hash: trail.at(-1)?.hash });
    expect(await readSavedTrail(database, workflowId, { beforeSequence: 31 })).toHaveLength(30);
  });

  it('chains onto events saved before the chain existed, computing their hashes', async () => {
    const workflowId = `case-${randomUUID()}`;
    await saveAsSingles(workflowId, 5, { hashed: false });
    await activities.saveCaseTrail({ ...runOf(workflowId, 'run-2'), events: events(6, 8) });

    const trail = await readSavedTrail(database, workflowId);
    const recomputed = chainTrail(trail, trailGenesis(workflowId));
    expect(trail.slice(5)).toEqual(recomputed.slice(5));
  });

  it('reads nothing for a workflow that saved nothing', async () => {
    expect(await readSavedTrail(database, `case-${randomUUID()}`)).toEqual([]);
  });
});
