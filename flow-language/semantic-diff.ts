import { canonicalJson } from './canonical-json.ts';
import type { FlowChange, FlowChangeCode, FlowChangeParams } from './flow-changes.ts';
import { flowCurrency, minorUnitsAsAmount } from './money-units.ts';
import { assigneeName, type FlowNode, type NodeOfKind } from './nodes.ts';
import type { FlowDefinition } from './schema.ts';

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** "highValue" → "high value": ids are how admins name rules, in their own words. */
function words(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
}

/** Amounts are kept in minor units where a variable says so; admins read them in units. */
function amount(value: number, currency: string | undefined, variable?: string): string | number {
  return variable && /cents$/i.test(variable) ? minorUnitsAsAmount(value, currency) : value;
}

const change = (code: FlowChangeCode, params: FlowChangeParams = {}): FlowChange => ({
  code,
  params,
});

interface NumberChange {
  variable?: string;
  from: number;
  to: number;
}

/** Every change when each part could be compared; undefined when one part changed shape. */
function allOf(parts: (NumberChange[] | undefined)[]): NumberChange[] | undefined {
  const changes: NumberChange[] = [];
  for (const part of parts) {
    if (!part) return undefined;
    changes.push(...part);
  }
  return changes;
}

/** The numbers that differ between two rules of the same shape, with the variable each is compared with. */
function changedNumbers(
  before: unknown,
  after: unknown,
  variable?: string,
): NumberChange[] | undefined {
  if (typeof before === 'number' && typeof after === 'number') {
    return before === after ? [] : [{ variable, from: before, to: after }];
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return undefined;
    const compared = before.find(
      (item): item is { var: string } => typeof (item as { var?: unknown })?.var === 'string',
    );
    return allOf(
      before.map((item, index) => changedNumbers(item, after[index], compared?.var ?? variable)),
    );
  }
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    const keys = Object.keys(before);
    if (!same(keys.sort(), Object.keys(after).sort())) return undefined;
    return allOf(
      keys.map((key) =>
        changedNumbers(
          (before as Record<string, unknown>)[key],
          (after as Record<string, unknown>)[key],
          variable,
        ),
      ),
    );
  }
  return same(before, after) ? [] : undefined;
}

function ruleChange(
  rule: string,
  before: unknown,
  after: unknown,
  currency: string | undefined,
): FlowChange[] {
  if (same(before, after)) return [];
  const numbers = changedNumbers(before, after);
  if (numbers && numbers.length > 0) {
    return numbers.map(({ variable, from, to }) =>
      change('threshold-changed', {
        rule,
        before: amount(from, currency, variable),
        after: amount(to, currency, variable),
      }),
    );
  }
  return [change('rule-changed', { rule })];
}

function decisionChanges(
  before: NodeOfKind<'decision'>,
  after: NodeOfKind<'decision'>,
  currency: string | undefined,
): FlowChange[] {
  const changes = ruleChange(
    words(after.label ?? after.id),
    before.condition,
    after.condition,
    currency,
  );
  const old = new Map((before.cases ?? []).map((entry) => [entry.id, entry]));
  const current = new Set((after.cases ?? []).map((entry) => entry.id));
  for (const entry of after.cases ?? []) {
    const previous = old.get(entry.id);
    if (!previous) changes.push(change('case-added', { rule: entry.label ?? words(entry.id) }));
    else changes.push(...ruleChange(words(entry.id), previous.when, entry.when, currency));
  }
  for (const entry of before.cases ?? []) {
    if (!current.has(entry.id))
      changes.push(change('case-removed', { rule: entry.label ?? words(entry.id) }));
  }
  return changes;
}

const assigneeOf = (node: NodeOfKind<'approval'>) => assigneeName(node.assignee);
const slaHours = (node: NodeOfKind<'approval'>) =>
  node.sla ? node.sla.durationSeconds / 3_600 : undefined;

