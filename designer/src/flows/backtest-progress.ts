import type { BacktestAnswer } from '#api-contract/flows';

/**
 * How far a running backtest is in the records it counted before reading. Undefined when it
 * counted none (or was stored before it counted): only the cases processed are known. Records
 * read past the count (cases closed meanwhile) hold the bar full, never past it.
 */
export function recordsProgress({
  eventsRead,
  expected,
}: BacktestAnswer['progress']): { read: number; expected: number } | undefined {
  if (!expected) return undefined;
  return { read: Math.min(eventsRead, expected), expected };
}
