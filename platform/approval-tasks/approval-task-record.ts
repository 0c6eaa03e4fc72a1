import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';

export type ApprovalTaskStatus = 'open' | 'approved' | 'rejected' | 'timed-out' | 'cancelled';

/**
 * The inbox's projection of a human task. The workflow is the source of truth and writes this
 * through idempotent activities; the API lists and filters it without asking Temporal.
 */
export interface ApprovalTaskRecord {
  _id: string;
  workflowId: string;
  taskId: string;
  caseId: string;
  flowKey: string;
  flowVersion: number;
  nodeId: string;
  title: string;
  assigneeRole?: string;
  assigneeGroup?: string;
  escalatedTo?: string;
  /** The amount the run computed when the task opened (e.g. a refund total), if the node reads one. */
  amount?: { field: string; cents: number; currency?: string };
  approvalsRequired: number;
  requestedBy: string;
  status: ApprovalTaskStatus;
  openedAt: Date;
  dueAt?: Date;
  closedAt?: Date;
  decisions: {
    userId: string;
    verdict: 'approve' | 'reject';
    comment?: string;
    form?: Record<string, unknown>;
    at: Date;
  }[];
}

const approvalTaskSchema = new Schema<ApprovalTaskRecord>(
  {
    _id: { type: String, required: true },
    workflowId: { type: String, required: true, index: true },
    taskId: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    flowKey: { type: String, required: true },
    flowVersion: { type: Number, required: true },
    nodeId: { type: String, required: true },
    title: { type: String, required: true },
    assigneeRole: String,
    assigneeGroup: String,
    escalatedTo: String,
    amount: {
      _id: false,
      type: { field: String, cents: Number, currency: String },
      required: false,
    },
    approvalsRequired: { type: Number, required: true },
    requestedBy: { type: String, required: true },
    status: { type: String, required: true, index: true },
    openedAt: { type: Date, required: true },
    dueAt: Date,
    closedAt: Date,
    decisions: {
      type: [
        {
          _id: false,
          userId: String,
          verdict: String,
          comment: String,
          form: Schema.Types.Mixed,
          at: Date,
        },
      ],
      default: [],
    },
  },
  { collection: 'approval_tasks', versionKey: false },
);

export function approvalTaskModel(connection: Connection) {
  return recordModel<ApprovalTaskRecord>(connection, 'ApprovalTask', approvalTaskSchema);
}

export const approvalTaskRecordId = (workflowId: string, taskId: string) =>
  `${workflowId}/${taskId}`;

/** People who approved; an overlapping retry may have recorded someone's decision twice. */
export function approvalCount(task: Pick<ApprovalTaskRecord, 'decisions'>): number {
  const approvers = task.decisions.filter((decision) => decision.verdict === 'approve');
  return new Set(approvers.map((decision) => decision.userId)).size;
}
