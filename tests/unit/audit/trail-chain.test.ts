import { describe, expect, it } from 'vitest';
import {
  type ChainedTrailEvent,
  chainTrail,
  type TrailEventContent,
  trailGenesis,
  verifyTrailChain,
} from '#flow-language';

const workflowId = 'case-7f1c';
const events: TrailEventContent[] = [
  {
    sequence: 1,
    at: '2026-12-06T05:00:00.000Z',
    type: 'run.started',
    actor: 'rita',
    details: { caseId: '7f1c' },
  },
  {
    sequence: 2,
    at: '2026-12-06T05:00:01.000Z',
    type: 'rule.evaluated',
    nodeId: 'check',
    details: { result: true, empty: {} },
  },
  {
    sequence: 3,
    at: '2026-12-06T05:00:02.000Z',
    type: 'task.decided',
    nodeId: 'review',
    actor: 'rob',
    details: { verdict: 'approve' },
  },
  {
    sequence: 4,
    at: '2026-12-06T05:00:03.000Z',
    type: 'run.completed',
    details: { outcome: 'refunded' },
  },
];

const chained = () => chainTrail(events, trailGenesis(workflowId));

describe('the business trail hash chain', () => {
  it('verifies a chain computed from the genesis of its case', () => {
    const chain = chained();
    expect(verifyTrailChain(workflowId, chain)).toEqual({
      ok: true,
      events: 4,
      head: { sequence: 4, hash: chain[3]?.hash },
    });
  });

  it('computes the same hashes for two batches (continue-as-new) as for one, whatever key order', () => {
    const first = chainTrail(events.slice(0, 2), trailGenesis(workflowId));
    const reordered = events
      .slice(2)
      .map((event) => Object.fromEntries(Object.entries(event).reverse()));
    const second = chainTrail(
      reordered as unknown as TrailEventContent[],
      first.at(-1)?.hash ?? '',
    );
    expect([...first, ...second].map((event) => event.hash)).toEqual(
      chained().map((event) => event.hash),
    );
  });

  it('names an edited event, a missing one, and a chain from another case', () => {
    const edited = chained();
    edited[2] = { ...(edited[2] as ChainedTrailEvent), actor: 'mallory' };
    expect(verifyTrailChain(workflowId, edited).brokenAt).toEqual({
      sequence: 3,
      reason: 'content changed after it was recorded',
    });
    const cut = chained();
    cut.splice(1, 1);
    expect(verifyTrailChain(workflowId, cut)).toMatchObject({
      ok: false,
      events: 1,
      brokenAt: { sequence: 2, reason: 'event missing: the sequence skips it' },
    });
    expect(verifyTrailChain('case-other', chained()).brokenAt).toEqual({
      sequence: 1,
      reason: 'does not link to the event before it',
    });
  });

  it('ignores fields outside the recorded event, such as the run id', () => {
    const withRun = chainTrail(
      events.map((event) => ({ ...event, runId: 'run-1' })),
      trailGenesis(workflowId),
    );
    expect(withRun.map((event) => event.hash)).toEqual(chained().map((event) => event.hash));
  });
});
