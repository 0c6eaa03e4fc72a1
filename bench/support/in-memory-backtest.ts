/**
 * The in-memory half of bench/backtest.ts: the walk with backtest effects over past cases of
 * the shipped refund policy, records in memory, one core, against the test-run simulator it
 * replaced (the baseline, same run, same cases). Run alone (it writes no results file):
 * node --expose-gc --import tsx bench/support/in-memory-backtest.ts --memory-cases=5000
 * (--rounds=N; --profile=FILE writes a CPU profile of the backtest loop; --allocations prints
 * the bytes each case allocates, by function). `walkAtNoCost` is the same walk with effects that
 * only answer from the record: the ceiling of any backtest effects.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import {
  backtestCase,
  CaseRecordIndex,
  type FlowDefinition,
  FlowGraph,
  type PastCase,
  parseFlowDefinition,
  simulateFlow,
} from '#flow-language';
import { shippedPolicyDocument } from '../../policies/shipped-policies.ts';
import { refundDraftWithHighValue } from '../../tests/support/refund-policy-drafts.ts';
import { walkAtNoCost } from './no-cost-effects.ts';
import { simulateFlow as previousSimulator } from './previous-simulator/simulate.ts';
import { refundPastCase, sampleOf } from './refund-past-cases.ts';

/** The shipped refund policy; with `highValueCents`, the draft that moves its threshold. */
export function refundPolicy(highValueCents?: number): FlowDefinition {
  const document =
    highValueCents === undefined
      ? shippedPolicyDocument('marketplace-refund')
      : refundDraftWithHighValue(highValueCents);
  const parsed = parseFlowDefinition(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Cases per second of one round: by the wall clock, and per CPU-second of this process (the
 * figure that still means something when other work shares the machine).
 */
async function timedRound(count: number, work: () => Promise<void>) {
  global.gc?.();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await work();
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { wall: count / wall, cpu: count / ((used.user + used.system) / 1e6) };
}

/** The medians of `rounds` rounds, and each round's figure. */
async function perSecond(count: number, rounds: number, work: () => Promise<void>) {
  const measured: { wall: number; cpu: number }[] = [];
  for (let round = 0; round < rounds; round += 1) measured.push(await timedRound(count, work));
  return summary(measured);
}

function summary(measured: { wall: number; cpu: number }[]) {
  return {
    median: Math.round(median(measured.map((m) => m.wall))),
    medianPerCpuSecond: Math.round(median(measured.map((m) => m.cpu))),
    rounds: measured.map((m) => Math.round(m.wall)),
  };
}

export interface InMemoryOptions {
  cases: number;
  rounds: number;
}

export async function inMemoryBacktest({ cases: count, rounds }: InMemoryOptions) {
  const v1 = refundPolicy();
  const draft = refundPolicy(15_000);
  const cases: PastCase[] = [];
  for (let i = 0; i < count; i += 1) cases.push(await refundPastCase(v1, i));
  const indexes = cases.map((pastCase) => new CaseRecordIndex(pastCase));
  const samples = cases.map(sampleOf);
  const graph = new FlowGraph(draft);
  const outcomes = new Map<string, number>();
  const recordedOutcomes = new Map<string, number>();
  for (const index of indexes) {
    const result = await backtestCase(graph, index);
    outcomes.set(result.verdict, (outcomes.get(result.verdict) ?? 0) + 1);
    const recorded = result.recorded.outcome;
    recordedOutcomes.set(recorded, (recordedOutcomes.get(recorded) ?? 0) + 1);
  }
  // Alternated round by round, so a change in the machine's load falls on both alike.
  const previous: { wall: number; cpu: number }[] = [];
  const walk: { wall: number; cpu: number }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    previous.push(
      await timedRound(count, async () => {
        for (const sample of samples) previousSimulator(draft, sample);
      }),
    );
    walk.push(
      await timedRound(count, async () => {
        for (const index of indexes) await backtestCase(graph, index);
      }),
    );
  }
  const figures = {
    cases: count,
    rounds,
    recordedOutcomes: Object.fromEntries(recordedOutcomes),
    verdicts: Object.fromEntries(outcomes),
    previousSimulator: summary(previous),
    backtestWalk: summary(walk),
    backtestWalkIndexingRecords: await perSecond(count, rounds, async () => {
      for (const pastCase of cases) await backtestCase(graph, new CaseRecordIndex(pastCase));
    }),
    testRunWalk: await perSecond(count, rounds, async () => {
      for (const sample of samples) await simulateFlow(draft, sample);
    }),
    // Last: its effects make the walk's calls into them polymorphic for whatever runs after.
    walkAtNoCost: await perSecond(count, rounds, async () => {
      for (const index of indexes) await walkAtNoCost(graph, index);
    }),
  };
  const ratio = (a: { median: number }, b: { median: number }) =>
    Math.round((a.median / b.median) * 100) / 100;
  return {
    ...figures,
    ratioBacktestToPreviousSimulator: ratio(figures.backtestWalk, figures.previousSimulator),
    ratioTestRunToPreviousSimulator: ratio(figures.testRunWalk, figures.previousSimulator),
  };
}

/** A CPU profile of `rounds` backtest loops over `count` cases, for finding what costs. */
async function profile(count: number, rounds: number, file: string): Promise<void> {
  const v1 = refundPolicy();
  const graph = new FlowGraph(refundPolicy(15_000));
  const indexes: CaseRecordIndex[] = [];
  for (let i = 0; i < count; i += 1) indexes.push(new CaseRecordIndex(await refundPastCase(v1, i)));
  for (const index of indexes) await backtestCase(graph, index);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  for (let round = 0; round < rounds; round += 1) {
    for (const index of indexes) await backtestCase(graph, index);
  }
  const { profile: cpu } = await session.post('Profiler.stop');
  await writeFile(file, JSON.stringify(cpu));
  session.disconnect();
}

/**
 * Bytes allocated per case, and by which functions, over `rounds` backtest loops: a sampling
 * heap profile that keeps what the young generation collected (most of a walk's garbage).
 */
async function allocations(count: number, rounds: number) {
  const graph = new FlowGraph(refundPolicy(15_000));
  const v1 = refundPolicy();
  const indexes: CaseRecordIndex[] = [];
  for (let i = 0; i < count; i += 1) indexes.push(new CaseRecordIndex(await refundPastCase(v1, i)));
  for (const index of indexes) await backtestCase(graph, index);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let round = 0; round < rounds; round += 1) {
    for (const index of indexes) await backtestCase(graph, index);
  }
  const { profile: heap } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const bySite = new Map<string, number>();
  const visit = (node: typeof heap.head) => {
    const site = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(heap.head);
  const perCase = (bytes: number) => Math.round(bytes / (count * rounds));
  const total = [...bySite.values()].reduce((sum, bytes) => sum + bytes, 0);
  return {
    bytesPerCase: perCase(total),
    bySite: Object.fromEntries(
      [...bySite]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([site, bytes]) => [site, perCase(bytes)]),
    ),
  };
}

function flag(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cases = Number(flag('memory-cases') ?? 5_000);
  const rounds = Number(flag('rounds') ?? 5);
  const file = flag('profile');
  if (file) await profile(cases, rounds, file);
  else if (process.argv.includes('--allocations'))
    console.dir(await allocations(cases, rounds), { depth: 3 });
  else console.dir(await inMemoryBacktest({ cases, rounds }), { depth: 4 });
}
