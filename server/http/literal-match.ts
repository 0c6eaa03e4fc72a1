import { trusted } from 'mongoose';

/** Characters with a meaning in a regular expression (JavaScript's and Go's RE2 alike). */
const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** The text as typed, with every special character taken literally. */
export const literalPattern = (text: string): string => text.replace(SPECIAL, '\\$&');

/**
 * A filter value matching fields that contain the text, in any case: what a person searching for
 * part of an order id means. The operator is built here and the text escaped, so what a user
 * types never becomes an operator or a pattern.
 */
export const containing = (text: string) =>
  trusted({ $regex: literalPattern(text), $options: 'i' });
