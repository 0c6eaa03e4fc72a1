/**
 * Rule evaluation: evaluations per second of the evaluator the workflows use (`evaluateRule`
 * from the flow language: rule analysis, missing-data check, json-logic-engine) against
 * json-logic-js `apply`, over the shipped refund policy's rules and generated cases.
 * Run: npm run bench:rules
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import jsonLogic from 'json-logic-js';
import { evaluateRule } from '#flow-language';

const ROUNDS = 7;
const CASES = 2_000;
const policyPath = new URL('../policies/marketplace-refund.flow.json', import.meta.url);
const resultsPath = new URL('./results/rule-evaluation.json', import.meta.url);

interface PolicyNode {
  condition?: unknown;
  cases?: { when: unknown }[];
}

async function policyRules(): Promise<unknown[]> {
  const policy = JSON.parse(await readFile(policyPath, 'utf8')) as { nodes: PolicyNode[] };
  return policy.nodes.flatMap((node) => [
    ...(node.condition === undefined ? [] : [node.condition]),
    ...(node.cases ?? []).map((entry) => entry.when),
  ]);
}

/** Deterministic variety: every branch of the policy is taken by some of the cases. */
function refundCases(count: number): Record<string, unknown>[] {
  const reasons = ['no-reason', 'quality-problem', 'damaged-in-transit', 'wrong-item'];
  const conditions = ['unopened', 'opened', 'damaged'];
  return Array.from({ length: count }, (_, index) => ({
    daysSinceDelivery: index % 21,
    refundTotalCents: (index * 977) % 40_000,
    returnReason: reasons[index % reasons.length],
    itemCondition: conditions[index % conditions.length],
    returnWindowDays: index % 5 === 0 ? 15 : 7,
    events: { hasGuaranteeClaim: index % 17 === 0, refundedTotal: index % 23 === 0 ? 500 : 0 },
    order: { fulfillmentChannel: index % 3 === 0 ? 'AFN' : 'MFN' },
  }));
}

type Evaluator = (rule: unknown, data: Record<string, unknown>) => unknown;

const evaluators: Record<string, Evaluator> = {
  'flow-language evaluateRule (workflows)': (rule, data) => evaluateRule(rule, data),
  'json-logic-js apply (baseline)': (rule, data) =>
    jsonLogic.apply(rule as jsonLogic.RulesLogic, data),
};

function evaluationsPerSecond(evaluate: Evaluator, rules: unknown[], cases: object[]): number {
  const started = process.hrtime.bigint();
  for (const data of cases) {
    for (const rule of rules) evaluate(rule, data as Record<string, unknown>);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (rules.length * cases.length) / seconds;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const rules = await policyRules();
const cases = refundCases(CASES);
const rates: Record<string, number[]> = Object.fromEntries(
  Object.keys(evaluators).map((name) => [name, []]),
);
for (const evaluate of Object.values(evaluators)) evaluationsPerSecond(evaluate, rules, cases);
// Interleaved rounds so both evaluators see the same machine noise.
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, evaluate] of Object.entries(evaluators)) {
    rates[name]?.push(evaluationsPerSecond(evaluate, rules, cases));
  }
}

const [ours = 0, baseline = 0] = Object.values(rates).map(median);
const figures = {
  measuredAt: new Date().toISOString(),
  rules: rules.length,
  cases: CASES,
  rounds: ROUNDS,
  evaluationsPerSecond: Object.fromEntries(
    Object.entries(rates).map(([name, values]) => [name, Math.round(median(values))]),
  ),
  ratioToBaseline: Number((ours / baseline).toFixed(2)),
};
console.table(figures.evaluationsPerSecond);
console.log(`flow-language / json-logic-js = ${figures.ratioToBaseline}`);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(resultsPath, `${JSON.stringify(figures, null, 2)}\n`);
