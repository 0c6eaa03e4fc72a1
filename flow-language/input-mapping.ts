import { z } from 'zod';
import {
  IdentifierSchema,
  isJsonValue,
  isPlainObject,
  type JsonLogicRule,
  type JsonValue,
} from './primitives.ts';

/**
 * What an action or subflow passes in one of its inputs: a json-logic rule (its value), or a
 * record, `{"fields": {"orderId": {"var": "orderId"}, ...}}`, an object built from one rule per
 * field. json-logic has no operator that builds an object, and a template's values or a
 * webhook's payload are objects.
 *
 * `fields` is not a json-logic operator, so no rule can be mistaken for a record (and no flow
 * written before records existed means anything else by it): a flow's JSON and content hash
 * stay as they were.
 */
export type InputMapping = JsonLogicRule;

export const RECORD_KEY = 'fields';

// A type, not an interface: a record is a JSON value, and only types fit JSON's index signature.
export type RecordMapping = { fields: Record<string, JsonLogicRule> };

/** A record's shape, whether or not its field names are valid (the schema says that). */
export function isRecordMapping(mapping: unknown): mapping is RecordMapping {
  return (
    isPlainObject(mapping) &&
    Object.keys(mapping).length === 1 &&
    isPlainObject(mapping[RECORD_KEY])
  );
}

const RecordFieldsSchema = z.record(IdentifierSchema, z.custom<JsonValue>(isJsonValue));

export const InputMappingSchema = z
  .custom<InputMapping>(isJsonValue, { message: 'Expected a JSON value (a json-logic rule)' })
  .superRefine((mapping, context) => {
    if (!isRecordMapping(mapping)) return;
    const parsed = RecordFieldsSchema.safeParse(mapping.fields);
    for (const issue of parsed.error?.issues ?? []) {
      context.addIssue({
        code: 'custom',
        message: `Record field names are identifiers: ${issue.message}`,
        path: [RECORD_KEY, ...issue.path.map(String)],
      });
    }
  });

/** One rule of a mapping and where it sits: `inputs.to`, or `inputs.values.fields.orderId`. */
export interface MappedRule {
  field: string;
  rule: JsonLogicRule;
  /** The record field it fills; absent for a plain rule. */
  recordField?: string;
}

export function mappingRules(path: string, mapping: InputMapping): MappedRule[] {
  if (!isRecordMapping(mapping)) return [{ field: path, rule: mapping }];
  return Object.entries(mapping.fields).map(([name, rule]) => ({
    field: `${path}.${RECORD_KEY}.${name}`,
    rule,
    recordField: name,
  }));
}
