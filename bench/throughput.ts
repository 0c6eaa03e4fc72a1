/**
 * Throughput and latency: auto-approved refund cases through the shipped policy at
 * concurrency 1, 10 and 100 — cases per second, and p50/p99 time from submission to the
 * case's outcome (decided by the rules, refunded, posted, buyer told). The same cases through
 * the hand-written baseline workflow at each level give the ratio. External systems are
 * in-memory stand-ins (see bench/support/stand-in-systems.ts).
 * Run: npm run bench:throughput
 */
import { EngineBench, type EngineVariant } from './support/engine-bench.ts';
import { inLanes, percentile, writeResults } from './support/measurements.ts';

// Each level alternates chunks of interpreted and plain cases, so both see the same machine.
const LEVELS = [
  { concurrency: 1, cases: 30, chunks: 3 },
  { concurrency: 10, cases: 200, chunks: 4 },
  { concurrency: 100, cases: 400, chunks: 2 },
];
const WARM_UP_CASES = 40;

const bench = await EngineBench.open('bench-throughput');
let caseNumber = 0;
const autoApprovedCases = (count: number) =>
  Array.from({ length: count }, () => bench.newCase('auto-approved', caseNumber++));

interface Tally {
  seconds: number;
  latencies: number[];
}

async function runChunk(variant: EngineVariant, concurrency: number, cases: number, tally: Tally) {
  const began = performance.now();
  const latencies = await inLanes(concurrency, autoApprovedCases(cases), (benchCase) =>
    bench.run(variant, benchCase),
  );
  tally.seconds += (performance.now() - began) / 1000;
  tally.latencies.push(...latencies);
}

const figures = ({ seconds, latencies }: Tally) => ({
  casesPerSecond: Number((latencies.length / seconds).toFixed(1)),
  p50Ms: Math.round(percentile(latencies, 50)),
  p99Ms: Math.round(percentile(latencies, 99)),
});

async function measureLevel(concurrency: number, cases: number, chunks: number) {
  const tallies: Record<EngineVariant, Tally> = {
    interpreter: { seconds: 0, latencies: [] },
    plain: { seconds: 0, latencies: [] },
  };
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const order: EngineVariant[] = chunk % 2 ? ['plain', 'interpreter'] : ['interpreter', 'plain'];
    for (const variant of order) {
      await runChunk(variant, concurrency, cases / chunks, tallies[variant]);
    }
  }
  return { interpreter: figures(tallies.interpreter), plain: figures(tallies.plain) };
}

try {
  await measureLevel(10, WARM_UP_CASES, 2);
  const rows = [];
  for (const { concurrency, cases, chunks } of LEVELS) {
    const { interpreter, plain } = await measureLevel(concurrency, cases, chunks);
    rows.push({
      concurrency,
      cases,
      casesPerSecond: interpreter.casesPerSecond,
      p50Ms: interpreter.p50Ms,
      p99Ms: interpreter.p99Ms,
      plainCasesPerSecond: plain.casesPerSecond,
      plainP50Ms: plain.p50Ms,
      plainP99Ms: plain.p99Ms,
      throughputRatio: Number((interpreter.casesPerSecond / plain.casesPerSecond).toFixed(2)),
    });
  }
  console.table(rows);
  await writeResults('throughput', { rows });
} finally {
  await bench.close();
}