function slaChange(approval: string, before: number | undefined, after: number | undefined) {
  if (before === after) return [];
  if (before === undefined) return [change('sla-added', { approval, after: after ?? 0 })];
  if (after === undefined) return [change('sla-removed', { approval, before })];
  return [change('sla-changed', { approval, before, after })];
}

function formChanges(before: NodeOfKind<'approval'>, after: NodeOfKind<'approval'>) {
  const approval = after.title;
  const changes: FlowChange[] = [];
  const oldFields = new Map(before.form.map((field) => [field.name, field]));
  for (const field of after.form) {
    const previous = oldFields.get(field.name);
    const params = { approval, field: field.label };
    if (!previous)
      changes.push(
        change(field.required ? 'required-form-field-added' : 'form-field-added', params),
      );
    else if (previous.required !== field.required) {
      const code = field.required ? 'form-field-now-required' : 'form-field-no-longer-required';
      changes.push(change(code, params));
    }
  }
  for (const field of before.form) {
    if (!after.form.some((entry) => entry.name === field.name))
      changes.push(change('form-field-removed', { approval, field: field.label }));
  }
  return changes;
}

function approvalChanges(
  before: NodeOfKind<'approval'>,
  after: NodeOfKind<'approval'>,
): FlowChange[] {
  const changes: FlowChange[] = [];
  const approval = after.title;
  if (before.approvalsRequired !== after.approvalsRequired) {
    changes.push(
      change('approvals-required-changed', {
        approval,
        before: before.approvalsRequired,
        after: after.approvalsRequired,
      }),
    );
  }
  if (assigneeOf(before) !== assigneeOf(after)) {
    changes.push(
      change('assignee-changed', {
        approval,
        before: assigneeOf(before),
        after: assigneeOf(after),
      }),
    );
  }
  if (!same(before.sla, after.sla))
    changes.push(...slaChange(approval, slaHours(before), slaHours(after)));
  return [...changes, ...formChanges(before, after)];
}

function added(node: FlowNode): FlowChange {
  switch (node.kind) {
    case 'approval':
      return change('approval-added', {
        assignee: assigneeOf(node),
        count: node.approvalsRequired,
      });
    case 'action':
      return change('step-added', { activity: node.activity });
    case 'subflow':
      return node.version === undefined
        ? change('latest-subflow-added', { flow: node.flowKey })
        : change('subflow-added', { flow: node.flowKey, version: node.version });
    default:
      return change('node-added', { kind: node.kind, node: words(node.id) });
  }
}

function removed(node: FlowNode): FlowChange {
  switch (node.kind) {
    case 'approval':
      return change('approval-removed', { approval: node.title });
    case 'action':
      return change('step-removed', { activity: node.activity, node: words(node.id) });
    default:
      return change('node-removed', { kind: node.kind, node: words(node.id) });
  }
}

function actionChanges(
  before: NodeOfKind<'action'>,
  after: NodeOfKind<'action'>,
  currency: string | undefined,
): FlowChange[] {
  const node = words(after.id);
  if (before.activity !== after.activity)
    return [change('activity-changed', { node, before: before.activity, after: after.activity })];
  return Object.keys({ ...before.inputs, ...after.inputs }).flatMap((name) =>
    ruleChange(`${node} ${name}`, before.inputs[name], after.inputs[name], currency),
  );
}

function triggerChange(before: string | undefined, after: string | undefined): FlowChange[] {
  if (before === after) return [];
  if (before === undefined) return [change('trigger-set', { after: after ?? '' })];
  if (after === undefined) return [change('trigger-cleared', { before })];
  return [change('trigger-changed', { before, after })];
}

