import { createHash } from 'node:crypto';
import { canonicalJson } from '#flow-language';
import type { AuditKeyRing } from './audit-keys.ts';
import type { AuditLogRecord } from './audit-log-record.ts';

export type AuditEntry = Omit<AuditLogRecord, '_id'> & { sequence: number };
export type AuditEntryContent = Omit<AuditEntry, 'hash' | 'previousHash' | 'keyId' | 'hmac'>;

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

/**
 * The entry that should follow `previousHash` at `expected`; its break, if it does not. The HMAC
 * is checked last: a chain rewritten with recomputed hashes links and hashes well, and only the
 * missing key gives it away.
 */
export function checkLink(
  entry: AuditEntry,
  expected: number,
  previousHash: string,
  keys: AuditKeyRing,
): ChainBreak | undefined {
  if (entry.sequence !== expected) {
    return { sequence: expected, reason: 'entry missing: the sequence skips it' };
  }
  if (entry.previousHash !== previousHash) {
    return { sequence: expected, reason: 'does not link to the entry before it' };
  }
  const { hash, previousHash: _previous, keyId, hmac, ...content } = entry;
  if (hashEntry({ ...content, details: content.details ?? {} }, previousHash) !== hash) {
    return { sequence: expected, reason: 'content changed after it was written' };
  }
  if (!keys.verifies(hash, { keyId, hmac }))
    return { sequence: expected, reason: badSignature(keyId, keys) };
  return undefined;
}

function badSignature(keyId: string | undefined, keys: AuditKeyRing): string {
  if (!keyId) return 'not signed: written without the audit key';
  if (!keys.knows(keyId)) return `signed with key ${keyId}, which is not configured`;
  return `signature does not match key ${keyId}: written without the audit key`;
}

/**
 * Details as they will read back from the database: JSON only. A `Date` would otherwise hash as
 * `{}` (it has no own keys), leaving its value outside the chain.
 */
export function storableDetails(details: Record<string, unknown> | undefined) {
  return JSON.parse(JSON.stringify(details ?? {})) as Record<string, unknown>;
}
