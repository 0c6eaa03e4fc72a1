import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApprovalDecision, FlowRunState } from './types.ts';

export const flowStateQuery = defineQuery<FlowRunState>('flowState');

/** Answers how many approvals the task now has, or is refused with the reason. */
export const decideApprovalTaskUpdate = defineUpdate<
  { taskId: string; approvals: number; approvalsRequired: number; closed: boolean },
  [ApprovalDecision]
>('decideApprovalTask');
