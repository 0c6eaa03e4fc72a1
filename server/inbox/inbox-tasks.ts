import { type Connection, trusted } from 'mongoose';
import type { InboxQuery, InboxTask } from '#api-contract/inbox';
import {
  type ApprovalTaskRecord,
  approvalCount,
  approvalTaskModel,
} from '#platform/approval-tasks/approval-task-record';
import { type CaseRecord, caseModel } from '#platform/cases/case-record';
import type { ApiIdentity } from '../auth/identity.ts';
import { restrictsCases, scopeCovers } from '../cases/case-scope.ts';
import { caseColumns, decidedAt, filtersByCase, matchesFilters } from './inbox-filters.ts';
import { publicTaskId } from './public-task-id.ts';
import { type TaskClaimRecord, taskClaimModel } from './task-claim-record.ts';
import { approvalActor } from './task-eligibility.ts';

/** Reads the `approval_tasks` projection (written by the workflow) with the server's claims. */
export class InboxTasks {
  readonly tasks;
  readonly claims;
  private readonly cases;

  constructor(connection: Connection) {
    this.tasks = approvalTaskModel(connection);
    this.claims = taskClaimModel(connection);
    this.cases = caseModel(connection);
  }

  async list(caller: ApiIdentity, query: InboxQuery, now = new Date()) {
    const listed =
      query.view === 'done'
        ? await this.decidedBy(caller.userId)
        : await this.openTasksFor(caller, query.view);
    const tasks = await this.inScope(caller, listed);
    // Searching by order or marketplace reads every listed task's case; the plain list does not.
    const cases = filtersByCase(query) ? await this.casesOf(tasks) : undefined;
    const filtered = tasks.filter((task) =>
      matchesFilters(task, cases?.get(task.caseId), query, now),
    );
    const sorted = filtered.sort(
      query.view === 'done'
        ? (a, b) => decidedAt(b, caller.userId) - decidedAt(a, caller.userId) || byOpened(a, b)
        : query.sort === 'due'
          ? byDue
          : byOpened,
    );
    const start = (query.page - 1) * query.pageSize;
    const page = sorted.slice(start, start + query.pageSize);
    const [claims, pageCases] = await Promise.all([
      this.claimsOf(page.map((task) => task._id)),
      cases ?? this.casesOneByOne(page),
    ]);
    return {
      items: page.map((task) => ({
        ...toInboxTask(task, claims.get(task._id), now),
        ...caseColumns(pageCases.get(task.caseId), task),
      })),
      total: sorted.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Tasks the caller decided, open or closed: the "done by me" view. */
  private decidedBy(userId: string): Promise<ApprovalTaskRecord[]> {
    return this.tasks.find({ 'decisions.userId': String(userId) }).lean();
  }

  private async casesOf(tasks: ApprovalTaskRecord[]): Promise<Map<string, CaseRecord>> {
    const caseIds = [...new Set(tasks.map((task) => task.caseId))];
    if (caseIds.length === 0) return new Map();
    const records = await this.cases.find({ _id: trusted({ $in: caseIds }) }).lean();
    return new Map(records.map((record) => [record._id, record]));
  }

  /** A page's cases by `_id`, one read each: the one filter FerretDB runs without decoding. */
  private async casesOneByOne(tasks: ApprovalTaskRecord[]): Promise<Map<string, CaseRecord>> {
    const caseIds = [...new Set(tasks.map((task) => task.caseId))];
    const records = await Promise.all(caseIds.map((id) => this.cases.findById(id).lean()));
    const found = new Map<string, CaseRecord>();
    for (const record of records) if (record) found.set(record._id, record);
    return found;
  }

  async find(recordId: string): Promise<ApprovalTaskRecord | null> {
    return this.tasks.findById(recordId).lean();
  }

  async claimOf(recordId: string): Promise<TaskClaimRecord | null> {
    return this.claims.findById(recordId).lean();
  }

  /** Tasks whose case lies outside the caller's scope stay hidden. */
  async inScope(caller: ApiIdentity, tasks: ApprovalTaskRecord[]): Promise<ApprovalTaskRecord[]> {
    if (!restrictsCases(caller.scope) || tasks.length === 0) return tasks;
    const caseIds = [...new Set(tasks.map((task) => task.caseId))];
    const cases = await this.cases.find({ _id: trusted({ $in: caseIds }) }).lean();
    const visible = new Set(
      cases.filter((record) => scopeCovers(caller.scope, record)).map((record) => record._id),
    );
    return tasks.filter((task) => visible.has(task.caseId));
  }

  private async openTasksFor(caller: ApiIdentity, view: InboxQuery['view']) {
    if (view === 'all' && caller.roles.includes('admin')) {
      return this.tasks.find({ status: 'open' }).lean();
    }
    const [mine, assigned] = await Promise.all([
      view === 'roles' ? [] : this.claimedBy(caller.userId),
      view === 'mine' ? [] : this.assignedTo(caller),
    ]);
    const unique = new Map([...mine, ...assigned].map((task) => [task._id, task]));
    return [...unique.values()];
  }

  /**
   * Claimed tasks are read one by one by `_id`: the one filter FerretDB runs without decoding,
   * and an `$in` of even five ids decodes every task (a second full scan beside `assignedTo`).
   */
  private async claimedBy(userId: string): Promise<ApprovalTaskRecord[]> {
    const claims = await this.claims.find({ userId: String(userId) }).lean();
    const tasks = await Promise.all(claims.map((claim) => this.find(claim._id)));
    return tasks.filter((task): task is ApprovalTaskRecord => task?.status === 'open');
  }

  private assignedTo(caller: ApiIdentity): Promise<ApprovalTaskRecord[]> {
    const { roles, groups } = approvalActor(caller);
    return this.tasks
      .find({
        status: 'open',
        $or: [
          { assigneeRole: trusted({ $in: roles }) },
          { escalatedTo: trusted({ $in: roles }) },
          { assigneeGroup: trusted({ $in: groups ?? [] }) },
        ],
      })
      .lean();
  }

  private async claimsOf(recordIds: string[]): Promise<Map<string, TaskClaimRecord>> {
    if (recordIds.length === 0) return new Map();
    const claims = await this.claims.find({ _id: trusted({ $in: recordIds }) }).lean();
    return new Map(claims.map((claim) => [claim._id, claim]));
  }
}

// Tasks without an SLA wait behind those with one; ties go to the longest waiting.
function byDue(a: ApprovalTaskRecord, b: ApprovalTaskRecord): number {
  const due = (task: ApprovalTaskRecord) => task.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return due(a) - due(b) || byOpened(a, b);
}

function byOpened(a: ApprovalTaskRecord, b: ApprovalTaskRecord): number {
  return a.openedAt.getTime() - b.openedAt.getTime() || a._id.localeCompare(b._id);
}

export function toInboxTask(
  task: ApprovalTaskRecord,
  claim: TaskClaimRecord | null | undefined,
  now: Date,
): InboxTask {
  return {
    id: publicTaskId(task._id),
    caseId: task.caseId,
    taskId: task.taskId,
    flowKey: task.flowKey,
    flowVersion: task.flowVersion,
    nodeId: task.nodeId,
    title: task.title,
    assigneeRole: task.assigneeRole,
    assigneeGroup: task.assigneeGroup,
    escalatedTo: task.escalatedTo,
    approvalsRequired: task.approvalsRequired,
    approvals: approvalCount(task),
    requestedBy: task.requestedBy,
    status: task.status,
    openedAt: task.openedAt.toISOString(),
    dueAt: task.dueAt?.toISOString(),
    overdue: task.status === 'open' && !!task.dueAt && task.dueAt < now,
    claim: claim
      ? {
          userId: claim.userId,
          claimedAt: claim.claimedAt.toISOString(),
          delegatedBy: claim.delegatedBy,
          comment: claim.comment,
        }
      : undefined,
  };
}
