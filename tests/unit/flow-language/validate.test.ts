import { describe, expect, it } from 'vitest';
import {
  type ApprovalNode,
  type DecisionNode,
  type Edge,
  type FlowDefinition,
  type FlowIssue,
  type FlowNode,
  ISSUE,
  validateFlow,
  validateFlowDocument,
} from '#flow-language';
import { exampleCatalog } from './fixtures/activity-catalog.ts';
import { refundFlow, refundFlowDocument } from './fixtures/refund-flow.ts';

function mutated(change: (flow: FlowDefinition) => void): FlowDefinition {
  const flow = structuredClone(refundFlow);
  change(flow);
  return flow;
}

function validate(change: (flow: FlowDefinition) => void): FlowIssue[] {
  return validateFlow(mutated(change), exampleCatalog);
}

function node<K extends FlowNode['kind']>(flow: FlowDefinition, id: string, kind: K) {
  const found = flow.nodes.find((n) => n.id === id);
  if (found?.kind !== kind) throw new Error(`fixture has no ${kind} node ${id}`);
  return found as Extract<FlowNode, { kind: K }>;
}

function removeEdge(flow: FlowDefinition, id: string): void {
  flow.edges = flow.edges.filter((edge) => edge.id !== id);
}

function removeNode(flow: FlowDefinition, id: string): void {
  flow.nodes = flow.nodes.filter((n) => n.id !== id);
}

function addEdge(flow: FlowDefinition, edge: Edge): void {
  flow.edges.push(edge);
}

function expectIssue(issues: FlowIssue[], code: string, nodeId?: string): FlowIssue {
  const found = issues.find((issue) => issue.code === code && issue.nodeId === nodeId);
  expect(
    found,
    `expected ${code} on ${nodeId}, got ${JSON.stringify(issues, null, 2)}`,
  ).toBeDefined();
  return found as FlowIssue;
}

function codes(issues: FlowIssue[]): string[] {
  return [...new Set(issues.map((issue) => issue.code))].sort();
}

const endNode = (id: string): FlowNode => ({ id, kind: 'end', outcome: 'done' });

describe('validateFlow: the base fixture', () => {
  it('is valid', () => {
    expect(validateFlow(refundFlow, exampleCatalog)).toEqual([]);
  });

  it('accepts the cases form of a decision with a default edge', () => {
    const issues = validate((flow) => {
      const policy = node(flow, 'policy', 'decision') as DecisionNode;
      policy.cases = [{ id: 'auto', label: 'Auto refund', when: policy.condition ?? true }];
      delete policy.condition;
      for (const edge of flow.edges) {
        if (edge.id === 'e-auto') edge.handle = 'auto';
        if (edge.id === 'e-manual') edge.handle = 'default';
      }
    });
    expect(issues).toEqual([]);
  });
});

