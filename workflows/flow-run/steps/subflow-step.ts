import { executeChild, workflowInfo } from '@temporalio/workflow';
import { type NodeOfKind, subflowKey } from '#flow-language';
import { flowFailure } from '../flow-failure.ts';
import type { RunContext } from '../run-context.ts';
import type { FlowRunInput, FlowRunResult } from '../types.ts';

/** Runs the subflow pinned at start as a child workflow; answers its { outcome, variables }. */
export function startSubflow(
  context: RunContext,
  node: NodeOfKind<'subflow'>,
  caseInput: Record<string, unknown>,
  visit: number,
): Promise<FlowRunResult> {
  const flow = context.input.subflows[subflowKey(node)];
  if (!flow) throw flowFailure(node.id, `subflow ${subflowKey(node)} was not pinned at start`);
  const childInput: FlowRunInput = {
    flow,
    subflows: context.input.subflows,
    caseInput,
    caseContext: context.input.caseContext,
  };
  return executeChild<(input: FlowRunInput) => Promise<FlowRunResult>>('runFlow', {
    workflowId: `${workflowInfo().workflowId}/${node.id}#${visit}`,
    args: [childInput],
  });
}
