import { randomInt } from 'node:crypto';
import { trusted } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import type { BacktestResult } from '../../../server/backtests/backtest-job.ts';
import type { BacktestRecord } from '../../../server/backtests/backtest-records.ts';
import { FlowBacktests } from '../../../server/backtests/flow-backtests.ts';
import {
  highValueCase,
  refundDraftWithHighValue,
  shippedRefundPolicy,
} from '../../support/refund-policy-drafts.ts';
import { savedTrailLines } from '../../support/saved-trails.ts';
import { openPolicyStack, type PolicyStack } from '../policies/policy-stack.ts';
import { type PricedCase, pricedCase, runCase } from './backtest-cases.ts';

// Refunds priced from 120.00 to about 260.00 with tax, against a high-value threshold of 200.00
// that the draft lowers to 150.00. Every case runs twice on identical facts: once under v1 (the
// past the backtest reads) and once, as a twin, under the draft published as v2 (what the
// draft really does). The backtest must name exactly the cases whose path changed.
const PAIRS = 200;
const IN_FLIGHT = 8;
const OLD_THRESHOLD = 20_000;
const NEW_THRESHOLD = 15_000;

const runDigits = String(randomInt(1_000_000, 9_999_999));
let stack: PolicyStack;
const past: PricedCase[] = [];
const twins: PricedCase[] = [];
const pathOf = new Map<string, { outcome: string; reviewed: boolean; refunded: number }>();
let backtest: BacktestRecord;

/** Above the threshold two reviewers decide; every fifth such case one of them rejects it. */
function reviewsFor(index: number) {
  return index % 5 === 0
    ? [{ by: 'ann' as const, verdict: 'reject' as const }]
    : [
        { by: 'ann' as const, verdict: 'approve' as const },
        { by: 'ben' as const, verdict: 'approve' as const },
      ];
}

async function runAll(cases: PricedCase[]) {
  const queue = cases.map((priced, index) => ({ priced, index }));
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await runCase(stack, next.priced, reviewsFor(next.index));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  await projectionClosed(cases.map((priced) => priced.caseId));
  await describeRuns(cases);
}

/**
 * Once every case is closed: its outcome and refund as the worker projected them, and whether a
 * person reviewed it. The trail is read in one query: the embedded database scans the whole
 * collection for any filter but `_id`, and a query per case made this quadratic.
 */
async function describeRuns(cases: PricedCase[]) {
  const Case = caseModel(stack.database);
  const caseIds = cases.map((priced) => priced.caseId);
  const openedTasks = (await savedTrailLines(stack.database, { caseId: { $in: caseIds } })).filter(
    (line) => line.type === 'task.opened',
  );
  const reviewed = new Set(openedTasks.map((event) => event.caseId));
  for (const caseId of caseIds) {
    const projection = await Case.findById(caseId).lean();
    pathOf.set(caseId, {
      outcome: projection?.outcome ?? '',
      reviewed: reviewed.has(caseId),
      refunded: projection?.refunded?.USD ?? 0,
    });
  }
}

async function projectionClosed(caseIds: string[]) {
  const Case = caseModel(stack.database);
  for (;;) {
    const open = await Case.countDocuments({
      _id: trusted({ $in: caseIds }),
      status: 'running',
    });
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  stack = await openPolicyStack(`backtest-threshold-${runDigits}`);
  const now = new Date();
  for (let serial = 0; serial < PAIRS; serial += 1) {
    const priceCents = 12_000 + Math.round((serial * 12_500) / PAIRS);
    past.push(pricedCase(stack, { runDigits, serial }, priceCents, now));
    twins.push(pricedCase(stack, { runDigits, serial: serial + PAIRS }, priceCents, now));
  }
  await runAll(past);

  expect(highValueCase(shippedRefundPolicy()).when).toEqual({
    '>=': [{ var: 'refundTotalCents' }, OLD_THRESHOLD],
  });
  await stack.flows.saveDraft(refundDraftWithHighValue(NEW_THRESHOLD), 'admin-alex');
  const backtests = new FlowBacktests(stack.database, stack.flows);
  const started = await backtests.start('marketplace-refund', { range: 'all' }, 'admin-alex');
  await backtests.settled();
  backtest = await backtests.get('marketplace-refund', started._id);

  await stack.flows.publish('marketplace-refund', 'admin-alex');
  await runAll(twins);
}, 1_800_000);

