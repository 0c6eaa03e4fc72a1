/**
 * Interpreter overhead: the shipped refund policy run by the generic interpreter (`runFlow`)
 * against the same logic written as a plain Temporal workflow (bench/workflows/plain-refund.ts),
 * 500 cases each on the same server and worker, in interleaved rounds so both see the same
 * machine. External systems are in-memory stand-ins for both; the interpreter's own work
 * (rule evaluation, the case trail written to MongoDB) is what the ratio shows. CPU time per
 * case is accounted to the Temporal server, FerretDB and the worker (this process), so the
 * figures say where the difference goes.
 * Run: npm run bench:overhead
 */
import {
  type BenchCase,
  type CpuConsumer,
  type CpuSeconds,
  EngineBench,
  type EngineVariant,
  type RouteKind,
} from './support/engine-bench.ts';
import { inLanes, percentile, writeResults } from './support/measurements.ts';

const CASES_PER_VARIANT = 500;
const ROUNDS = 10;
const CONCURRENCY = 10;
const WARM_UP_CASES = 40;
// The policy's unattended routes in the proportions a seller sees them.
const ROUTE_MIX: RouteKind[] = [
  'auto-approved',
  'auto-approved',
  'auto-approved',
  'auto-approved',
  'auto-approved',
  'auto-approved',
  'auto-approved',
  'auto-approved',
  'late',
  'already-refunded',
];

const bench = await EngineBench.open('bench-interpreter-overhead');
try {
  const casesFor = (count: number, offset: number) =>
    Array.from({ length: count }, (_, index) =>
      bench.newCase(ROUTE_MIX[index % ROUTE_MIX.length] as RouteKind, offset + index),
    );
  const measure = async (variant: EngineVariant, cases: BenchCase[]) => {
    const cpuBefore = bench.cpuSeconds();
    const began = performance.now();
    const latencies = await inLanes(CONCURRENCY, cases, (benchCase) =>
      bench.run(variant, benchCase),
    );
    const wallMs = performance.now() - began;
    return { wallMs, latencies, cpuSeconds: spent(cpuBefore, bench.cpuSeconds()) };
  };
  await measure('interpreter', casesFor(WARM_UP_CASES, 0));
  await measure('plain', casesFor(WARM_UP_CASES, 0));

  const totals = {
    interpreter: { wallMs: 0, latencies: [] as number[], cpuSeconds: {} as CpuSeconds },
    plain: { wallMs: 0, latencies: [] as number[], cpuSeconds: {} as CpuSeconds },
  };
  const perRound = CASES_PER_VARIANT / ROUNDS;
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate who goes first so neither always runs on a warmer server.
    const order: EngineVariant[] = round % 2 ? ['plain', 'interpreter'] : ['interpreter', 'plain'];
    for (const variant of order) {
      const { wallMs, latencies, cpuSeconds } = await measure(
        variant,
        casesFor(perRound, round * perRound),
      );
      totals[variant].wallMs += wallMs;
      totals[variant].latencies.push(...latencies);
      totals[variant].cpuSeconds = added(totals[variant].cpuSeconds, cpuSeconds);
    }
  }

  const rows = (['plain', 'interpreter'] as const).map((variant) => ({
    variant,
    cases: totals[variant].latencies.length,
    casesPerSecond: Number(
      ((totals[variant].latencies.length / totals[variant].wallMs) * 1000).toFixed(1),
    ),
    p50Ms: Math.round(percentile(totals[variant].latencies, 50)),
    p99Ms: Math.round(percentile(totals[variant].latencies, 99)),
    ...cpuMsPerCase(totals[variant].cpuSeconds, totals[variant].latencies.length),
  }));
  const ratio = Number((totals.interpreter.wallMs / totals.plain.wallMs).toFixed(2));
  console.table(rows);
  console.log(`interpreter / plain wall time: ${ratio} (target <= 1.14)`);
  await writeResults('interpreter-overhead', {
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    rows,
    ratio,
  });
} finally {
  await bench.close();
}

function spent(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  const consumers = Object.keys(after) as CpuConsumer[];
  return Object.fromEntries(
    consumers.flatMap((consumer) => {
      const [from, to] = [before[consumer], after[consumer]];
      return from === undefined || to === undefined ? [] : [[consumer, to - from]];
    }),
  );
}

function added(total: CpuSeconds, more: CpuSeconds): CpuSeconds {
  const consumers = Object.keys(more) as CpuConsumer[];
  return Object.fromEntries(
    consumers.map((consumer) => [consumer, (total[consumer] ?? 0) + (more[consumer] ?? 0)]),
  );
}

/** E.g. { cpuMsTemporal: 63, cpuMsFerretDb: 2, cpuMsWorker: 33 } per case. */
function cpuMsPerCase(cpuSeconds: CpuSeconds, cases: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(cpuSeconds).map(([consumer, seconds]) => [
      `cpuMs${consumer[0]?.toUpperCase()}${consumer.slice(1)}`,
      Math.round(((seconds ?? 0) / cases) * 1000),
    ]),
  );
}
