import { canonicalJson } from './canonical-json.ts';
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

/** Money is kept in cents where a variable says so; admins read it in units. */
function amount(value: number, variable?: string): string {
  return variable && /cents$/i.test(variable) ? (value / 100).toFixed(2) : String(value);
}

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

function ruleChange(name: string, before: unknown, after: unknown): string[] {
  if (same(before, after)) return [];
  const numbers = changedNumbers(before, after);
  if (numbers && numbers.length > 0) {
    return numbers.map(
      ({ variable, from, to }) =>
        `${name} threshold ${amount(from, variable)} → ${amount(to, variable)}`,
    );
  }
  return [`${name}: the rule changed`];
}

function decisionChanges(before: NodeOfKind<'decision'>, after: NodeOfKind<'decision'>): string[] {
  const changes = ruleChange(words(after.label ?? after.id), before.condition, after.condition);
  const old = new Map((before.cases ?? []).map((entry) => [entry.id, entry]));
  const current = new Set((after.cases ?? []).map((entry) => entry.id));
  for (const entry of after.cases ?? []) {
    const previous = old.get(entry.id);
    if (!previous) changes.push(`new rule: ${entry.label ?? words(entry.id)}`);
    else changes.push(...ruleChange(words(entry.id), previous.when, entry.when));
  }
  for (const entry of before.cases ?? []) {
    if (!current.has(entry.id))
      changes.push(`${entry.label ?? words(entry.id)}: no longer applies`);
  }
  return changes;
}

const assigneeOf = (node: NodeOfKind<'approval'>) => assigneeName(node.assignee);
const approvers = (count: number) => `${count} approver${count === 1 ? '' : 's'}`;

function approvalChanges(before: NodeOfKind<'approval'>, after: NodeOfKind<'approval'>): string[] {
  const changes: string[] = [];
  const title = after.title;
  if (before.approvalsRequired !== after.approvalsRequired) {
    changes.push(
      `${title}: ${approvers(before.approvalsRequired)} → ${approvers(after.approvalsRequired)}`,
    );
  }
  if (assigneeOf(before) !== assigneeOf(after))
    changes.push(`${title}: decided by ${assigneeOf(before)} → ${assigneeOf(after)}`);
  if (!same(before.sla, after.sla)) {
    const hours = (node: NodeOfKind<'approval'>) =>
      node.sla ? `${node.sla.durationSeconds / 3_600} h` : 'none';
    changes.push(`${title}: SLA ${hours(before)} → ${hours(after)}`);
  }
  const oldFields = new Map(before.form.map((field) => [field.name, field]));
  for (const field of after.form) {
    const previous = oldFields.get(field.name);
    if (!previous)
      changes.push(`${title}: new ${field.required ? 'required ' : ''}form field "${field.label}"`);
    else if (previous.required !== field.required) {
      changes.push(
        `${title}: "${field.label}" ${field.required ? 'now required' : 'no longer required'}`,
      );
    }
  }
  for (const field of before.form) {
    if (!after.form.some((entry) => entry.name === field.name))
      changes.push(`${title}: form field "${field.label}" removed`);
  }
  return changes;
}

function added(node: FlowNode): string[] {
  switch (node.kind) {
    case 'approval':
      return [`new approval: ${assigneeOf(node)}, ${approvers(node.approvalsRequired)}`];
    case 'action':
      return [`new step: ${node.activity}`];
    case 'subflow':
      return [`new subflow: ${node.flowKey} v${node.version}`];
    default:
      return [`new ${node.kind}: ${words(node.id)}`];
  }
}

function removed(node: FlowNode): string {
  switch (node.kind) {
    case 'approval':
      return `approval removed: ${node.title}`;
    case 'action':
      return `no longer calls ${node.activity} (${words(node.id)})`;
    default:
      return `${node.kind} removed: ${words(node.id)}`;
  }
}

