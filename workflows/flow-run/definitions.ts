import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AmazonNotification } from '#flow-language';
import type { ApprovalDecision, FlowRunState } from './types.ts';

export const flowStateQuery = defineQuery<FlowRunState>('flowState');

/** Answers how many approvals the task now has, or is refused with the reason. */
export const decideApprovalTaskUpdate = defineUpdate<
  { taskId: string; approvals: number; approvalsRequired: number; closed: boolean },
  [ApprovalDecision]
>('decideApprovalTask');

/**
 * Amazon said something about the case's order (notification intake): a signal, so intake
 * needs no worker to answer and a closed run simply is not told.
 */
export const amazonNotificationSignal = defineSignal<[AmazonNotification]>('amazonNotification');
