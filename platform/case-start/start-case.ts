import { randomUUID } from 'node:crypto';
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import { type FlowDefinition, type FlowIssue, validateCaseInput } from '#flow-language';
import type { runFlow } from '../../workflows/flow-run/flow-run.ts';
import type { FlowRunInput } from '../../workflows/flow-run/types.ts';
import type { CaseAccounts } from './case-account.ts';
import { type CaseOrders, orderIdOf } from './case-orders.ts';
import { type CaseScope, type PublishedFlow, selectFlow } from './flow-selection.ts';

export interface CaseSubmission extends CaseScope {
  /** What happened, e.g. `refund.requested`; selects the flow. */
  trigger: string;
  input: Record<string, unknown>;
  requestedBy: string;
  /** The caller's idempotency key: submitting the same case id twice starts one run. */
  caseId?: string;
  /** The configured marketplace account every Amazon step of the case goes through. */
  account?: string;
}

export interface SubmittedCase {
  caseId: string;
  workflowId: string;
  flowKey: string;
  flowVersion: number;
  /** False when this case id had already been submitted. */
  started: boolean;
  /** The input as sent to the run and to be stored: fields declared `pii` are sealed. */
  caseInput: Record<string, unknown>;
}

/** Where case intake finds the published flows: the API's FlowVersions, the worker's reader. */
export interface PublishedFlowSource {
  publishedForTrigger(trigger: string): Promise<PublishedFlow[]>;
  /** Every published subflow the flow calls, transitively, keyed by subflowKey. */
  pinSubflows(flow: FlowDefinition): Promise<Record<string, FlowDefinition>>;
}

/** Seals the fields a flow declares `pii` with the case's own key (PiiVault). */
export interface BuyerDataSealer {
  sealFields(
    caseId: string,
    values: Record<string, unknown>,
    fields: readonly string[],
  ): Promise<Record<string, unknown>>;
}

export interface CaseStartDependencies {
  temporal: Client;
  taskQueue: string;
  flows: PublishedFlowSource;
  buyerData: BuyerDataSealer;
  caseAccounts: CaseAccounts;
  caseOrders: CaseOrders;
}

export class CaseRejected extends Error {
  override name = 'CaseRejected';

  constructor(readonly issues: FlowIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
  }
}

export const caseWorkflowId = (caseId: string) => `case-${caseId}`;

/** The case a run belongs to, its subflows' child runs (`case-X/node#1`) included. */
export function caseIdOfWorkflow(workflowId: string | undefined): string | undefined {
  const root = workflowId?.split('/')[0];
  return root?.startsWith('case-') ? root.slice('case-'.length) : undefined;
}

/**
 * Starts the published flow the case's trigger and scope select, pinning that version and its
 * subflows into the run, after checking the case against the flow's declared inputs. The one
 * way a case starts, whether a requester sent it to the API or the worker read it from Amazon.
 */
export async function startCase(
  deps: CaseStartDependencies,
  submission: CaseSubmission,
): Promise<SubmittedCase> {
  const { brand, marketplace, store, account } = submission;
  const flow = selectFlow(await deps.flows.publishedForTrigger(submission.trigger), {
    brand,
    marketplace,
    store,
  });
  const issues = validateCaseInput(flow.definition, submission.input);
  if (issues.length > 0) throw new CaseRejected(issues);
  const caseId = submission.caseId ?? randomUUID();
  // Buyer data is sealed with the case's key before it reaches Temporal or the database.
  const caseInput = await sealBuyerData(deps.buyerData, caseId, flow.definition, submission.input);
  const input: FlowRunInput = {
    flow: flow.definition,
    subflows: await deps.flows.pinSubflows(flow.definition),
    caseInput,
    caseContext: {
      id: caseId,
      requestedBy: submission.requestedBy,
      startedAt: new Date().toISOString(),
      ...(brand && { brand }),
      ...(marketplace && { marketplace }),
      ...(store && { store }),
      ...(account && { account }),
    },
  };
  // Before the run exists, so its first marketplace step already finds the case's account.
  await deps.caseAccounts.bind(caseId, account);
  // Before the run too, so no notification about its order can come between the two.
  const orderId = orderIdOf(caseInput);
  if (orderId) await deps.caseOrders.note(orderId, { caseId, account, marketplace });
  const submitted = { caseId, workflowId: caseWorkflowId(caseId), flowKey: flow.key, caseInput };
  try {
    await deps.temporal.workflow.start<typeof runFlow>('runFlow', {
      taskQueue: deps.taskQueue,
      workflowId: submitted.workflowId,
      // A case id names one run for good: resubmitting after it closed must not start another.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [input],
    });
    return { ...submitted, flowVersion: flow.version, started: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return { ...submitted, flowVersion: flow.version, started: false };
  }
}

async function sealBuyerData(
  sealer: BuyerDataSealer,
  caseId: string,
  flow: Pick<FlowDefinition, 'inputs'>,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const fields = Object.keys(flow.inputs).filter((name) => flow.inputs[name]?.pii);
  if (fields.length === 0) return input;
  return sealer.sealFields(caseId, input, fields);
}
