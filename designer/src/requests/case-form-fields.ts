import type { CaseForm } from '#api-contract/cases';
import { amountAsCents, amountLabel, isAmountInCents } from '../flows/rule-money.ts';

type Declared = CaseForm['inputs'][string];

/** How one declared input is asked for. */
export type FieldControl = 'text' | 'number' | 'amount' | 'select' | 'yes-no' | 'date' | 'json';

export interface FormFieldView {
  name: string;
  /** The name people read (amounts without their "Cents"). */
  label: string;
  control: FieldControl;
  required: boolean;
  description?: string;
  pii: boolean;
  options?: string[];
}

function controlOf(name: string, spec: Declared): FieldControl {
  if (spec.enum) return 'select';
  if (isAmountInCents(name, spec.type)) return 'amount';
  if (spec.type === 'number' || spec.type === 'integer') return 'number';
  if (spec.type === 'boolean') return 'yes-no';
  if (spec.type === 'date') return 'date';
  if (spec.type === 'object' || spec.type === 'array') return 'json';
  return 'text';
}

/** The form's fields, generated from the flow's declared inputs, required ones first. */
export function formFields(form: Pick<CaseForm, 'inputs'>): FormFieldView[] {
  const fields = Object.entries(form.inputs).map(([name, spec]) => ({
    name,
    label: amountLabel(name),
    control: controlOf(name, spec),
    required: spec.required,
    description: spec.description,
    pii: spec.pii === true,
    ...(spec.enum && { options: spec.enum.map(String) }),
  }));
  return [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
}

export type FormProblem = { field: string; problem: 'amount' | 'number' | 'json' };

/**
 * What was typed, as the case input intake checks: amounts in units become whole cents, numbers
 * numbers, a picked number from a list a number, JSON parsed; blanks are left out (intake names
 * a missing required field). A value that cannot be read is a problem named by field.
 */
export function caseInputOf(
  form: Pick<CaseForm, 'inputs'>,
  typed: Record<string, string | boolean>,
): { input: Record<string, unknown>; problems: FormProblem[] } {
  const input: Record<string, unknown> = {};
  const problems: FormProblem[] = [];
  // Amounts are typed in the units of the currency the same form names (¥1500 is 1500 yen).
  const currency = typeof typed.currency === 'string' ? typed.currency.trim() : undefined;
  for (const [name, spec] of Object.entries(form.inputs)) {
    const value = typed[name];
    if (typeof value === 'boolean') {
      input[name] = value;
      continue;
    }
    const text = value?.trim() ?? '';
    if (text === '') continue;
    const read = readValue(name, spec, text, currency);
    if ('problem' in read) problems.push({ field: name, problem: read.problem });
    else input[name] = read.value;
  }
  return { input, problems };
}

function readValue(
  name: string,
  spec: Declared,
  text: string,
  currency: string | undefined,
): { value: unknown } | { problem: FormProblem['problem'] } {
  const control = controlOf(name, spec);
  if (control === 'amount') {
    const cents = amountAsCents(text, currency);
    return cents === undefined ? { problem: 'amount' } : { value: cents };
  }
  const numeric = spec.type === 'number' || spec.type === 'integer';
  if (numeric) {
    const number = Number(text);
    return Number.isFinite(number) ? { value: number } : { problem: 'number' };
  }
  if (control === 'json') {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { problem: 'json' };
    }
  }
  return { value: text };
}
