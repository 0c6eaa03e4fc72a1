import {
  ChildWorkflowFailure,
  executeChild,
  isCancellation,
  workflowInfo,
} from '@temporalio/workflow';
import { HANDLE, type NodeOfKind, subflowKey } from '#flow-language';
import { flowFailure } from '../flow-failure.ts';
import type { Branch, RunContext } from '../run-context.ts';
import type { FlowRunInput, FlowRunResult } from '../types.ts';
import { mapInputs } from './map-inputs.ts';

/** Runs the pinned subflow as a child workflow and stores { outcome, variables }. */
export async function runSubflow(
  context: RunContext,
  branch: Branch,
  node: NodeOfKind<'subflow'>,
  visit: number,
): Promise<string> {
  const flow = context.input.subflows[subflowKey(node)];
  if (!flow) throw flowFailure(node.id, `subflow ${subflowKey(node)} was not pinned at start`);
  const childInput: FlowRunInput = {
    flow,
    subflows: context.input.subflows,
    caseInput: mapInputs(context, branch, node.id, node.inputs),
    caseContext: context.input.caseContext,
  };
  try {
    const result = await executeChild<(input: FlowRunInput) => Promise<FlowRunResult>>('runFlow', {
      workflowId: `${workflowInfo().workflowId}/${node.id}#${visit}`,
      args: [childInput],
    });
    if (node.resultVariable) branch.set(node.resultVariable, result);
    return HANDLE.next;
  } catch (error) {
    if (isCancellation(error) || !(error instanceof ChildWorkflowFailure)) throw error;
    if (context.graph.has(node.id, HANDLE.error)) return HANDLE.error;
    throw flowFailure(node.id, `subflow ${flow.key} failed: ${error.cause?.message}`, error);
  }
}
