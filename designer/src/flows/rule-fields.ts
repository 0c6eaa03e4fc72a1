import type { Field, RuleGroupType } from 'react-querybuilder';
import { formatQuery } from 'react-querybuilder/formatQuery';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import {
  APPROVAL_RESULT_FIELDS,
  CASE_CONTEXT_FIELDS,
  CASE_CONTEXT_ROOT,
  type FieldType,
  type JsonValue,
  SUBFLOW_RESULT_FIELDS,
} from '#flow-language';
import type { FlowDocument } from './flow-graph.ts';

const INPUT_TYPES: Partial<Record<FieldType, string>> = {
  number: 'number',
  integer: 'number',
  date: 'datetime-local',
};

/** A builder field; `value` is what parseJsonLogic matches a `var` path against. */
export type RuleField = Field & { value: string };

function field(name: string, label = name): RuleField {
  return { name, value: name, label };
}

function typedField(name: string, label: string, type: FieldType): RuleField {
  const inputType = INPUT_TYPES[type];
  const boolean = type === 'boolean';
  return {
    ...field(name, label),
    ...(inputType && { inputType }),
    ...(boolean && { valueEditorType: 'checkbox' as const, defaultValue: true }),
  };
}

function resultFields(document: FlowDocument): RuleField[] {
  return document.nodes.flatMap((node) => {
    if (!('resultVariable' in node) || !node.resultVariable) return [];
    const root = node.resultVariable;
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
 * and the case context. Rule data is flat, so an input `orderId` is read as {"var": "orderId"}.
 */
export function ruleFields(document: FlowDocument): RuleField[] {
  const inputs = Object.entries(document.inputs ?? {}).map(([name, spec]) =>
    typedField(name, `${name} (input)`, spec.type),
  );
  const variables = Object.entries(document.variables ?? {}).map(([name, spec]) =>
    typedField(name, `${name} (variable)`, spec.type),
  );
  const context = CASE_CONTEXT_FIELDS.map((name) => field(`${CASE_CONTEXT_ROOT}.${name}`));
  return [...inputs, ...variables, ...resultFields(document), ...context];
}

export type RuleAsQuery = { ok: true; query: RuleGroupType } | { ok: false };

/** json-logic the visual builder cannot represent stays editable in the raw tab only. */
export function ruleToQuery(rule: JsonValue | undefined, fields: RuleField[]): RuleAsQuery {
  if (rule === undefined || rule === true)
    return { ok: true, query: { combinator: 'and', rules: [] } };
  const query = parseJsonLogic(JSON.stringify(rule), { fields });
  const emptyButNotTrivial = query.rules.length === 0;
  return emptyButNotTrivial ? { ok: false } : { ok: true, query };
}

/**
 * An empty builder means "always": json-logic `true`, which formatQuery would render as false.
 * The builder's inputs hold text; values of number fields are written as numbers, since
 * `{"<=": [{"var": "amount"}, "50"]}` would compare as text in some engines and fail validation.
 */
export function queryToRule(query: RuleGroupType, fields: RuleField[]): JsonValue {
  if (query.rules.length === 0) return true;
  return formatQuery(query, {
    format: 'jsonlogic',
    parseNumbers: 'strict-limited',
    fields,
  }) as JsonValue;
}
