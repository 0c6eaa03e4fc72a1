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
  const declared = Object.entries(flow.inputs).flatMap(([name, spec]) =>
    checkField(name, spec, input[name]),
  );
  return [...declared, ...undeclaredFields(flow, input)];
}

// Null and the empty string count as absent: forms and integrations send both for "not given".
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function checkField(name: string, spec: FieldSpec, value: unknown): FlowIssue[] {
  if (isAbsent(value)) {
    if (!spec.required) return [];
    return [issue(name, ISSUE.inputMissing, `Input "${name}" is required but missing`)];
  }
  // Sealed at intake after its clear value passed these checks; only its owner's key opens it.
  if (spec.pii && isPiiEnvelope(value)) return [];
  if (!hasType(spec.type, value)) {
    const message = `Input "${name}" must be ${TYPE_DESCRIPTIONS[spec.type]}`;
    return [issue(name, ISSUE.inputWrongType, message)];
  }
  if (spec.enum !== undefined && !spec.enum.includes(value as string | number)) {
    const allowed = spec.enum.map((v) => JSON.stringify(v)).join(', ');
    return [issue(name, ISSUE.inputNotInEnum, `Input "${name}" must be one of ${allowed}`)];
  }
  return [];
}

function undeclaredFields(
  flow: Pick<FlowDefinition, 'inputs'>,
  input: Record<string, unknown>,
): FlowIssue[] {
  return Object.keys(input)
    .filter((name) => !Object.hasOwn(flow.inputs, name))
    .map((name) =>
      issue(name, ISSUE.inputUndeclared, `Input "${name}" is not declared by this flow`),
    );
}

function issue(field: string, code: string, message: string): FlowIssue {
  return { field, code, message };
}
