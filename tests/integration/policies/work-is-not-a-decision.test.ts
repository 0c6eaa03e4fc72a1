import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import { CaseProjection } from '../../../server/cases/case-projection.ts';
import { approvalTasksSince, caseMetrics } from '../../../server/metrics/case-metrics.ts';
import { runScriptedCase } from './case-driver.ts';
import { openPolicyStack, type PolicyStack } from './policy-stack.ts';
import { type RefundScenarioCase, refundScenarioCases } from './refund-scenarios.ts';

// A store clerk grades every merchant-fulfilled return, whoever decided the refund. Grading is
// work: only the photo reviewer's verdict makes a case "decided by people".
const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(6, '3')
  .slice(0, 6);
const scenarios = refundScenarioCases(runId, 1, new Date());
const byName = (prefix: string): RefundScenarioCase => {
  const found = scenarios.find((scenario) => scenario.name.startsWith(prefix));
  if (!found) throw new Error(`no scenario ${prefix}`);
  return found;
};
const autoApproved = byName('unopened, no reason, within 7 days');
const reviewed = byName('quality problem with photos: reviewer accepts');

let stack: PolicyStack;

beforeAll(async () => {
  stack = await openPolicyStack(`work-not-decision-${runId}`);
  stack.emulator.controls.addOrders([autoApproved.order, reviewed.order]);
  for (const scenario of [autoApproved, reviewed]) {
    await runScriptedCase(stack, { trigger: 'refund.requested', ...scenario });
  }
}, 300_000);
afterAll(async () => {
  await stack?.close();
});

const caseRecord = (caseId: string) => caseModel(stack.database).findById(caseId).lean();

describe('a store grading a return is work, not a decision', () => {
  it('an auto-approved merchant-fulfilled return the store graded was decided by the rules', async () => {
    expect(autoApproved.reviews.inspect).toHaveLength(1);
    expect(await caseRecord(autoApproved.caseId)).toMatchObject({
      status: 'completed',
      outcome: 'refunded',
      decidedBy: 'rules',
    });
  });

  it('a return a reviewer accepted before the store graded it was decided by people', async () => {
    expect(await caseRecord(reviewed.caseId)).toMatchObject({
      status: 'completed',
      outcome: 'refunded',
      decidedBy: 'people',
    });
  });

  it('metrics count the auto-approved case as decided by rules', async () => {
    const metrics = await caseMetrics(
      {
        cases: new CaseProjection(stack.database),
        tasksSince: approvalTasksSince(stack.database),
      },
      { flowKey: 'marketplace-refund' },
      undefined,
    );
    expect(metrics.flows).toEqual([
      expect.objectContaining({ flowKey: 'marketplace-refund', cases: 2, autoDecidedShare: 0.5 }),
    ]);
  });
});