afterAll(async () => {
  await stack?.close();
});

describe('backtest of a lower high-value threshold over real past cases', () => {
  it('finished, read every past case, and the version that ran them reproduced each one', () => {
    expect(backtest.status).toBe('done');
    const result = backtest.result as unknown as BacktestResult;
    expect(result.summary.total.cases).toBe(PAIRS);
    expect(result.summary.total.engineFaults).toBe(0);
    expect(result.engineFaults).toEqual([]);
  });

  it('flips exactly the cases whose twin went to two reviewers under the new version and not before', () => {
    const result = backtest.result as unknown as BacktestResult;
    const reallyFlipped = past
      .filter(
        (priced, index) =>
          !pathOf.get(priced.caseId)?.reviewed && pathOf.get(twins[index]?.caseId ?? '')?.reviewed,
      )
      .map((priced) => priced.caseId)
      .sort();
    expect(reallyFlipped.length).toBeGreaterThan(5);
    expect(result.flips.map((flip) => flip.caseId).sort()).toEqual(reallyFlipped);
    for (const flip of result.flips) {
      expect(flip).toMatchObject({
        recordedOutcome: 'refunded',
        replayedOutcome: 'review:fourEyesReview',
        divergence: {
          nodeId: 'policy',
          recordedHandle: 'autoApprove',
          replayedHandle: 'highValue',
        },
      });
      const rule = flip.divergence?.rules.find((entry) => entry.purpose === 'case highValue');
      expect(rule).toMatchObject({ result: true, recordedResult: false });
    }
    // Every case the draft does not flip takes, in its twin, the path the case took.
    const unflipped = past.filter((priced) => !reallyFlipped.includes(priced.caseId));
    for (const priced of unflipped) {
      const twin = twins[past.indexOf(priced)];
      expect(pathOf.get(twin?.caseId ?? '')?.outcome).toBe(pathOf.get(priced.caseId)?.outcome);
    }
  });

  it('holds for review exactly the refunds the flipped twins waited for, per currency', () => {
    const result = backtest.result as unknown as BacktestResult;
    const flipped = past.filter(
      (priced, index) =>
        !pathOf.get(priced.caseId)?.reviewed && pathOf.get(twins[index]?.caseId ?? '')?.reviewed,
    );
    // What the past case refunded is what the backtest holds back for the review.
    const heldByCase = Object.fromEntries(
      flipped.map((priced) => [priced.caseId, pathOf.get(priced.caseId)?.refunded]),
    );
    const backtestByCase = Object.fromEntries(
      result.flips.map((flip) => [flip.caseId, flip.refunds.recorded.USD]),
    );
    expect(backtestByCase).toEqual(heldByCase);
    // And where the twin's reviewers approved, re-running it refunded that same amount.
    for (const priced of flipped) {
      const twin = pathOf.get(twins[past.indexOf(priced)]?.caseId ?? '');
      if (twin?.outcome === 'refunded')
        expect(twin.refunded).toBe(pathOf.get(priced.caseId)?.refunded);
    }
    const held = flipped.map((priced) => pathOf.get(priced.caseId)?.refunded ?? 0);
    const cents = Math.round(held.reduce((sum, amount) => sum + amount * 100, 0));
    const usd = result.summary.byCurrency.USD;
    expect(usd?.money.heldForReview).toEqual({ cases: held.length, amount: cents / 100 });
    expect(usd?.people.reviewer?.created).toBe(held.length);
    expect(usd?.unknown).toBe(held.length);
    expect(result.summary.total.money.paidBefore).toBe(usd?.money.paidBefore);
  });
});
