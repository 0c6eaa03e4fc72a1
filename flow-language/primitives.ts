import { z } from 'zod';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isPlainObject(value) && Object.values(value).every(isJsonValue);
}

export { isPlainObject };

export const JsonValueSchema = z.custom<JsonValue>(isJsonValue, {
  message: 'Expected a JSON value',
});

// Rules are parsed as plain JSON: operators and variables are checked by validateFlow, so a
// draft that is still being edited in the designer can be parsed and shown with its issues.
export const JsonLogicRuleSchema = z.custom<JsonValue>(isJsonValue, {
  message: 'Expected a JSON value (a json-logic rule)',
});
export type JsonLogicRule = z.infer<typeof JsonLogicRuleSchema>;

// Names become the first segment of `var` paths, and json-logic splits paths on dots.
export const IdentifierSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'Expected letters, digits and underscores, not starting with a digit',
  );
export type Identifier = z.infer<typeof IdentifierSchema>;

// Node and edge ids end up in workflow and inbox keys, so they stay URL- and key-safe.
export const ElementIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'Expected 1-100 letters, digits, "_" or "-"');
export type ElementId = z.infer<typeof ElementIdSchema>;

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a lowercase slug such as "refund-7-days"');
export type Slug = z.infer<typeof SlugSchema>;

export const FIELD_TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'object',
  'array',
] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;

const ENUMERABLE_TYPES: readonly FieldType[] = ['string', 'number', 'integer'];

export const FieldSpecSchema = z
  .strictObject({
    type: FieldTypeSchema,
    required: z.boolean(),
    description: z.string().optional(),
    // Buyer data (name, e-mail, address, …): encrypted with the case's key, erased on retention.
    pii: z.boolean().optional(),
    enum: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
  })
  .refine((field) => field.enum === undefined || ENUMERABLE_TYPES.includes(field.type), {
    message: 'Only string, number and integer fields can have an enum',
    path: ['enum'],
  });
export type FieldSpec = z.infer<typeof FieldSpecSchema>;

export const FieldMapSchema = z.record(IdentifierSchema, FieldSpecSchema);
export type FieldMap = z.infer<typeof FieldMapSchema>;

export const VariableSpecSchema = z.strictObject({
  type: FieldTypeSchema,
  initial: JsonValueSchema.optional(),
  description: z.string().optional(),
});
export type VariableSpec = z.infer<typeof VariableSpecSchema>;

export const PositionSchema = z.strictObject({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof PositionSchema>;
