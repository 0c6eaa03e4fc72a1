import { type InputMapping, mappingRules } from './input-mapping.ts';
import type { FlowNode } from './nodes.ts';
import type { JsonLogicRule } from './primitives.ts';

/** A json-logic expression inside a node, with the field path that holds it. */
export interface RuleLocation {
  field: string;
  rule: JsonLogicRule;
}

function mapped(prefix: string, rules: Readonly<Record<string, JsonLogicRule>>): RuleLocation[] {
  return Object.entries(rules).map(([name, rule]) => ({ field: `${prefix}.${name}`, rule }));
}

/** A record input is one rule per field, each named in its own location. */
function mappedInputs(inputs: Readonly<Record<string, InputMapping>>): RuleLocation[] {
  return Object.entries(inputs).flatMap(([name, mapping]) =>
    mappingRules(`inputs.${name}`, mapping).map(({ field, rule }) => ({ field, rule })),
  );
}

/** Every rule a node evaluates; validation, the designer and the business trail share this list. */
export function nodeRules(node: FlowNode): RuleLocation[] {
  switch (node.kind) {
    case 'decision':
      if (node.cases === undefined) {
        return node.condition === undefined ? [] : [{ field: 'condition', rule: node.condition }];
      }
      return node.cases.map((c, i) => ({ field: `cases[${i}].when`, rule: c.when }));
    case 'action':
    case 'subflow':
      return mappedInputs(node.inputs);
    case 'set':
      return mapped('assignments', node.assignments);
    case 'approval':
      return [
        ...('groupFrom' in node.assignee
          ? [{ field: 'assignee.groupFrom', rule: node.assignee.groupFrom }]
          : []),
        ...(node.amount === undefined ? [] : [{ field: 'amount', rule: node.amount }]),
        ...(node.amountCurrency === undefined
          ? []
          : [{ field: 'amountCurrency', rule: node.amountCurrency }]),
      ];
    case 'wait':
      return node.untilExpression === undefined
        ? []
        : [{ field: 'untilExpression', rule: node.untilExpression }];
    default:
      return [];
  }
}
