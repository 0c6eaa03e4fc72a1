import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';

/**
 * Who is working an open task. Written by the server, never by the workflow: claiming is a
 * courtesy between reviewers, the engine decides who may decide. The `_id` is the approval
 * task's record id, so a claim is a unique insert and two concurrent claims cannot both win
 * (FerretDB's conditional updates are not atomic; its `_id` inserts are).
 */
export interface TaskClaimRecord {
  _id: string;
  userId: string;
  claimedAt: Date;
  delegatedBy?: string;
  comment?: string;
}

const taskClaimSchema = new Schema<TaskClaimRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    claimedAt: { type: Date, required: true },
    delegatedBy: String,
    comment: String,
  },
  { collection: 'approval_task_claims', versionKey: false },
);

export function taskClaimModel(connection: Connection) {
  return recordModel<TaskClaimRecord>(connection, 'TaskClaim', taskClaimSchema);
}

/**
 * One per decision request id, written before the Update is sent: a double click is answered
 * and audited once, for one task, and a request that died half-way is finished by its retry.
 */
export interface DecisionReceiptRecord {
  _id: string;
  taskRecordId: string;
  userId: string;
  at: Date;
  /** The Update's answer, repeated to a double click even after the run has ended. */
  tally?: { taskId: string; approvals: number; approvalsRequired: number; closed: boolean };
  /** Set once the decision is in the audit log. */
  auditedAt?: Date;
}

const decisionReceiptSchema = new Schema<DecisionReceiptRecord>(
  {
    _id: { type: String, required: true },
    taskRecordId: { type: String, required: true },
    userId: { type: String, required: true },
    at: { type: Date, required: true },
    tally: {
      _id: false,
      taskId: String,
      approvals: Number,
      approvalsRequired: Number,
      closed: Boolean,
    },
    auditedAt: Date,
  },
  { collection: 'approval_decision_receipts', versionKey: false },
);

export function decisionReceiptModel(connection: Connection) {
  return recordModel<DecisionReceiptRecord>(connection, 'DecisionReceipt', decisionReceiptSchema);
}
