import { splitPath } from 'json-logic-engine';
import { type ActivityDescriptor, findActivity } from './activity-catalog.ts';
import { CASE_CONTEXT_ROOT, type DataRoot, dataRoots } from './data-scope.ts';
import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { ActionNode, FlowNode, NodeOfKind } from './nodes.ts';
import { analyzeRule } from './rule-analysis.ts';
import { enumInputs, enumIssues } from './rule-enums.ts';
import { nodeRules } from './rule-locations.ts';
import type { ValidationContext } from './validation-context.ts';
import { hasType, TYPE_DESCRIPTIONS } from './values.ts';

function nodesOfKind<K extends FlowNode['kind']>(
  context: ValidationContext,
  kind: K,
): NodeOfKind<K>[] {
  return [...context.nodesById.values()].filter((n): n is NodeOfKind<K> => n.kind === kind);
}

function missingInputs(node: ActionNode, activity: ActivityDescriptor): FlowIssue[] {
  return Object.entries(activity.inputs)
    .filter(([name, spec]) => spec.required && !Object.hasOwn(node.inputs, name))
    .map(([name]) => ({
      nodeId: node.id,
      field: `inputs.${name}`,
      code: ISSUE.actionMissingInput,
      message: `${describeNode(node)} does not map the required input "${name}" of "${activity.name}"`,
    }));
}

function unknownInputs(node: ActionNode, activity: ActivityDescriptor): FlowIssue[] {
  return Object.keys(node.inputs)
    .filter((name) => !Object.hasOwn(activity.inputs, name))
    .map((name) => ({
      nodeId: node.id,
      field: `inputs.${name}`,
      code: ISSUE.actionUnknownInput,
      message: `${describeNode(node)} maps "${name}", which "${activity.name}" does not take`,
    }));
}

/** Actions call catalog activities and map exactly the inputs those take. */
export function checkActivities(context: ValidationContext): FlowIssue[] {
  return nodesOfKind(context, 'action').flatMap((node): FlowIssue[] => {
    const activity = findActivity(context.catalog, node.activity);
    if (activity !== undefined)
      return [...missingInputs(node, activity), ...unknownInputs(node, activity)];
    const message = `${describeNode(node)} calls "${node.activity}", which is not in the activity catalog`;
    return [{ nodeId: node.id, field: 'activity', code: ISSUE.actionUnknownActivity, message }];
  });
}

function rootIndex(context: ValidationContext): Map<string, DataRoot> {
  const index = new Map<string, DataRoot>();
  for (const root of dataRoots(context.flow, context.catalog)) {
    if (!index.has(root.name)) index.set(root.name, root);
  }
  return index;
}

/** Why a var path can't be read, or undefined when it resolves. */
function unresolvedReason(path: string, roots: ReadonlyMap<string, DataRoot>): string | undefined {
  const [first = '', second] = splitPath(path);
  const root = roots.get(first);
  if (root === undefined) return `"${first}" is not a declared input, variable or result`;
  if (second === undefined || root.fields === 'any') return undefined;
  if (root.fields === 'none') return `"${first}" is a single value without fields`;
  if (root.fields.includes(second)) return undefined;
  return `"${first}" has no field "${second}" (it has ${root.fields.join(', ')})`;
}

function ruleIssues(node: FlowNode, roots: ReadonlyMap<string, DataRoot>): FlowIssue[] {
  return nodeRules(node).flatMap(({ field, rule }) => {
    const { problems, vars } = analyzeRule(rule);
    const subject = `${describeNode(node)}, ${field}`;
    const structural = problems.map((p) => ({
      nodeId: node.id,
      field,
      code: p.code,
      message: `${subject}: ${p.message}`,
    }));
    const unresolved = vars.flatMap(({ path }) => {
      const reason = unresolvedReason(path, roots);
      if (reason === undefined) return [];
      const message = `${subject}: reads "${path}", but ${reason}`;
      return [{ nodeId: node.id, field, code: ISSUE.ruleUnknownVariable, message }];
    });
    return [...structural, ...unresolved];
  });
}

/**
 * Rules are well formed, use whitelisted operators only, read only declared data, and compare
 * an input that lists its allowed values only with one of them.
 */
export function checkRules(context: ValidationContext): FlowIssue[] {
  const roots = rootIndex(context);
  const allowed = enumInputs(context.flow.inputs);
  return [...context.nodesById.values()].flatMap((node) => [
    ...ruleIssues(node, roots),
    ...enumIssues(node, allowed),
  ]);
}

// Inputs are the case as submitted and results belong to their node; only variables change.
export function checkSetTargets(context: ValidationContext): FlowIssue[] {
  return nodesOfKind(context, 'set').flatMap((node) =>
    Object.keys(node.assignments)
      .filter((name) => !Object.hasOwn(context.flow.variables, name))
      .map((name) => ({
        nodeId: node.id,
        field: `assignments.${name}`,
        code: ISSUE.setUnknownVariable,
        message: `${describeNode(node)} assigns "${name}", which is not a declared variable`,
      })),
  );
}

function describeRoot(root: DataRoot, context: ValidationContext): string {
  const node = root.nodeId === undefined ? undefined : context.nodesById.get(root.nodeId);
  if (node) return `the result variable "${root.name}" of ${describeNode(node)}`;
  return `${root.source} "${root.name}"`;
}

function conflictIssue(root: DataRoot, context: ValidationContext, reason: string): FlowIssue {
  const where =
    root.nodeId === undefined
      ? { field: `${root.source}s.${root.name}` }
      : { nodeId: root.nodeId, field: 'resultVariable' };
  const subject = describeRoot(root, context);
  return {
    ...where,
    code: ISSUE.nameConflict,
    message: `${subject.charAt(0).toUpperCase()}${subject.slice(1)} ${reason}`,
  };
}

// Rule data is one flat namespace, so a name must say where its value came from unambiguously.
export function checkNameConflicts(context: ValidationContext): FlowIssue[] {
  const seen = new Map<string, DataRoot>();
  const issues: FlowIssue[] = [];
  for (const root of dataRoots(context.flow, context.catalog)) {
    if (root.source === 'context') continue;
    const earlier = seen.get(root.name);
    if (root.name === CASE_CONTEXT_ROOT) {
      issues.push(
        conflictIssue(
          root,
          context,
          `uses the name "${CASE_CONTEXT_ROOT}", reserved for the case context`,
        ),
      );
    } else if (earlier) {
      issues.push(
        conflictIssue(root, context, `has the same name as ${describeRoot(earlier, context)}`),
      );
    }
    if (!earlier) seen.set(root.name, root);
  }
  return issues;
}

export function checkVariableInitials({ flow }: ValidationContext): FlowIssue[] {
  return Object.entries(flow.variables)
    .filter(([, spec]) => spec.initial !== undefined && spec.initial !== null)
    .filter(([, spec]) => !hasType(spec.type, spec.initial))
    .map(([name, spec]) => ({
      field: `variables.${name}.initial`,
      code: ISSUE.variableInvalidInitial,
      message: `Variable "${name}" has an initial value that is not ${TYPE_DESCRIPTIONS[spec.type]}`,
    }));
}
