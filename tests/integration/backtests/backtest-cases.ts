import { order } from '../../../emulators/sp-api/index.ts';
import { DELIVERY_DAYS } from '../../../emulators/sp-api/seed-builders.ts';
import { decideApprovalTask } from '../../../server/cases/approval-decisions.ts';
import { CaseProjection } from '../../../server/cases/case-projection.ts';
import { submitCase } from '../../../server/cases/case-submission.ts';
import { flowStateQuery } from '../../../workflows/flow-run/definitions.ts';
import type { FlowRunResult } from '../../../workflows/flow-run/types.ts';
import type { PolicyStack } from '../policies/policy-stack.ts';
import { REVIEWERS, type ReviewerName } from '../policies/refund-scenarios.ts';

const TAX_RATE = 0.0825;
const DAY_MS = 86_400_000;

export interface PricedCase {
  caseId: string;
  /** Price + tax, in cents: what the policy's high-value rule reads. */
  totalCents: number;
  input: Record<string, unknown>;
}

/**
 * An Amazon-fulfilled, unopened, no-reason return three days after delivery: the policy
 * auto-approves it under its high-value threshold and asks two reviewers above it. Each call
 * adds its own order to the emulator, so a twin case can run the same facts again.
 */
export function pricedCase(
  stack: PolicyStack,
  { runDigits, serial }: { runDigits: string; serial: number },
  priceCents: number,
  now: Date,
): PricedCase {
  const caseId = `bt-${runDigits}-${serial}`;
  const taxCents = Math.round(priceCents * TAX_RATE);
  const orderId = `4${String(serial % 100).padStart(2, '0')}-${String(serial).padStart(7, '0')}-${runDigits}`;
  const orderItemId = `8${runDigits}${String(serial).padStart(6, '0')}`;
  const shipped = order(
    orderId,
    3 + DELIVERY_DAYS,
    'AFN',
    'Shipped',
    [
      {
        id: orderItemId,
        sku: `BT-${caseId}`,
        asin: 'B0BACKTEST',
        title: caseId,
        quantity: 1,
        price: priceCents / 100,
        tax: taxCents / 100,
      },
    ],
    now,
  );
  const delivered = new Date(now.getTime() - 3 * DAY_MS + 3_600_000).toISOString();
  stack.emulator.controls.addOrders([
    { ...shipped, order: { ...shipped.order, LatestDeliveryDate: delivered } },
  ]);
  return {
    caseId,
    totalCents: priceCents + taxCents,
    input: {
      orderId,
      orderItemId,
      sku: `BT-${caseId}`,
      quantity: 1,
      returnReason: 'no-reason',
      itemCondition: 'unopened',
      buyerEmail: `${caseId}@example.com`,
      buyerPostcode: '10001',
    },
  };
}

/**
 * Submits the case as the API does (the run, and the cases projection with the input the run
 * got), then has `reviewers` decide any open task in turn until the run ends.
 */
export async function runCase(
  stack: PolicyStack,
  pricedCase: PricedCase,
  reviews: { by: ReviewerName; verdict: 'approve' | 'reject' }[],
): Promise<FlowRunResult> {
  const submission = {
    trigger: 'refund.requested',
    input: pricedCase.input,
    requestedBy: 'ops-olga',
    caseId: pricedCase.caseId,
  };
  const submittedAt = new Date();
  const submitted = await submitCase(stack, submission);
  await new CaseProjection(stack.database).recordSubmission(
    submitted,
    { ...submission, input: submitted.caseInput },
    submittedAt,
  );
  const handle = stack.temporal.workflow.getHandle(submitted.workflowId);
  const pending = [...reviews];
  for (;;) {
    const done = await Promise.race([
      handle.result().then((result: FlowRunResult) => ({ result })),
      new Promise<undefined>((resolve) => setTimeout(resolve, 300)),
    ]);
    if (done) return done.result;
    const state = await handle.query(flowStateQuery);
    for (const task of state.openTasks) {
      const recorded = state.trail.filter(
        (event) => event.type === 'task.decided' && event.details?.taskId === task.taskId,
      );
      if (recorded.length < task.decisions.length) continue;
      const next = pending[0];
      const reviewer = next && REVIEWERS[next.by];
      if (!next || !reviewer || task.decisions.some((d) => d.actor.userId === reviewer.userId))
        continue;
      pending.shift();
      await decideApprovalTask(stack.temporal, submitted.workflowId, {
        taskId: task.taskId,
        verdict: next.verdict,
        actor: reviewer,
        ...(next.verdict === 'reject' ? { comment: 'does not meet the policy' } : {}),
      });
    }
  }
}
