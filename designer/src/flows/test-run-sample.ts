import {
  type ActivityCatalog,
  type FieldMap,
  type FieldSpec,
  type FormField,
  findActivity,
  type JsonValue,
  type SAMPLE_VERDICTS,
} from '#flow-language';
import type { FlowDocument } from './flow-graph.ts';

export type ApprovalVerdict = (typeof SAMPLE_VERDICTS)[number];

/** What a test-run request answers for each node instead of calling anything (api-contract). */
export interface TestRunScenario {
  caseInput: Record<string, JsonValue>;
  /** Where the case comes from (`case.marketplace`, …), as a case's scope would say. */
  caseContext?: { marketplace?: string; brand?: string; store?: string };
  actions: Record<string, { output: JsonValue } | { error: string }>;
  approvals: Record<string, ApprovalVerdict>;
  /** What each approval's reviewers fill in; sent with the approval's verdict, not on its own. */
  forms?: Record<string, Record<string, JsonValue>>;
}

/** The test run's case starts on this day (the request's default `case.startedAt`). */
const CASE_STARTED = Date.parse('2026-01-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const DAYS_SINCE_DELIVERY = 3;

/**
 * An ordinary return, by field name, wherever a case input or an activity's answer has that field:
 * one unit of a $29.99 mug (tax $2.40) bought on amazon.com, delivered three days before the
 * case, not refunded or claimed yet. Anything not named here is the ordinary "nothing" of its
 * type (no flag raised, no extra amount): a flag such as `alreadyRefunded` or `chargeback` is false.
 */
const ORDINARY_RETURN: Record<string, JsonValue> = {
  orderId: '114-3941689-8772232',
  orderItemId: '52986411826454',
  sku: 'ACORN-MUG-350',
  quantity: 1,
  quantityReturned: 1,
  buyerEmail: 'buyer@example.com',
  buyerPostcode: '98109',
  orderStatus: 'Shipped',
  currency: 'USD',
  minorUnitsPerUnit: 100,
  timeZone: 'America/Los_Angeles',
  marketplaceId: 'ATVPDKIKX0DER',
  shipped: true,
  delivered: true,
  deliveredAt: new Date(CASE_STARTED - DAYS_SINCE_DELIVERY * DAY_MS).toISOString(),
  daysSinceDelivery: DAYS_SINCE_DELIVERY,
  principalCents: 2999,
  taxCents: 240,
};

const TYPE_CHECKS: Record<FieldSpec['type'], (value: JsonValue) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  date: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  array: (value) => Array.isArray(value),
};

function nothingOf(name: string, spec: FieldSpec): JsonValue {
  switch (spec.type) {
    case 'string':
      // A required text left empty counts as missing, so the case would be refused at intake.
      return `example-${name}`;
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return new Date(CASE_STARTED).toISOString();
    case 'object':
      return {};
    case 'array':
      return [];
  }
}

function sampleValue(name: string, spec: FieldSpec): JsonValue {
  const example = ORDINARY_RETURN[name];
  const fits =
    example !== undefined &&
    TYPE_CHECKS[spec.type](example) &&
    (spec.enum === undefined || spec.enum.includes(example as string | number));
  if (fits) return example;
  if (spec.enum?.[0] !== undefined) return spec.enum[0];
  return nothingOf(name, spec);
}

export function sampleObject(fields: FieldMap): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => [name, sampleValue(name, spec)]),
  );
}

/** A reviewer's ordinary answer: required fields filled (first option, a short note). */
export function sampleForm(form: readonly FormField[]): Record<string, JsonValue> {
  const answer = (field: FormField): JsonValue => {
    if (field.type === 'select') return field.options?.[0] ?? '';
    if (field.type === 'number') return 0;
    if (field.type === 'boolean') return true;
    return 'Checked in the test run';
  };
  return Object.fromEntries(
    form.filter((field) => field.required).map((field) => [field.name, answer(field)]),
  );
}

/**
 * A starting scenario for the test-run panel: an ordinary return (see ORDINARY_RETURN) as the
 * case and as what the activities answer, and every approval approved with its form filled in.
 */
export function sampleScenario(document: FlowDocument, catalog: ActivityCatalog): TestRunScenario {
  const actions: TestRunScenario['actions'] = {};
  const approvals: Record<string, ApprovalVerdict> = {};
  const forms: Record<string, Record<string, JsonValue>> = {};
  for (const node of document.nodes) {
    if (node.kind === 'action') {
      const activity = findActivity(catalog, node.activity);
      actions[node.id] = { output: activity ? sampleObject(activity.output) : {} };
    }
    if (node.kind === 'approval') {
      approvals[node.id] = 'approve';
      const form = sampleForm((node.form ?? []).map((field) => ({ required: false, ...field })));
      if (Object.keys(form).length > 0) forms[node.id] = form;
    }
  }
  return {
    caseInput: sampleObject(document.inputs ?? {}),
    caseContext: { marketplace: 'amazon.com' },
    actions,
    approvals,
    forms,
  };
}