describe('validateFlow: one rule each', () => {
  it('node.duplicate-id', () => {
    const issues = validate((flow) => flow.nodes.push(endNode('end-refunded')));
    expect(codes(issues)).toEqual([ISSUE.nodeDuplicateId]);
    expectIssue(issues, ISSUE.nodeDuplicateId, 'end-refunded');
  });

  it('edge.duplicate-id', () => {
    const issues = validate((flow) => {
      const failed = flow.edges.find((edge) => edge.id === 'e-failed');
      if (failed) failed.id = 'e-refunded';
    });
    expect(codes(issues)).toEqual([ISSUE.edgeDuplicateId]);
    expect(issues[0]?.edgeId).toBe('e-refunded');
  });

  it('flow.start-count: no start', () => {
    const issues = validate((flow) => {
      removeNode(flow, 'start');
      removeEdge(flow, 'e-start');
    });
    expect(codes(issues)).toEqual([ISSUE.startCount]);
    expect(issues[0]?.message).toMatch(/no start node/);
  });

  it('flow.start-count: two starts', () => {
    const issues = validate((flow) => {
      flow.nodes.push({ id: 'start-2', kind: 'start', trigger: 'refund.requested' });
      addEdge(flow, { id: 'e-start-2', source: 'start-2', target: 'policy', handle: 'next' });
    });
    expect(codes(issues)).toEqual([ISSUE.startCount]);
    expectIssue(issues, ISSUE.startCount, 'start-2');
  });

  it('edge.unknown-node', () => {
    const issues = validate((flow) => {
      removeNode(flow, 'end-escalated');
    });
    expect(codes(issues)).toEqual([ISSUE.edgeUnknownNode]);
    expect(issues[0]).toMatchObject({ edgeId: 'e-failed', field: 'target' });
  });

  it('decision.missing-edge (condition form)', () => {
    const issues = validate((flow) => removeEdge(flow, 'e-manual'));
    const issue = expectIssue(issues, ISSUE.decisionMissingEdge, 'policy');
    expect(issue.message).toBe(
      'Decision "Within 7 days and unopened?" (policy) has no "false" edge',
    );
  });

  it('decision.missing-edge (cases form: default required)', () => {
    const issues = validate((flow) => {
      const policy = node(flow, 'policy', 'decision');
      policy.cases = [{ id: 'auto', when: true }];
      delete policy.condition;
      for (const edge of flow.edges) if (edge.id === 'e-auto') edge.handle = 'auto';
    });
    expectIssue(issues, ISSUE.decisionMissingEdge, 'policy');
    expect(issues.some((issue) => issue.message.includes('"default"'))).toBe(true);
  });

  it('decision.duplicate-case', () => {
    const issues = validate((flow) => {
      const policy = node(flow, 'policy', 'decision');
      policy.cases = [
        { id: 'auto', when: true },
        { id: 'auto', when: false },
      ];
      delete policy.condition;
      for (const edge of flow.edges) {
        if (edge.id === 'e-auto') edge.handle = 'auto';
        if (edge.id === 'e-manual') edge.handle = 'default';
      }
    });
    expect(codes(issues)).toEqual([ISSUE.decisionDuplicateCase]);
    expect(expectIssue(issues, ISSUE.decisionDuplicateCase, 'policy').field).toBe('cases[1].id');
  });

  it('approval.missing-edge: rejected', () => {
    const issues = validate((flow) => {
      removeEdge(flow, 'e-rejected');
      removeNode(flow, 'end-rejected');
    });
    expect(codes(issues)).toEqual([ISSUE.approvalMissingEdge]);
    expect(expectIssue(issues, ISSUE.approvalMissingEdge, 'review').message).toMatch(/"rejected"/);
  });

  it('approval.missing-edge: an SLA without escalation needs a timeout edge', () => {
    const issues = validate((flow) => {
      const review = node(flow, 'review', 'approval') as ApprovalNode;
      review.sla = { durationSeconds: 3600 };
    });
    expect(codes(issues)).toEqual([ISSUE.approvalMissingEdge]);
    expect(expectIssue(issues, ISSUE.approvalMissingEdge, 'review').message).toMatch(/"timeout"/);
  });

  it('edge.unexpected-handle: timeout edge on an approval that escalates', () => {
    const issues = validate((flow) => {
      addEdge(flow, {
        id: 'e-timeout',
        source: 'review',
        target: 'end-rejected',
        handle: 'timeout',
      });
    });
    expect(codes(issues)).toEqual([ISSUE.edgeUnexpectedHandle]);
    const issue = expectIssue(issues, ISSUE.edgeUnexpectedHandle, 'review');
    expect(issue.edgeId).toBe('e-timeout');
    expect(issue.message).toMatch(/escalates to role "refund-supervisor"/);
  });

  it('edge.unexpected-handle: handle the node kind does not have', () => {
    const issues = validate((flow) => {
      for (const edge of flow.edges) if (edge.id === 'e-failed') edge.handle = 'approved';
    });
    expect(codes(issues)).toEqual([ISSUE.edgeUnexpectedHandle]);
    expectIssue(issues, ISSUE.edgeUnexpectedHandle, 'refund');
  });

  it('edge.duplicate-handle', () => {
    const issues = validate((flow) => {
      addEdge(flow, { id: 'e-auto-2', source: 'policy', target: 'end-rejected', handle: 'true' });
    });
    expect(codes(issues)).toEqual([ISSUE.edgeDuplicateHandle]);
    expect(expectIssue(issues, ISSUE.edgeDuplicateHandle, 'policy').edgeId).toBe('e-auto-2');
  });

  it('end.has-outgoing', () => {
    const issues = validate((flow) => {
      addEdge(flow, { id: 'e-after-end', source: 'end-rejected', target: 'end-escalated' });
    });
    expect(codes(issues)).toEqual([ISSUE.endHasOutgoing]);
    expectIssue(issues, ISSUE.endHasOutgoing, 'end-rejected');
  });

  it('node.unreachable', () => {
    const issues = validate((flow) => flow.nodes.push(endNode('orphan')));
    expect(codes(issues)).toEqual([ISSUE.nodeUnreachable]);
    expectIssue(issues, ISSUE.nodeUnreachable, 'orphan');
  });

  it('node.no-path-to-end', () => {
    const issues = validate((flow) => {
      removeNode(flow, 'end-escalated');
      flow.nodes.push({ id: 'hold-a', kind: 'wait', durationSeconds: 60 });
      flow.nodes.push({ id: 'hold-b', kind: 'wait', durationSeconds: 60 });
      for (const edge of flow.edges) if (edge.id === 'e-failed') edge.target = 'hold-a';
      addEdge(flow, { id: 'e-hold-ab', source: 'hold-a', target: 'hold-b' });
      addEdge(flow, { id: 'e-hold-ba', source: 'hold-b', target: 'hold-a' });
    });
    expect(codes(issues)).toEqual([ISSUE.nodeNoPathToEnd]);
    expectIssue(issues, ISSUE.nodeNoPathToEnd, 'hold-a');
    expectIssue(issues, ISSUE.nodeNoPathToEnd, 'hold-b');
  });

  it('flow.illegal-cycle: a loop without a wait or approval', () => {
    const issues = validate((flow) => {
      removeNode(flow, 'end-escalated');
      for (const edge of flow.edges) if (edge.id === 'e-failed') edge.target = 'refund';
    });
    expect(codes(issues)).toEqual([ISSUE.illegalCycle]);
    expect(expectIssue(issues, ISSUE.illegalCycle, 'refund').message).toMatch(/loops back/);
  });

  it('flow.illegal-cycle: a loop through a wait is allowed', () => {
    const issues = validate((flow) => {
      removeNode(flow, 'end-escalated');
      flow.nodes.push({ id: 'cool-down', kind: 'wait', durationSeconds: 3600 });
      for (const edge of flow.edges) if (edge.id === 'e-failed') edge.target = 'cool-down';
      addEdge(flow, { id: 'e-retry', source: 'cool-down', target: 'refund' });
    });
    expect(issues).toEqual([]);
  });

  describe('parallel and join', () => {
    function withSplit(flow: FlowDefinition): void {
      for (const edge of flow.edges) if (edge.id === 'e-refunded') edge.target = 'split';
      flow.nodes.push(
        { id: 'split', kind: 'parallel' },
        {
          id: 'ledger',
          kind: 'action',
          activity: 'finance.postRefundLedger',
          inputs: { orderId: { var: 'orderId' }, amount: { var: 'orderTotal' } },
          timeoutSeconds: 60,
        },
        {
          id: 'email',
          kind: 'action',
          activity: 'notify.sendEmail',
          inputs: { template: 'refund-issued', to: { var: 'case.requestedBy' } },
          timeoutSeconds: 60,
        },
        { id: 'join', kind: 'join', mode: 'all' },
      );
      flow.edges.push(
        { id: 'e-split-ledger', source: 'split', target: 'ledger' },
        { id: 'e-split-email', source: 'split', target: 'email' },
        { id: 'e-ledger-join', source: 'ledger', target: 'join' },
        { id: 'e-email-join', source: 'email', target: 'join' },
        { id: 'e-join-end', source: 'join', target: 'end-refunded' },
      );
    }

    it('a split with two branches and a join is valid', () => {
      expect(validate(withSplit)).toEqual([]);
    });

    it('parallel.too-few-branches', () => {
      const issues = validate((flow) => {
        withSplit(flow);
        removeEdge(flow, 'e-split-email');
        removeEdge(flow, 'e-email-join');
        removeNode(flow, 'email');
      });
      expectIssue(issues, ISSUE.parallelTooFewBranches, 'split');
    });

    it('join.too-few-incoming', () => {
      const issues = validate((flow) => {
        withSplit(flow);
        for (const edge of flow.edges) if (edge.id === 'e-email-join') edge.target = 'end-refunded';
      });
      expect(codes(issues)).toEqual([ISSUE.joinTooFewIncoming]);
      expectIssue(issues, ISSUE.joinTooFewIncoming, 'join');
    });
  });

  it('node.missing-edge: an action without "next"', () => {
    const issues = validate((flow) => {
      removeEdge(flow, 'e-refunded');
      removeNode(flow, 'end-refunded');
    });
    expect(codes(issues)).toEqual([ISSUE.nodeMissingEdge]);
    expectIssue(issues, ISSUE.nodeMissingEdge, 'refund');
  });

  it('action.unknown-activity', () => {
    const issues = validate((flow) => {
      node(flow, 'refund', 'action').activity = 'marketplace.teleportGoods';
    });
    expect(codes(issues)).toEqual([ISSUE.actionUnknownActivity]);
    expect(expectIssue(issues, ISSUE.actionUnknownActivity, 'refund').field).toBe('activity');
  });

  it('action.missing-input', () => {
    const issues = validate((flow) => {
      delete node(flow, 'refund', 'action').inputs.currency;
    });
    expect(codes(issues)).toEqual([ISSUE.actionMissingInput]);
    expect(expectIssue(issues, ISSUE.actionMissingInput, 'refund').field).toBe('inputs.currency');
  });

  it('action.unknown-input', () => {
    const issues = validate((flow) => {
      node(flow, 'refund', 'action').inputs.restockingFee = 5;
    });
    expect(codes(issues)).toEqual([ISSUE.actionUnknownInput]);
    expectIssue(issues, ISSUE.actionUnknownInput, 'refund');
  });

  it('rule.malformed: an empty "and" (engines disagree on its value)', () => {
    const issues = validate((flow) => {
      node(flow, 'policy', 'decision').condition = { and: [] };
    });
    expect(codes(issues)).toEqual([ISSUE.ruleMalformed]);
    expect(expectIssue(issues, ISSUE.ruleMalformed, 'policy').field).toBe('condition');
  });

  it('rule.malformed: two operators in one object', () => {
    const issues = validate((flow) => {
      node(flow, 'policy', 'decision').condition = { '<': [1, 2], '>': [1, 2] };
    });
    expect(codes(issues)).toEqual([ISSUE.ruleMalformed]);
  });

  it('rule.unknown-operator: an engine-only extension', () => {
    const issues = validate((flow) => {
      node(flow, 'policy', 'decision').condition = { '??': [{ var: 'unopened' }, false] };
    });
    expect(codes(issues)).toEqual([ISSUE.ruleUnknownOperator]);
    expect(expectIssue(issues, ISSUE.ruleUnknownOperator, 'policy').message).toMatch(/"\?\?"/);
  });

  it('rule.unsupported-var: computed path', () => {
    const issues = validate((flow) => {
      node(flow, 'policy', 'decision').condition = { var: { cat: ['un', 'opened'] } };
    });
    expect(codes(issues)).toEqual([ISSUE.ruleUnsupportedVar]);
  });

  it('rule.unknown-variable: undeclared input', () => {
    const issues = validate((flow) => {
      node(flow, 'policy', 'decision').condition = { '<=': [{ var: 'daysSinceDelivry' }, 7] };
    });
    expect(codes(issues)).toEqual([ISSUE.ruleUnknownVariable]);
    const issue = expectIssue(issues, ISSUE.ruleUnknownVariable, 'policy');
    expect(issue.message).toMatch(/reads "daysSinceDelivry"/);
  });

  it('rule.unknown-variable: dotted paths resolve against their first segment', () => {
    const rule = (varPath: string) => ({ '!!': [{ var: varPath }] });
    const check = (varPath: string) =>
      validate((flow) => {
        node(flow, 'policy', 'decision').condition = rule(varPath);
      });
    expect(check('refundResult.status')).toEqual([]);
    expect(check('review.comment')).toEqual([]);
    expect(check('case.requestedBy')).toEqual([]);
    expect(codes(check('refundResult.refundId'))).toEqual([ISSUE.ruleUnknownVariable]);
    expect(codes(check('case.secret'))).toEqual([ISSUE.ruleUnknownVariable]);
    expect(codes(check('orderTotal.cents'))).toEqual([ISSUE.ruleUnknownVariable]);
  });

  it('rule.unknown-variable: iterator element reads are not flow reads', () => {
    const issues = validate((flow) => {
      flow.inputs.items = { type: 'array', required: true };
      node(flow, 'policy', 'decision').condition = {
        all: [{ var: 'items' }, { '==': [{ var: 'condition' }, 'new'] }],
      };
    });
    expect(issues).toEqual([]);
  });

  it('set.unknown-variable', () => {
    const issues = validate((flow) => {
      flow.variables.attempts = { type: 'integer', initial: 0 };
      flow.nodes.push({ id: 'count', kind: 'set', assignments: { attempt: 1 } });
      for (const edge of flow.edges) if (edge.id === 'e-refunded') edge.target = 'count';
      addEdge(flow, { id: 'e-count-end', source: 'count', target: 'end-refunded' });
    });
    expect(codes(issues)).toEqual([ISSUE.setUnknownVariable]);
    expect(expectIssue(issues, ISSUE.setUnknownVariable, 'count').field).toBe(
      'assignments.attempt',
    );
  });

  it('name.conflict: a result variable shadowing an input', () => {
    const issues = validate((flow) => {
      node(flow, 'refund', 'action').resultVariable = 'orderId';
    });
    expect(codes(issues)).toEqual([ISSUE.nameConflict]);
    expectIssue(issues, ISSUE.nameConflict, 'refund');
  });

  it('name.conflict: the reserved "case" name', () => {
    const issues = validate((flow) => {
      flow.variables.case = { type: 'object' };
    });
    expect(codes(issues)).toEqual([ISSUE.nameConflict]);
    expect(issues[0]?.field).toBe('variables.case');
  });

  it('variable.invalid-initial', () => {
    const issues = validate((flow) => {
      flow.variables.attempts = { type: 'integer', initial: 'zero' };
    });
    expect(codes(issues)).toEqual([ISSUE.variableInvalidInitial]);
    expect(issues[0]?.field).toBe('variables.attempts.initial');
  });
});

describe('validateFlowDocument', () => {
  it('parses and validates stored JSON', () => {
    expect(validateFlowDocument(refundFlowDocument, exampleCatalog)).toMatchObject({
      ok: true,
      issues: [],
    });
  });

  it('returns schema issues without validating further', () => {
    const result = validateFlowDocument({ ...refundFlowDocument, version: 0 }, exampleCatalog);
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'version' }] });
    expect(result.flow).toBeUndefined();
  });

  it('returns validation issues with the parsed flow', () => {
    const result = validateFlowDocument({ ...refundFlowDocument, edges: [] }, exampleCatalog);
    expect(result.ok).toBe(false);
    expect(result.flow).toBeDefined();
    expectIssue(result.issues, ISSUE.decisionMissingEdge, 'policy');
  });
});
