import type { ApprovalNode, Assignee, FlowDefinition } from '#flow-language';

/** One way a new version lowers the bar for approving: which node, and what changed. */
export interface ApprovalWeakening {
  nodeId: string;
  message: string;
}

const approvalsOf = (flow: FlowDefinition) =>
  new Map(
    flow.nodes
      .filter((node): node is ApprovalNode => node.kind === 'approval')
      .map((node) => [node.id, node]),
  );

const describeAssignee = (assignee: Assignee) => {
  if ('role' in assignee) return `role "${assignee.role}"`;
  if ('group' in assignee) return `group "${assignee.group}"`;
  return `the group computed by ${JSON.stringify(assignee.groupFrom)}`;
};

/**
 * What `next` changes about who approves, compared with the version it replaces: an approval
 * removed (or re-created under another id), fewer approvals required, the requester allowed to
 * decide, or the task given to other people (assignee or escalation role). Each of these lets
 * fewer or other people wave a case through, so publishing them needs a second admin.
 */
export function approvalWeakenings(
  previous: FlowDefinition | undefined,
  next: FlowDefinition,
): ApprovalWeakening[] {
  if (!previous) return [];
  const after = approvalsOf(next);
  const weakenings: ApprovalWeakening[] = [];
  for (const [nodeId, before] of approvalsOf(previous)) {
    const now = after.get(nodeId);
    const weakened = (message: string) => weakenings.push({ nodeId, message });
    if (!now) {
      weakened(`The approval "${before.title}" is removed.`);
      continue;
    }
    if (now.approvalsRequired < before.approvalsRequired) {
      weakened(
        `Approvals required drop from ${before.approvalsRequired} to ${now.approvalsRequired}.`,
      );
    }
    if (before.forbidRequester && !now.forbidRequester) {
      weakened('The requester may now decide their own request.');
    }
    if (describeAssignee(before.assignee) !== describeAssignee(now.assignee)) {
      weakened(
        `The task moves from ${describeAssignee(before.assignee)} to ${describeAssignee(now.assignee)}.`,
      );
    }
    const [wasEscalation, isEscalation] = [before.sla?.escalateToRole, now.sla?.escalateToRole];
    if (isEscalation && isEscalation !== wasEscalation) {
      weakened(`Overdue tasks now escalate to role "${isEscalation}".`);
    }
  }
  return weakenings;
}
