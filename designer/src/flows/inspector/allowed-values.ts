import type { FieldSpec, FieldType } from '#flow-language';

/** Only these can list allowed values (the flow language refuses an enum on any other type). */
export const CAN_LIST_VALUES: readonly FieldType[] = ['string', 'number', 'integer'];

/** "no-reason, quality-problem" as typed in the inspector; numbers for number fields. */
export function allowedValuesText(spec: Pick<FieldSpec, 'enum'>): string {
  return (spec.enum ?? []).join(', ');
}

/**
 * What the admin typed, as the input's enum: comma-separated, blanks and repeats dropped; for a
 * number field every entry must be a number (else undefined: not a list the flow can take). An
 * empty text means "any value" (no enum).
 */
export function parseAllowedValues(
  text: string,
  type: FieldType,
): { ok: true; values: (string | number)[] | undefined } | { ok: false } {
  const entries = [...new Set(text.split(',').map((entry) => entry.trim()))].filter(Boolean);
  if (entries.length === 0) return { ok: true, values: undefined };
  if (type === 'string') return { ok: true, values: entries };
  const numbers = entries.map(Number);
  const fits = (n: number) => Number.isFinite(n) && (type === 'number' || Number.isInteger(n));
  return numbers.every(fits) ? { ok: true, values: numbers } : { ok: false };
}
