import type { FormField } from '#flow-language';
import type {
  ApprovalActor,
  ApprovalDecision,
  ApprovalTaskView,
  RecordedDecision,
} from './types.ts';

interface OpenTask {
  view: ApprovalTaskView;
  form: FormField[];
  forbidRequester: boolean;
  closed: boolean;
}

/** A refused decision: the reason goes back to the reviewer and nothing is recorded. */
export class DecisionRefused extends Error {
  override name = 'DecisionRefused';
}

/**
 * The open human tasks of one run and the rules a decision must pass: right role, not the
 * requester, each person once, a reason to reject, the form filled in. Pure state, so the
 * Update validator can consult it synchronously.
 */
export class ApprovalBook {
  private readonly tasks = new Map<string, OpenTask>();

  constructor(private readonly requestedBy: string) {}

  open(view: ApprovalTaskView, form: FormField[], forbidRequester: boolean): void {
    this.tasks.set(view.taskId, { view, form, forbidRequester, closed: false });
  }

  escalate(taskId: string, role: string): void {
    const task = this.tasks.get(taskId);
    if (task) task.view.escalatedTo = role;
  }

  close(taskId: string): void {
    const task = this.tasks.get(taskId);
    if (task) task.closed = true;
  }

  get(taskId: string): ApprovalTaskView | undefined {
    return this.tasks.get(taskId)?.view;
  }

  openTasks(): ApprovalTaskView[] {
    return [...this.tasks.values()].filter((task) => !task.closed).map((task) => task.view);
  }

  /** Throws DecisionRefused with the reason; returns normally when the decision may stand. */
  check(decision: ApprovalDecision): void {
    const task = this.tasks.get(decision.taskId);
    if (!task) throw new DecisionRefused(`There is no task "${decision.taskId}" in this case.`);
    if (task.closed) throw new DecisionRefused(`Task "${decision.taskId}" is already closed.`);
    checkAssignee(task.view, decision.actor);
    if (task.forbidRequester && decision.actor.userId === this.requestedBy) {
      throw new DecisionRefused('The requester may not decide their own request.');
    }
    if (task.view.decisions.some((earlier) => earlier.actor.userId === decision.actor.userId)) {
      throw new DecisionRefused(`${decision.actor.userId} has already decided this task.`);
    }
    if (decision.verdict === 'reject' && !decision.comment?.trim()) {
      throw new DecisionRefused('A rejection needs a comment that says why.');
    }
    // A rejection need not fill the form, but what it does fill must still fit it.
    checkForm(task.form, decision.form ?? {}, decision.verdict === 'approve');
  }

  /** Records an accepted decision; the one that settles the task closes it at once. */
  record(decision: ApprovalDecision, at: string): { recorded: RecordedDecision; settled: boolean } {
    this.check(decision);
    const task = this.tasks.get(decision.taskId) as OpenTask;
    const recorded = { ...decision, at };
    task.view.decisions.push(recorded);
    task.closed =
      decision.verdict === 'reject' || approvals(task.view) >= task.view.approvalsRequired;
    return { recorded, settled: task.closed };
  }
}

export function approvals(task: ApprovalTaskView): number {
  return task.decisions.filter((decision) => decision.verdict === 'approve').length;
}

function checkAssignee(task: ApprovalTaskView, actor: ApprovalActor): void {
  const roles = [task.assignee.role, task.escalatedTo].filter((role): role is string => !!role);
  const byRole = roles.some((role) => actor.roles.includes(role));
  const byGroup = !!task.assignee.group && (actor.groups ?? []).includes(task.assignee.group);
  if (byRole || byGroup) return;
  const needed = task.assignee.group
    ? `group "${task.assignee.group}"`
    : `role "${roles.join('" or "')}"`;
  throw new DecisionRefused(`This task is for ${needed}; ${actor.userId} is not in it.`);
}

function checkForm(
  fields: FormField[],
  values: Record<string, unknown>,
  requireFilled: boolean,
): void {
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === null || value === '') {
      if (field.required && requireFilled)
        throw new DecisionRefused(`The form field "${field.label}" is required.`);
      continue;
    }
    if (!fitsFieldType(field, value)) {
      throw new DecisionRefused(`The form field "${field.label}" expects a ${field.type}.`);
    }
  }
  const unknown = Object.keys(values).filter((name) => !fields.some((f) => f.name === name));
  if (unknown.length > 0) {
    throw new DecisionRefused(`The form has no field "${unknown[0]}".`);
  }
}

function fitsFieldType(field: FormField, value: unknown): boolean {
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value);
    default:
      return typeof value === 'string';
  }
}
