import { findActivity } from './activity-catalog.ts';
import { isRecordMapping } from './input-mapping.ts';
import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { ValidationContext } from './validation-context.ts';

/** A record builds an object: only an input the catalog types as an object may take one. */
export function checkRecordInputs(context: ValidationContext): FlowIssue[] {
  return [...context.nodesById.values()].flatMap((node): FlowIssue[] => {
    if (node.kind !== 'action') return [];
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
