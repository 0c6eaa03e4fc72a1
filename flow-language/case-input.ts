import { type FlowIssue, ISSUE } from './issues.ts';
import { isPiiEnvelope } from './pii.ts';
import { type FieldSpec, isPlainObject } from './primitives.ts';
import type { FlowDefinition } from './schema.ts';
import { hasType, TYPE_DESCRIPTIONS } from './values.ts';

/**
 * Checks a case against the flow's declared inputs before any rule runs: json-logic compares
 * a missing value as 0, so `daysSinceDelivery <= 7` would auto-approve a case that lacks it.
 * Undeclared fields are rejected too, so a misspelt optional field can't pass as absent.
 */
export function validateCaseInput(
  flow: Pick<FlowDefinition, 'inputs'>,
  input: unknown,
): FlowIssue[] {
  if (!isPlainObject(input)) {
    return [{ code: ISSUE.inputNotObject, message: 'The case input must be a JSON object' }];
  }
  const issues: FlowIssue[] = [];
  for (const [name, spec] of Object.entries(flow.inputs)) {
    const problem = fieldProblem(name, spec, input[name]);
    if (problem) issues.push(problem);
  }
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(flow.inputs, name)) issues.push(undeclared(name));
  }
  return issues;
}

/**
 * True exactly when validateCaseInput finds nothing, by the same field checks, building no
 * list: a backtest checks every past case, and most pass.
 */
export function acceptsCaseInput(flow: Pick<FlowDefinition, 'inputs'>, input: unknown): boolean {
  if (!isPlainObject(input)) return false;
  for (const [name, spec] of declaredFields(flow)) {
    if (fieldProblem(name, spec, input[name])) return false;
  }
  for (const name in input) {
    if (Object.hasOwn(input, name) && !Object.hasOwn(flow.inputs, name)) return false;
  }
  return true;
}

/**
 * A parsed flow's inputs never change (backtests and runs walk parsed flows): listed once,
 * however many cases are checked. validateCaseInput lists them anew, for flows edited in place.
 */
const fieldsOfFlow = new WeakMap<object, [string, FieldSpec][]>();

function declaredFields(flow: Pick<FlowDefinition, 'inputs'>): [string, FieldSpec][] {
  let fields = fieldsOfFlow.get(flow.inputs);
  if (!fields) {
    fields = Object.entries(flow.inputs);
    fieldsOfFlow.set(flow.inputs, fields);
  }
  return fields;
}

// Null and the empty string count as absent: forms and integrations send both for "not given".
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** What is wrong with one declared field's value; undefined when nothing is. */
function fieldProblem(name: string, spec: FieldSpec, value: unknown): FlowIssue | undefined {
  if (isAbsent(value)) {
    if (!spec.required) return undefined;
    return issue(name, ISSUE.inputMissing, `Input "${name}" is required but missing`);
  }
  // Sealed at intake after its clear value passed these checks; only its owner's key opens it.
  if (spec.pii && isPiiEnvelope(value)) return undefined;
  if (!hasType(spec.type, value)) {
    const message = `Input "${name}" must be ${TYPE_DESCRIPTIONS[spec.type]}`;
    return issue(name, ISSUE.inputWrongType, message);
  }
  if (spec.enum !== undefined && !spec.enum.includes(value as string | number)) {
    const allowed = spec.enum.map((v) => JSON.stringify(v)).join(', ');
    return issue(name, ISSUE.inputNotInEnum, `Input "${name}" must be one of ${allowed}`);
  }
  return undefined;
}

function undeclared(name: string): FlowIssue {
  return issue(name, ISSUE.inputUndeclared, `Input "${name}" is not declared by this flow`);
}

function issue(field: string, code: string, message: string): FlowIssue {
  return { field, code, message };
}
