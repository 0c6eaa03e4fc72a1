import { splitPath } from 'json-logic-engine';
import { findActivity } from './activity-catalog.ts';
import { unsetReason, upstreamOf } from './checks-task-data.ts';
import { isRecordMapping, mappingRules } from './input-mapping.ts';
import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { ActionNode, FlowNode } from './nodes.ts';
import { analyzeRule } from './rule-analysis.ts';
import type { ValidationContext } from './validation-context.ts';

const actions = (context: ValidationContext): ActionNode[] =>
  [...context.nodesById.values()].filter(
    (node: FlowNode): node is ActionNode => node.kind === 'action',
  );

/** A record builds an object: only an input the catalog types as an object may take one. */
export function checkRecordInputs(context: ValidationContext): FlowIssue[] {
  return actions(context).flatMap((node): FlowIssue[] => {
    const activity = findActivity(context.catalog, node.activity);
    if (activity === undefined) return [];
    return Object.entries(node.inputs)
      .filter(([name, mapping]) => isRecordMapping(mapping) && activity.inputs[name] !== undefined)
      .filter(([name]) => activity.inputs[name]?.type !== 'object')
      .map(([name]) => ({
        nodeId: node.id,
        field: `inputs.${name}`,
        code: ISSUE.actionRecordNotObject,
        message: `${describeNode(node)} builds a record for "${name}", but "${activity.name}" takes ${activity.inputs[name]?.type} there, not an object`,
      }));
  });
}

/**
 * Each field of a record reads only data set before the step runs (a case input, the case
 * context, a variable with a value by then, or the result of a step the run passes first),
 * and a problem names the field.
 */
export function checkRecordFieldsSet(context: ValidationContext): FlowIssue[] {
  return actions(context).flatMap((node) => {
    const records = Object.entries(node.inputs).filter(([, mapping]) => isRecordMapping(mapping));
    if (records.length === 0) return [];
    const upstream = upstreamOf(context, node.id);
    return records.flatMap(([name, mapping]) =>
      mappingRules(`inputs.${name}`, mapping).flatMap(({ field, rule }) =>
        analyzeRule(rule).vars.flatMap(({ path }): FlowIssue[] => {
          const [root = ''] = splitPath(path);
          const reason = unsetReason(root, context, upstream, 'this step');
          if (reason === undefined) return [];
          const message = `${describeNode(node)}, ${field}: reads "${path}" when the step runs, but ${reason}`;
          return [{ nodeId: node.id, field, code: ISSUE.ruleReadBeforeSet, message }];
        }),
      ),
    );
  });
}
