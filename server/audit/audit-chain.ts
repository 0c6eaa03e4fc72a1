import { createHash } from 'node:crypto';
import { canonicalJson } from '#flow-language';
import type { AuditLogRecord } from './audit-log-record.ts';

export type AuditEntry = Omit<AuditLogRecord, '_id'> & { sequence: number };
export type AuditEntryContent = Omit<AuditEntry, 'hash' | 'previousHash'>;

/** Why the chain breaks at an entry: the first entry edited, or after which entries went missing. */
export interface ChainBreak {
  sequence: number;
  reason: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Covers the entry's content and the hash before it, so editing any entry breaks every later link. */
export function hashEntry(content: AuditEntryContent, previousHash: string): string {
  return createHash('sha256').update(previousHash).update(canonicalJson(content)).digest('hex');
}

/** The entry that should follow `previousHash` at `expected`; its break, if it does not. */
export function checkLink(
  entry: AuditEntry,
  expected: number,
  previousHash: string,
): ChainBreak | undefined {
  if (entry.sequence !== expected) {
    return { sequence: expected, reason: 'entry missing: the sequence skips it' };
  }
  if (entry.previousHash !== previousHash) {
    return { sequence: expected, reason: 'does not link to the entry before it' };
  }
  const { hash, previousHash: _previous, ...content } = entry;
  if (hashEntry({ ...content, details: content.details ?? {} }, previousHash) !== hash) {
    return { sequence: expected, reason: 'content changed after it was written' };
  }
  return undefined;
}

/**
 * Details as they will read back from the database: JSON only. A `Date` would otherwise hash as
 * `{}` (it has no own keys), leaving its value outside the chain.
 */
export function storableDetails(details: Record<string, unknown> | undefined) {
  return JSON.parse(JSON.stringify(details ?? {})) as Record<string, unknown>;
}
