import { type Connection, trusted } from 'mongoose';
import {
  type ApprovalTaskRecord,
  type ApprovalTaskStatus,
  approvalTaskModel,
  approvalTaskRecordId,
} from '#platform/approval-tasks/approval-task-record';
import { isDuplicateKey } from '#platform/database';

export type OpenApprovalTask = Omit<
  ApprovalTaskRecord,
  '_id' | 'status' | 'decisions' | 'openedAt' | 'dueAt' | 'closedAt'
> & { openedAt: string; dueAt?: string };

export interface ApprovalDecisionEntry {
  workflowId: string;
  taskId: string;
  userId: string;
  verdict: 'approve' | 'reject';
  comment?: string;
  form?: Record<string, unknown>;
  at: string;
}

/**
 * Every write is keyed by workflowId + taskId (taskId already carries node and visit), so a
 * retried activity or a replayed workflow writes the same document, never a second one.
 */
export function createApprovalTaskActivities(connection: Connection) {
  const ApprovalTask = approvalTaskModel(connection);

  return {
    /**
     * An insert that tolerates "already there" rather than an upsert: FerretDB v1 drops empty
     * arrays from $setOnInsert, which would leave an open task with no `decisions` field.
     */
    async openApprovalTask(task: OpenApprovalTask): Promise<void> {
      try {
        await ApprovalTask.create({
          ...task,
          _id: approvalTaskRecordId(task.workflowId, task.taskId),
          status: 'open',
          decisions: [],
          openedAt: new Date(task.openedAt),
          dueAt: task.dueAt ? new Date(task.dueAt) : undefined,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },

    async recordApprovalDecision(entry: ApprovalDecisionEntry): Promise<void> {
      // Single writer: the run records its task's decisions one at a time, and the run (not
      // this projection) counts approvals. Only an overlapping retry can race here, with the
      // same decision, which the `$ne` stops on MongoDB and readers count once on FerretDB.
      const { workflowId, taskId, ...decision } = entry;
      await ApprovalTask.updateOne(
        {
          _id: approvalTaskRecordId(workflowId, taskId),
          'decisions.userId': trusted({ $ne: decision.userId }),
        },
        { $push: { decisions: { ...decision, at: new Date(decision.at) } } },
      );
    },

    async escalateApprovalTask(input: {
      workflowId: string;
      taskId: string;
      role: string;
    }): Promise<void> {
      await ApprovalTask.updateOne(
        { _id: approvalTaskRecordId(input.workflowId, input.taskId) },
        { $set: { escalatedTo: input.role } },
      );
    },

    async closeApprovalTask(input: {
      workflowId: string;
      taskId: string;
      status: Exclude<ApprovalTaskStatus, 'open'>;
      at: string;
    }): Promise<void> {
      // Single writer: the run closes each task once; the status guard only keeps a late
      // retry from stamping a second closing time.
      await ApprovalTask.updateOne(
        { _id: approvalTaskRecordId(input.workflowId, input.taskId), status: 'open' },
        { $set: { status: input.status, closedAt: new Date(input.at) } },
      );
    },
  };
}

export type ApprovalTaskActivities = ReturnType<typeof createApprovalTaskActivities>;
