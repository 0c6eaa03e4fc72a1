import type { Connection } from 'mongoose';
import { canonicalJson, isPiiEnvelope } from '#flow-language';
import type { CaseRecord } from '#platform/cases/case-record';
import { ApiError } from '../http/api-errors.ts';
import { piiVaultFor } from '../privacy/pii-vaults.ts';
import type { CaseSubmission } from './case-submission.ts';

const SCOPE_FIELDS = ['brand', 'marketplace', 'store'] as const;

/**
 * What a second submission of a case id changes against the first: the trigger, the scope and
 * each input field by name. A case id names one case, so any difference is refused, not ignored.
 */
export async function resubmissionDifferences(
  database: Connection,
  first: CaseRecord,
  again: CaseSubmission,
): Promise<string[]> {
  const differences: string[] = [];
  if (first.trigger !== undefined && first.trigger !== again.trigger) differences.push('trigger');
  for (const field of SCOPE_FIELDS) {
    if ((first[field] ?? null) !== (again[field] ?? null)) differences.push(field);
  }
  const before = first.inputJson ? (JSON.parse(first.inputJson) as Record<string, unknown>) : {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(again.input)])].sort();
  for (const name of names) {
    const earlier = await clearValue(database, before[name]);
    // Buyer data erased under retention can no longer be compared; the rest still is.
    if (earlier === ERASED) continue;
    if (canonicalJson(earlier ?? null) !== canonicalJson(again.input[name] ?? null)) {
      differences.push(`input.${name}`);
    }
  }
  return differences;
}

export function resubmittedWithOtherContent(caseId: string, differences: string[]): ApiError {
  return new ApiError(
    409,
    'case_conflict',
    `Case ${caseId} was submitted before with other content (${differences.join(', ')}). ` +
      'A case id names one case: send the same content, or use a new case id.',
    differences.map((field) => ({ field, code: 'case.resubmitted-different' })),
  );
}

const ERASED = Symbol('erased');

async function clearValue(database: Connection, stored: unknown): Promise<unknown> {
  if (!isPiiEnvelope(stored)) return stored;
  const opened = await piiVaultFor(database).open(stored);
  return opened.erased ? ERASED : opened.value;
}
