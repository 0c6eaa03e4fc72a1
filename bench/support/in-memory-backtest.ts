/**
 * The in-memory half of bench/backtest.ts: the walk with backtest effects over past cases of
 * the shipped refund policy, records in memory, one core, against the test-run simulator it
 * replaced (the baseline, same run, same cases). Each variant runs in a process of its own,
 * rounds alternating between them. `walkAtNoCost` is the same walk with effects that only
 * answer from the record: the ceiling of any backtest effects. Run alone (no results file):
 * node --expose-gc --import tsx bench/support/in-memory-backtest.ts --memory-cases=5000
 * (--rounds=N; --full-gc-each-round forces a full collection before each round, as this bench
 * did until 2026-12-07; --profile=FILE writes a CPU profile of the backtest loop;
 * --allocations prints the bytes each case allocates, by function).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/** A full collection frees the maps optimized code was compiled against (PERFORMANCE.md). */
const FULL_GC_EACH_ROUND = process.argv.includes('--full-gc-each-round');

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Cases per second of one round: by the wall clock, and per CPU-second of this process (the
 * figure that still means something when other work shares the machine).
 */
async function timedRound(count: number, work: () => Promise<void>): Promise<RoundFigure> {
  if (FULL_GC_EACH_ROUND) global.gc?.();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await work();
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { wall: count / wall, cpu: count / ((used.user + used.system) / 1e6) };
}

interface RoundFigure {
  wall: number;
  cpu: number;
}

function summary(measured: RoundFigure[]) {
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

/**
 * What each variant walks, over the same past cases of the shipped refund policy, the draft
 * that moves its high-value threshold to 150.00.
 */
const VARIANTS = {
  /** The test-run simulator the walk replaced (the baseline), on each case's sample. */
  previousSimulator: async (cases: PastCase[]) => {
    const draft = refundPolicy(15_000);
    const samples = cases.map(sampleOf);
    return async () => {
      for (const sample of samples) previousSimulator(draft, sample);
    };
  },
  /** A backtest: the walk with backtest effects over records indexed once, as the server does. */
  backtestWalk: async (cases: PastCase[]) => {
    const graph = new FlowGraph(refundPolicy(15_000));
    const indexes = cases.map((pastCase) => new CaseRecordIndex(pastCase));
    return async () => {
      for (const index of indexes) await backtestCase(graph, index);
    };
  },
  backtestWalkIndexingRecords: async (cases: PastCase[]) => {
    const graph = new FlowGraph(refundPolicy(15_000));
    return async () => {
      for (const pastCase of cases) await backtestCase(graph, new CaseRecordIndex(pastCase));
    };
  },
  testRunWalk: async (cases: PastCase[]) => {
    const draft = refundPolicy(15_000);
    const samples = cases.map(sampleOf);
    return async () => {
      for (const sample of samples) await simulateFlow(draft, sample);
    };
  },
  /** The walk with effects that only answer from the record: the ceiling of backtest effects. */
  walkAtNoCost: async (cases: PastCase[]) => {
    const graph = new FlowGraph(refundPolicy(15_000));
    const indexes = cases.map((pastCase) => new CaseRecordIndex(pastCase));
    return async () => {
      for (const index of indexes) await walkAtNoCost(graph, index);
    };
  },
};

type VariantName = keyof typeof VARIANTS;

async function pastCases(count: number): Promise<PastCase[]> {
  const v1 = refundPolicy();
  const cases: PastCase[] = [];
  for (let i = 0; i < count; i += 1) cases.push(await refundPastCase(v1, i));
  return cases;
}

/** What the draft decides over the cases, against what they did. */
async function verdictCounts(cases: PastCase[]) {
  const graph = new FlowGraph(refundPolicy(15_000));
  const verdicts = new Map<string, number>();
  const recordedOutcomes = new Map<string, number>();
  for (const pastCase of cases) {
    const result = await backtestCase(graph, new CaseRecordIndex(pastCase));
    verdicts.set(result.verdict, (verdicts.get(result.verdict) ?? 0) + 1);
    const recorded = result.recorded.outcome;
    recordedOutcomes.set(recorded, (recordedOutcomes.get(recorded) ?? 0) + 1);
  }
  return {
    recordedOutcomes: Object.fromEntries(recordedOutcomes),
    verdicts: Object.fromEntries(verdicts),
  };
}

/**
 * One variant in a process of its own, its cases built and walked once before the first round;
 * a round whenever the parent asks. Each variant has its own process so that none runs on code
 * V8 optimized for another: in one process, the walks that share functions with a variant
 * measured before them ran at 60–85% of their speed alone (PERFORMANCE.md, 2026-12-07).
 */
async function serveVariant(name: VariantName, count: number): Promise<void> {
  const round = await VARIANTS[name](await pastCases(count));
  await round();
  process.on('message', async (message) => {
    if (message === 'round') process.send?.(await timedRound(count, round));
    else process.disconnect();
  });
  process.send?.('ready');
}

class VariantProcess {
  private readonly child: ChildProcess;
  private readonly waiting: { resolve: (reply: never) => void; reject: (error: Error) => void }[] =
    [];

  constructor(
    readonly name: VariantName,
    count: number,
  ) {
    const args = [`--variant=${name}`, `--memory-cases=${count}`];
    if (FULL_GC_EACH_ROUND) args.push('--full-gc-each-round');
    this.child = fork(fileURLToPath(import.meta.url), args, {
      execArgv: ['--expose-gc', '--import', 'tsx'],
    });
    this.child.on('message', (reply) => this.waiting.shift()?.resolve(reply as never));
    this.child.on('exit', (code) => {
      for (const { reject } of this.waiting.splice(0))
        reject(new Error(`the ${name} process exited (${code})`));
    });
    this.ready = this.next();
  }

  /** Settles once the process has built its cases and walked them once. */
  readonly ready: Promise<unknown>;

  private next<T>(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (reply: never) => void, reject });
    });
  }

  round(): Promise<RoundFigure> {
    const reply = this.next<RoundFigure>();
    this.child.send('round');
    return reply;
  }

  close(): void {
    if (this.child.connected) this.child.send('close');
  }
}

