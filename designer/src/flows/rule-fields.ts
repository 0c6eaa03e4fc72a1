import { defaultOperators, type Field, type FullField } from 'react-querybuilder';
import {
  type ActivityCatalog,
  AMAZON_CONTEXT_FIELDS,
  APPROVAL_RESULT_FIELDS,
  CASE_CONTEXT_FIELDS,
  CASE_CONTEXT_ROOT,
  type FieldType,
  findActivity,
  flowCurrency,
  SUBFLOW_RESULT_FIELDS,
} from '#flow-language';
import type { FlowDocument } from './flow-graph.ts';
import { isAmountInCents } from './rule-money.ts';

const INPUT_TYPES: Partial<Record<FieldType, string>> = {
  number: 'number',
  integer: 'number',
  date: 'datetime-local',
};

/** What a field holds, as far as comparing it with another field goes; `any` when undeclared. */
type ValueKind = 'number' | 'text' | 'boolean' | 'date' | 'list' | 'any';

const VALUE_KINDS: Record<FieldType, ValueKind> = {
  string: 'text',
  number: 'number',
  integer: 'number',
  boolean: 'boolean',
  date: 'date',
  object: 'any',
  array: 'list',
};

/**
 * A builder field; `value` is what parseJsonLogic matches a `var` path against. `allowed` is an
 * input's declared list of values (its enum), offered as a dropdown.
 */
export type RuleField = Field & {
  value: string;
  valueKind: ValueKind;
  amountInCents?: boolean;
  /** The currency an amount's threshold is typed in (the flow's, see flowCurrency). */
  currency?: string;
  allowed?: readonly (string | number)[];
};

function comparableWith(kind: ValueKind) {
  return (other: FullField): boolean =>
    kind === 'any' || other.valueKind === 'any' || other.valueKind === kind;
}

/**
 * A field is compared with a typed value or with another field of the same kind
 * (`daysSinceDelivery <= returnWindowDays`), which the builder offers as its "field" value source.
 */
function field(name: string, label = name, valueKind: ValueKind = 'any'): RuleField {
  return {
    name,
    value: name,
    label,
    valueKind,
    valueSources: ['value', 'field'],
    comparator: comparableWith(valueKind),
  };
}

/**
 * A yes/no field read on its own (`{"var": "facts.delivered"}`), as flows often test one; the
 * builder offers it first for yes/no fields, with no value to type.
 */
export const IS_TRUE = 'isTrue';
const YES_NO_OPERATORS = [
  { name: IS_TRUE, value: IS_TRUE, label: 'is true', arity: 'unary' as const },
  ...defaultOperators,
];

function typedField(
  name: string,
  role: string,
  type: FieldType,
  allowed?: readonly (string | number)[],
): RuleField {
  const inputType = INPUT_TYPES[type];
  const boolean = type === 'boolean';
  const amount = isAmountInCents(name, type);
  return {
    ...field(name, `${name} (${role}${amount ? ', amount' : ''})`, VALUE_KINDS[type]),
    ...(inputType && { inputType }),
    ...(boolean && {
      valueEditorType: 'checkbox' as const,
      defaultValue: true,
      operators: YES_NO_OPERATORS,
    }),
    ...(amount && { amountInCents: true }),
    ...(allowed && {
      allowed,
      valueEditorType: 'select' as const,
      values: allowed.map((value) => ({
        name: String(value),
        value: String(value),
        label: String(value),
      })),
    }),
  };
}

function activityResultFields(
  root: string,
  nodeId: string,
  activity: string,
  catalog: ActivityCatalog,
): RuleField[] | undefined {
  const output = findActivity(catalog, activity)?.output;
  if (!output || Object.keys(output).length === 0) return undefined;
  return Object.entries(output).map(([name, spec]) =>
    typedField(`${root}.${name}`, `result of ${nodeId}`, spec.type),
  );
}

function resultFields(document: FlowDocument, catalog: ActivityCatalog): RuleField[] {
  return document.nodes.flatMap((node) => {
    if (!('resultVariable' in node) || !node.resultVariable) return [];
    const root = node.resultVariable;
    if (node.kind === 'action') {
      const typed = activityResultFields(root, node.id, node.activity, catalog);
      if (typed) return typed;
    }
    const known =
      node.kind === 'approval'
        ? APPROVAL_RESULT_FIELDS
        : node.kind === 'subflow'
          ? SUBFLOW_RESULT_FIELDS
          : [];
    if (known.length === 0) return [field(root, `${root} (result of ${node.id})`)];
    return known.map((name) => field(`${root}.${name}`));
  });
}

/**
 * What a rule may read, as json-logic `var` paths: declared inputs and variables, node results
 * (an action's typed by its activity's output in the catalog) and the case context. Rule data is
 * flat, so an input `orderId` is read as {"var": "orderId"}.
 */
export function ruleFields(document: FlowDocument, catalog: ActivityCatalog = []): RuleField[] {
  const inputs = Object.entries(document.inputs ?? {}).map(([name, spec]) =>
    typedField(name, 'input', spec.type, spec.enum),
  );
  const variables = Object.entries(document.variables ?? {}).map(([name, spec]) =>
    typedField(name, 'variable', spec.type),
  );
  const context = CASE_CONTEXT_FIELDS.flatMap((name) =>
    name === 'amazon'
      ? AMAZON_CONTEXT_FIELDS.map((fact) => field(`${CASE_CONTEXT_ROOT}.amazon.${fact}`))
      : [field(`${CASE_CONTEXT_ROOT}.${name}`)],
  );
  const currency = flowCurrency(document);
  return [...inputs, ...variables, ...resultFields(document, catalog), ...context].map((entry) =>
    entry.amountInCents && currency ? { ...entry, currency } : entry,
  );
}
