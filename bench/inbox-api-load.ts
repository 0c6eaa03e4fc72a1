/**
 * The load half of the inbox benchmark (`bench/inbox-api.ts` starts it): a plain HTTP client
 * in its own process, so the API under test shares neither its event loop nor its CPU time
 * with the bench's seeding and bookkeeping. It reads its plan as JSON from `INBOX_LOAD_PLAN`,
 * warms each target up, then sends rounds of `GET <path>` to the targets in alternating order,
 * `concurrency` requests in flight, and prints one JSON line: each target's latencies and the
 * wall time its rounds took.
 */
import { inboxQuerySchema } from '#api-contract/inbox';
import { inLanes } from './support/measurements.ts';

export interface LoadTarget {
  name: string;
  url: string;
  /** Sent as the `cookie` header: the reviewer's signed-in session. */
  session: string;
  /** The `total` every answer must report, so a broken page is never timed as a fast one. */
  expectedTotal: number;
}

export interface LoadPlan {
  path: string;
  concurrency: number;
  warmUpRequests: number;
  rounds: number;
  requestsPerRound: number;
  targets: LoadTarget[];
}

export interface TargetLoad {
  latenciesMs: number[];
  /** Wall time of the measured rounds, for requests per second. */
  busyMs: number;
}

export type LoadReport = Record<string, TargetLoad>;

const defaultPageSize = inboxQuerySchema.parse({}).pageSize;

async function listInbox(target: LoadTarget, path: string): Promise<number> {
  const began = performance.now();
  const answer = await fetch(`${target.url}${path}`, { headers: { cookie: target.session } });
  const page = (await answer.json()) as { total?: number; items?: unknown[] };
  const fullPage = Math.min(defaultPageSize, target.expectedTotal);
  if (!answer.ok || page.total !== target.expectedTotal || page.items?.length !== fullPage) {
    throw new Error(
      `${target.name} answered ${answer.status}: ${JSON.stringify(page).slice(0, 300)}`,
    );
  }
  return performance.now() - began;
}

/** `count` requests, `concurrency` at a time. */
async function burst(target: LoadTarget, count: number, plan: LoadPlan): Promise<TargetLoad> {
  const began = performance.now();
  const latenciesMs = await inLanes(plan.concurrency, Array.from({ length: count }), () =>
    listInbox(target, plan.path),
  );
  return { latenciesMs, busyMs: performance.now() - began };
}

async function runPlan(plan: LoadPlan): Promise<LoadReport> {
  const report: LoadReport = Object.fromEntries(
    plan.targets.map((target) => [target.name, { latenciesMs: [], busyMs: 0 }]),
  );
  for (const target of plan.targets) await burst(target, plan.warmUpRequests, plan);
  for (let round = 0; round < plan.rounds; round += 1) {
    // Alternating order, so neither target always runs right after the other's load.
    const order = round % 2 === 0 ? plan.targets : [...plan.targets].reverse();
    for (const target of order) {
      const measured = await burst(target, plan.requestsPerRound, plan);
      const total = report[target.name] as TargetLoad;
      total.latenciesMs.push(...measured.latenciesMs);
      total.busyMs += measured.busyMs;
    }
  }
  return report;
}

const plan = JSON.parse(process.env.INBOX_LOAD_PLAN ?? 'null') as LoadPlan | null;
if (!plan) throw new Error('INBOX_LOAD_PLAN is not set: start this through bench/inbox-api.ts');
process.stdout.write(`${JSON.stringify(await runPlan(plan))}\n`);