export async function inMemoryBacktest({ cases: count, rounds }: InMemoryOptions) {
  const names = Object.keys(VARIANTS) as VariantName[];
  const processes: VariantProcess[] = [];
  const measured = new Map<VariantName, RoundFigure[]>(names.map((name) => [name, []]));
  try {
    // One at a time, so each builds its cases and warms up on a core of its own.
    for (const name of names) {
      const variant = new VariantProcess(name, count);
      processes.push(variant);
      await variant.ready;
    }
    // Alternated round by round, so a change in the machine's load falls on all alike.
    for (let round = 0; round < rounds; round += 1) {
      for (const variant of processes) measured.get(variant.name)?.push(await variant.round());
    }
  } finally {
    for (const variant of processes) variant.close();
  }
  const figures = Object.fromEntries(
    names.map((name) => [name, summary(measured.get(name) ?? [])]),
  ) as Record<VariantName, ReturnType<typeof summary>>;
  const ratio = (a: { median: number }, b: { median: number }) =>
    Math.round((a.median / b.median) * 100) / 100;
  return {
    cases: count,
    rounds,
    fullGcEachRound: FULL_GC_EACH_ROUND,
    ...(await verdictCounts(await pastCases(count))),
    ...figures,
    ratioBacktestToPreviousSimulator: ratio(figures.backtestWalk, figures.previousSimulator),
    ratioTestRunToPreviousSimulator: ratio(figures.testRunWalk, figures.previousSimulator),
    ratioBacktestToWalkAtNoCost: ratio(figures.backtestWalk, figures.walkAtNoCost),
  };
}

/** The draft's graph and `count` indexed past cases, each backtested once. */
async function warmedBacktest(count: number) {
  const graph = new FlowGraph(refundPolicy(15_000));
  const indexes = (await pastCases(count)).map((pastCase) => new CaseRecordIndex(pastCase));
  for (const index of indexes) await backtestCase(graph, index);
  return { graph, indexes };
}

/** A CPU profile of `rounds` backtest loops over `count` cases, for finding what costs. */
async function profile(count: number, rounds: number, file: string): Promise<void> {
  const { graph, indexes } = await warmedBacktest(count);
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
  const { graph, indexes } = await warmedBacktest(count);
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
  const variant = flag('variant') as VariantName | undefined;
  if (variant) await serveVariant(variant, cases);
  else if (file) await profile(cases, rounds, file);
  else if (process.argv.includes('--allocations'))
    console.dir(await allocations(cases, rounds), { depth: 3 });
  else console.dir(await inMemoryBacktest({ cases, rounds }), { depth: 4 });
}
