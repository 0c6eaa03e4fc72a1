/**
 * Throughput and latency: auto-approved refund cases through the shipped policy at
 * concurrency 1, 10 and 100 — cases per second, and p50/p99 time from submission to the
 * case's outcome (decided by the rules, refunded, posted, buyer told). The same cases through
 * the hand-written baseline workflow at each level give the ratio. External systems are
 * in-memory stand-ins (see bench/support/stand-in-systems.ts).
 * Run: npm run bench:throughput
 */
import {
  EngineBench,
  type EngineVariant,
  inLanes,
  percentile,
  writeResults,
} from './support/engine-bench.ts';

const LEVELS = [
  { concurrency: 1, cases: 30 },
  { concurrency: 10, cases: 200 },
  { concurrency: 100, cases: 400 },
];
const WARM_UP_CASES = 40;

const bench = await EngineBench.open('bench-throughput');
let caseNumber = 0;
const autoApprovedCases = (count: number) =>
  Array.from({ length: count }, () => bench.newCase('auto-approved', caseNumber++));

async function measure(variant: EngineVariant, concurrency: number, cases: number) {
  const began = performance.now();
  const latencies = await inLanes(concurrency, autoApprovedCases(cases), (benchCase) =>
    bench.run(variant, benchCase),
  );
  const seconds = (performance.now() - began) / 1000;
  return {
    casesPerSecond: Number((cases / seconds).toFixed(1)),
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
  };
}

try {
  await measure('interpreter', 10, WARM_UP_CASES);
  await measure('plain', 10, WARM_UP_CASES);
  const rows = [];
  for (const { concurrency, cases } of LEVELS) {
    const interpreter = await measure('interpreter', concurrency, cases);
    const plain = await measure('plain', concurrency, cases);
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
