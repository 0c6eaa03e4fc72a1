import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  checkLink,
  GENESIS_HASH,
  hashEntry,
  storableDetails,
} from '../../../server/audit/audit-chain.ts';

const actor = { userId: 'admin-ada', name: 'Ada', via: 'token' as const };

function chainOf(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let previousHash = GENESIS_HASH;
  for (let sequence = 1; sequence <= count; sequence++) {
    const content = {
      sequence,
      at: `2026-11-23T02:00:0${sequence}.000Z`,
      actor,
      action: 'flow.published',
      target: { kind: 'flow', id: `refund-${sequence}` },
      details: { version: sequence },
    };
    const hash = hashEntry(content, previousHash);
    entries.push({ ...content, previousHash, hash });
    previousHash = hash;
  }
  return entries;
}

/** The walk AuditLog.verify does page by page, over an array. */
function firstBreak(entries: AuditEntry[]) {
  let previousHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const broken = checkLink(entry, index + 1, previousHash);
    if (broken) return broken;
    previousHash = entry.hash;
  }
  return undefined;
}

describe('the audit hash chain', () => {
  it('links an untouched chain from the genesis hash', () => {
    expect(firstBreak(chainOf(5))).toBeUndefined();
  });

  it('names an entry whose content was edited', () => {
    const entries = chainOf(5);
    entries[2] = { ...(entries[2] as AuditEntry), action: 'flow.archived' };
    expect(firstBreak(entries)).toEqual({
      sequence: 3,
      reason: 'content changed after it was written',
    });
  });

  it('names the entry after an edit whose hash was recomputed to hide it', () => {
    const entries = chainOf(5);
    const edited = entries[2] as AuditEntry;
    const { hash: _hash, previousHash, ...content } = edited;
    const forged = { ...content, details: { version: 99 } };
    entries[2] = { ...forged, previousHash, hash: hashEntry(forged, previousHash) };
    expect(firstBreak(entries)).toEqual({
      sequence: 4,
      reason: 'does not link to the entry before it',
    });
  });

  it('names the place of a deleted entry', () => {
    const entries = chainOf(5);
    entries.splice(1, 1);
    expect(firstBreak(entries)).toEqual({
      sequence: 2,
      reason: 'entry missing: the sequence skips it',
    });
  });

  it('names swapped entries', () => {
    const entries = chainOf(4);
    const [second, third] = [entries[1] as AuditEntry, entries[2] as AuditEntry];
    entries[1] = { ...third, sequence: 2 };
    entries[2] = { ...second, sequence: 3 };
    expect(firstBreak(entries)?.sequence).toBe(2);
  });

  it('hashes details as they read back, so a date’s value is covered', () => {
    const at = new Date('2026-11-23T02:00:00.000Z');
    expect(storableDetails({ at })).toEqual({ at: '2026-11-23T02:00:00.000Z' });
    const content = (details: Record<string, unknown>) => ({
      sequence: 1,
      at: 'now',
      actor,
      action: 'x',
      target: { kind: 'k', id: 'i' },
      details: storableDetails(details),
    });
    expect(hashEntry(content({ at }), GENESIS_HASH)).not.toBe(
      hashEntry(content({ at: new Date(0) }), GENESIS_HASH),
    );
  });
});