function nodeChanges(
  before: FlowNode,
  after: FlowNode,
  currency: string | undefined,
): FlowChange[] {
  if (before.kind !== after.kind) {
    return [
      change('node-kind-changed', {
        node: words(after.id),
        kindBefore: before.kind,
        kindAfter: after.kind,
      }),
    ];
  }
  switch (after.kind) {
    case 'decision':
      return decisionChanges(before as NodeOfKind<'decision'>, after, currency);
    case 'approval':
      return approvalChanges(before as NodeOfKind<'approval'>, after);
    case 'action':
      return actionChanges(before as NodeOfKind<'action'>, after, currency);
    case 'start':
      return triggerChange((before as NodeOfKind<'start'>).trigger, after.trigger);
    case 'end': {
      const previous = (before as NodeOfKind<'end'>).outcome;
      if (previous === after.outcome) return [];
      const node = words(after.id);
      return [change('outcome-changed', { node, before: previous, after: after.outcome })];
    }
    case 'set': {
      const previous = (before as NodeOfKind<'set'>).assignments;
      return Object.keys({ ...previous, ...after.assignments }).flatMap((name) =>
        ruleChange(words(name), previous[name], after.assignments[name], currency),
      );
    }
    default:
      return [];
  }
}

const SCOPE_DIMENSIONS = ['brands', 'marketplaces', 'stores'] as const;

function scopeChanges(before: FlowDefinition['scope'], after: FlowDefinition['scope']) {
  return SCOPE_DIMENSIONS.flatMap((dimension): FlowChange[] => {
    const old = before?.[dimension]?.join(', ');
    const current = after?.[dimension]?.join(', ');
    if (old === current) return [];
    if (old === undefined) return [change('scope-set', { dimension, after: current ?? '' })];
    if (current === undefined) return [change('scope-cleared', { dimension, before: old })];
    return [change('scope-changed', { dimension, before: old, after: current })];
  });
}

/** The flow's own fields: its name and the cases it takes. */
function settingChanges(before: FlowDefinition, after: FlowDefinition): FlowChange[] {
  const changes: FlowChange[] = [];
  if (before.name !== after.name)
    changes.push(change('name-changed', { before: before.name, after: after.name }));
  return [...changes, ...scopeChanges(before.scope, after.scope)];
}

function inputChanges(before: FlowDefinition, after: FlowDefinition): FlowChange[] {
  const changes: FlowChange[] = [];
  for (const [name, spec] of Object.entries(after.inputs)) {
    const previous = before.inputs[name];
    const input = words(name);
    if (!previous)
      changes.push(change(spec.required ? 'required-input-added' : 'input-added', { input }));
    else if (previous.required !== spec.required) {
      changes.push(
        change(spec.required ? 'input-now-required' : 'input-no-longer-required', { input }),
      );
    }
  }
  for (const name of Object.keys(before.inputs)) {
    if (!(name in after.inputs)) changes.push(change('input-removed', { input: words(name) }));
  }
  return changes;
}

function edgeChanges(before: FlowDefinition, after: FlowDefinition): FlowChange[] {
  const key = (edge: { source: string; handle?: string }) =>
    `${edge.source}:${edge.handle ?? 'next'}`;
  const old = new Map(before.edges.map((edge) => [key(edge), edge.target]));
  return after.edges
    .filter((edge) => old.has(key(edge)) && old.get(key(edge)) !== edge.target)
    .map((edge) => {
      const params = {
        from: words(edge.source),
        to: words(edge.target),
        before: words(old.get(key(edge)) ?? ''),
      };
      return edge.handle
        ? change('port-retargeted', { ...params, port: edge.handle })
        : change('edge-retargeted', params);
    });
}

/**
 * What changed from `before` to `after`, as codes with their values ("threshold-changed": high
 * value 200.00 → 150.00), amounts in the units of the flow's currency. Layout changes say nothing.
 * flow-changes.ts words them.
 */
export function describeFlowChanges(before: FlowDefinition, after: FlowDefinition): FlowChange[] {
  const currency = flowCurrency(after);
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const current = new Set(after.nodes.map((node) => node.id));
  const changes = [...settingChanges(before, after), ...inputChanges(before, after)];
  for (const node of after.nodes) {
    const previous = old.get(node.id);
    changes.push(...(previous ? nodeChanges(previous, node, currency) : [added(node)]));
  }
  for (const node of before.nodes) if (!current.has(node.id)) changes.push(removed(node));
  return [...changes, ...edgeChanges(before, after)];
}
