import { IdentifierSchema, type JsonValue, type RecordMapping } from '#flow-language';

/** A record input with no fields yet: what "build from fields" starts from. */
export const EMPTY_RECORD: RecordMapping = { fields: {} };

/** Sets one field's rule, keeping the fields in the order the admin added them. */
export function withField(record: RecordMapping, name: string, rule: JsonValue): RecordMapping {
  return { fields: { ...record.fields, [name]: rule } };
}

export function withoutField(record: RecordMapping, name: string): RecordMapping {
  const { [name]: _removed, ...fields } = record.fields;
  return { fields };
}

/** Why a new field cannot have this name: it becomes a key the activity reads, so an identifier. */
export function newFieldProblem(
  record: RecordMapping,
  name: string,
): 'invalid' | 'taken' | undefined {
  if (!IdentifierSchema.safeParse(name).success) return 'invalid';
  if (Object.hasOwn(record.fields, name)) return 'taken';
  return undefined;
}

/** A new field reads the variable of its name, the usual start (`orderId` ← `{"var": "orderId"}`). */
export function addField(record: RecordMapping, name: string): RecordMapping {
  return withField(record, name, { var: name });
}
