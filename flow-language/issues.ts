import type { FlowNode, NodeKind } from './nodes.ts';

/** One problem found in a flow or a case; an empty list means valid. */
export interface FlowIssue {
  nodeId?: string;
  edgeId?: string;
  /** Path of the offending field, relative to the node or edge when one is named. */
  field?: string;
  code: string;
  message: string;
  /** Set on advice that does not block publishing; absent means an error. */
  severity?: 'warning';
}

/** Stable issue codes: clients switch on these, so renaming one is a breaking change. */
export const ISSUE = {
  nodeDuplicateId: 'node.duplicate-id',
  edgeDuplicateId: 'edge.duplicate-id',
  startCount: 'flow.start-count',
  startNoTrigger: 'start.no-trigger',
  edgeUnknownNode: 'edge.unknown-node',
  nodeMissingEdge: 'node.missing-edge',
  decisionMissingEdge: 'decision.missing-edge',
  approvalMissingEdge: 'approval.missing-edge',
  edgeUnexpectedHandle: 'edge.unexpected-handle',
  edgeDuplicateHandle: 'edge.duplicate-handle',
  endHasOutgoing: 'end.has-outgoing',
  nodeUnreachable: 'node.unreachable',
  nodeNoPathToEnd: 'node.no-path-to-end',
  illegalCycle: 'flow.illegal-cycle',
  decisionDuplicateCase: 'decision.duplicate-case',
  parallelTooFewBranches: 'parallel.too-few-branches',
  joinTooFewIncoming: 'join.too-few-incoming',
  actionUnknownActivity: 'action.unknown-activity',
  actionMissingInput: 'action.missing-input',
  actionUnknownInput: 'action.unknown-input',
  actionRecordNotObject: 'action.record-not-object',
  ruleMalformed: 'rule.malformed',
  ruleUnknownOperator: 'rule.unknown-operator',
  ruleUnsupportedVar: 'rule.unsupported-var',
  ruleUnknownVariable: 'rule.unknown-variable',
  ruleReadBeforeSet: 'rule.read-before-set',
  ruleValueNotInEnum: 'rule.value-not-in-enum',
  setUnknownVariable: 'set.unknown-variable',
  nameConflict: 'name.conflict',
  variableInvalidInitial: 'variable.invalid-initial',
  inputNotObject: 'input.not-object',
  inputMissing: 'input.missing',
  inputWrongType: 'input.wrong-type',
  inputNotInEnum: 'input.not-in-enum',
  inputUndeclared: 'input.undeclared',
  piiInRule: 'pii.in-rule',
  piiNotMarked: 'pii.not-marked',
} as const;
export type IssueCode = (typeof ISSUE)[keyof typeof ISSUE];

export const NODE_KIND_TITLES: Record<NodeKind, string> = {
  start: 'Start',
  decision: 'Decision',
  action: 'Action',
  approval: 'Approval',
  wait: 'Wait',
  parallel: 'Parallel split',
  join: 'Join',
  set: 'Set variables',
  subflow: 'Subflow',
  end: 'End',
};

/** `Decision "Within 7 days?" (n3)`: what every message uses to name a node. */
export function describeNode(node: Pick<FlowNode, 'kind' | 'id' | 'label'>): string {
  const title = NODE_KIND_TITLES[node.kind];
  return node.label ? `${title} "${node.label}" (${node.id})` : `${title} (${node.id})`;
}
