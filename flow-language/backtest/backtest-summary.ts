import { majorAsMinorUnits, minorUnitsAsMajor } from '../money-units.ts';
import type { CaseBacktest } from './backtest-case.ts';

export interface MoneyDelta {
  /** Refunded by the cases as they ran, and as the flow would have refunded them (known amounts). */
  paidBefore: number;
  paidAfter: number;
  wouldBePaid: { cases: number; amount: number };
  wouldNotBePaid: { cases: number; amount: number };
  /** Refunds the case paid that would now wait for a review first. */
  heldForReview: { cases: number; amount: number };
  /** Cases that would now send a refund the record cannot price. */
  unpricedRefunds: number;
  net: number;
}

export interface PeopleDelta {
  before: number;
  after: number;
  created: number;
  removed: number;
  slaHoursBefore: number;
  slaHoursAfter: number;
}

export interface BacktestTotals {
  cases: number;
  same: number;
  pathChanged: number;
  flipped: number;
  unknown: number;
  engineFaults: number;
  money: MoneyDelta;
  people: Record<string, PeopleDelta>;
}

export interface BacktestSummary {
  total: BacktestTotals;
  byCurrency: Record<string, BacktestTotals>;
}

export function emptyTotals(): BacktestTotals {
  return {
    cases: 0,
    same: 0,
    pathChanged: 0,
    flipped: 0,
    unknown: 0,
    engineFaults: 0,
    money: {
      paidBefore: 0,
      paidAfter: 0,
      wouldBePaid: { cases: 0, amount: 0 },
      wouldNotBePaid: { cases: 0, amount: 0 },
      heldForReview: { cases: 0, amount: 0 },
      unpricedRefunds: 0,
      net: 0,
    },
    people: {},
  };
}

/** Rounded to the currency's minor unit: hundredths for USD, whole yen, thousandths for BHD. */
const inMinorUnits = (value: number, currency: string) =>
  minorUnitsAsMajor(majorAsMinorUnits(value, currency), currency);

/** Adds one case to the totals; an engine fault is counted apart and changes nothing else. */
export function addCase(totals: BacktestTotals, result: CaseBacktest, engineFault = false): void {
  totals.cases += 1;
  if (engineFault) {
    totals.engineFaults += 1;
    return;
  }
  if (result.verdict === 'same') totals.same += 1;
  else if (result.verdict === 'path-changed') totals.pathChanged += 1;
  else if (result.verdict === 'flipped') totals.flipped += 1;
  if (result.replayed.status === 'unknown') totals.unknown += 1;
  addMoney(totals.money, result);
  addPeople(totals.people, result);
}

function addMoney(money: MoneyDelta, result: CaseBacktest): void {
  const rounded = (value: number) => inMinorUnits(value, result.currency);
  const before = sum(result.refunds.recorded);
  const after = sum(result.refunds.replayed);
  money.paidBefore = rounded(money.paidBefore + before);
  money.paidAfter = rounded(money.paidAfter + after);
  if (result.refunds.replayedUnknown) money.unpricedRefunds += 1;
  if (after > before) {
    money.wouldBePaid.cases += 1;
    money.wouldBePaid.amount = rounded(money.wouldBePaid.amount + after - before);
  } else if (before > after && result.replayed.outcome.startsWith('review:')) {
    money.heldForReview.cases += 1;
    money.heldForReview.amount = rounded(money.heldForReview.amount + before - after);
  } else if (before > after && !result.refunds.replayedUnknown) {
    money.wouldNotBePaid.cases += 1;
    money.wouldNotBePaid.amount = rounded(money.wouldNotBePaid.amount + before - after);
  }
  money.net = rounded(money.paidAfter - money.paidBefore);
}

function addPeople(people: Record<string, PeopleDelta>, result: CaseBacktest): void {
  const roles = new Set(
    [...result.tasks.recorded, ...result.tasks.replayed].map((task) => task.role),
  );
  for (const role of roles) {
    people[role] ??= {
      before: 0,
      after: 0,
      created: 0,
      removed: 0,
      slaHoursBefore: 0,
      slaHoursAfter: 0,
    };
    const delta = people[role];
    const before = result.tasks.recorded.filter((task) => task.role === role);
    const after = result.tasks.replayed.filter((task) => task.role === role);
    delta.before += before.length;
    delta.after += after.length;
    delta.created += Math.max(0, after.length - before.length);
    delta.removed += Math.max(0, before.length - after.length);
    delta.slaHoursBefore += before.reduce((hours, task) => hours + task.slaHours, 0);
    delta.slaHoursAfter += after.reduce((hours, task) => hours + task.slaHours, 0);
  }
}

function sum(amounts: Record<string, number>): number {
  return Object.values(amounts).reduce((total, amount) => total + amount, 0);
}

export function addToSummary(
  summary: BacktestSummary,
  result: CaseBacktest,
  engineFault = false,
): void {
  addCase(summary.total, result, engineFault);
  const totals = summary.byCurrency[result.currency] ?? emptyTotals();
  summary.byCurrency[result.currency] = totals;
  addCase(totals, result, engineFault);
}

/**
 * The self-check: a flow walked over cases it ran itself must take their recorded path to
 * their recorded outcome. Anything else is a fault of the engine (or of the record), not news.
 */
export function selfCheckFault(ownVersion: CaseBacktest): string | undefined {
  if (ownVersion.verdict === 'same') return undefined;
  const { recorded, replayed } = ownVersion;
  if (replayed.status === 'unknown') return `its own version stopped: ${replayed.unknown?.reason}`;
  if (recorded.outcome !== replayed.outcome) {
    return `its own version ends "${replayed.outcome}", the case ended "${recorded.outcome}"`;
  }
  return `its own version takes another path (at ${ownVersion.divergence?.nodeId ?? 'a join'})`;
}
