import { type FieldType, isPlainObject } from './primitives.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/**
 * `YYYY-MM-DD` or a UTC date-time `YYYY-MM-DDTHH:MM:SS(.fff)Z`. UTC only, because rules compare
 * dates as strings, which orders correctly only when every value uses the same zone and form.
 */
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value) ?? DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const TYPE_CHECKS: Record<FieldType, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  date: isIsoDate,
  object: isPlainObject,
  array: Array.isArray,
};

export function hasType(type: FieldType, value: unknown): boolean {
  return TYPE_CHECKS[type](value);
}

export const TYPE_DESCRIPTIONS: Record<FieldType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  date: 'an ISO date (YYYY-MM-DD) or UTC date-time (YYYY-MM-DDTHH:MM:SSZ)',
  object: 'an object',
  array: 'an array',
};