function nodeChanges(before: FlowNode, after: FlowNode): string[] {
  if (before.kind !== after.kind) return [`${words(after.id)}: ${before.kind} → ${after.kind}`];
  if (after.kind === 'decision') return decisionChanges(before as NodeOfKind<'decision'>, after);
  if (after.kind === 'approval') return approvalChanges(before as NodeOfKind<'approval'>, after);
  if (after.kind === 'action') {
    const previous = before as NodeOfKind<'action'>;
    if (previous.activity !== after.activity)
      return [`${words(after.id)}: calls ${after.activity} instead of ${previous.activity}`];
    return Object.keys({ ...previous.inputs, ...after.inputs }).flatMap((name) =>
      ruleChange(`${words(after.id)} ${name}`, previous.inputs[name], after.inputs[name]),
    );
  }
  if (after.kind === 'start') {
    const previous = before as NodeOfKind<'start'>;
    if (previous.trigger === after.trigger) return [];
    return [`trigger: ${previous.trigger ?? 'none'} → ${after.trigger ?? 'none'}`];
  }
  if (after.kind === 'end') {
    const previous = before as NodeOfKind<'end'>;
    if (previous.outcome === after.outcome) return [];
    return [`${words(after.id)}: outcome ${previous.outcome} → ${after.outcome}`];
  }
  if (after.kind === 'set') {
    const previous = before as NodeOfKind<'set'>;
    return Object.keys({ ...previous.assignments, ...after.assignments }).flatMap((name) =>
      ruleChange(`${words(name)}`, previous.assignments[name], after.assignments[name]),
    );
  }
  return [];
}

const SCOPE_NAMES = { brands: 'brands', marketplaces: 'marketplaces', stores: 'stores' } as const;

function scopeText(scope: FlowDefinition['scope']): string {
  const parts = (Object.keys(SCOPE_NAMES) as (keyof typeof SCOPE_NAMES)[])
    .filter((dimension) => scope?.[dimension])
    .map((dimension) => `${SCOPE_NAMES[dimension]} ${scope?.[dimension]?.join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'every case';
}

/** The flow's own fields: its name and the cases it takes. */
function settingChanges(before: FlowDefinition, after: FlowDefinition): string[] {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`name: "${before.name}" → "${after.name}"`);
  if (!same(before.scope ?? {}, after.scope ?? {})) {
    changes.push(`scope: ${scopeText(before.scope)} → ${scopeText(after.scope)}`);
  }
  return changes;
}

function inputChanges(before: FlowDefinition, after: FlowDefinition): string[] {
  const changes: string[] = [];
  for (const [name, spec] of Object.entries(after.inputs)) {
    const previous = before.inputs[name];
    if (!previous) changes.push(`new ${spec.required ? 'required ' : ''}input: ${words(name)}`);
    else if (previous.required !== spec.required) {
      changes.push(`${words(name)} ${spec.required ? 'now required' : 'no longer required'}`);
    }
  }
  for (const name of Object.keys(before.inputs)) {
    if (!(name in after.inputs)) changes.push(`input removed: ${words(name)}`);
  }
  return changes;
}

function edgeChanges(before: FlowDefinition, after: FlowDefinition): string[] {
  const key = (edge: { source: string; handle?: string }) =>
    `${edge.source}:${edge.handle ?? 'next'}`;
  const old = new Map(before.edges.map((edge) => [key(edge), edge.target]));
  return after.edges
    .filter((edge) => old.has(key(edge)) && old.get(key(edge)) !== edge.target)
    .map(
      (edge) =>
        `${words(edge.source)}${edge.handle ? ` (${words(edge.handle)})` : ''} now leads to ${words(edge.target)} instead of ${words(old.get(key(edge)) ?? '')}`,
    );
}

/**
 * What changed from `before` to `after`, in the words an admin uses: "high value threshold
 * 200.00 → 150.00", "new approval: finance, 2 approvers". Layout changes say nothing.
 */
export function describeFlowChanges(before: FlowDefinition, after: FlowDefinition): string[] {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const current = new Set(after.nodes.map((node) => node.id));
  const changes = [...settingChanges(before, after), ...inputChanges(before, after)];
  for (const node of after.nodes) {
    const previous = old.get(node.id);
    changes.push(...(previous ? nodeChanges(previous, node) : added(node)));
  }
  for (const node of before.nodes) if (!current.has(node.id)) changes.push(removed(node));
  return [...changes, ...edgeChanges(before, after)];
}
