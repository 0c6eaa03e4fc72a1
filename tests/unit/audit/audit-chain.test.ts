import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  checkLink,
  GENESIS_HASH,
  hashEntry,
  storableDetails,
} from '../../../server/audit/audit-chain.ts';
import { AuditKeyRing } from '../../../server/audit/audit-keys.ts';

const actor = { userId: 'admin-ada', name: 'Ada', via: 'token' as const };
const keys = AuditKeyRing.parse(`current:${'c'.repeat(32)}`);
/** Someone with database access but not the key: hashes right, signs with a key of their own. */
const forgersKeys = AuditKeyRing.parse(`current:${'f'.repeat(32)}`);

function chainOf(count: number, signer = keys): AuditEntry[] {
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
    entries.push({ ...content, previousHash, hash, ...signer.sign(hash) });
    previousHash = hash;
  }
  return entries;
}

/** The walk AuditLog.verify does page by page, over an array. */
function firstBreak(entries: AuditEntry[], ring = keys) {
  let previousHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const broken = checkLink(entry, index + 1, previousHash, ring);
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
    const { hash: _hash, previousHash, keyId: _keyId, hmac: _hmac, ...content } = edited;
    const forged = { ...content, details: { version: 99 } };
    const hash = hashEntry(forged, previousHash);
    entries[2] = { ...forged, previousHash, hash, ...keys.sign(hash) };
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

  it('names the first entry of a chain rewritten whole without the audit key', () => {
    expect(firstBreak(chainOf(3, forgersKeys))).toEqual({
      sequence: 1,
      reason: 'signature does not match key current: written without the audit key',
    });
  });

  it('names an unsigned entry, and one signed by a key nobody configured', () => {
    const entries = chainOf(3);
    const { keyId: _keyId, hmac: _hmac, ...unsigned } = entries[1] as AuditEntry;
    entries[1] = unsigned;
    expect(firstBreak(entries)).toEqual({
      sequence: 2,
      reason: 'not signed: written without the audit key',
    });
    const retired = AuditKeyRing.parse(`old:${'o'.repeat(32)}`);
    expect(firstBreak(chainOf(2, retired))).toEqual({
      sequence: 1,
      reason: 'signed with key old, which is not configured',
    });
  });

  it('verifies entries signed before a rotation while the old key stays listed', () => {
    const before = AuditKeyRing.parse(`old:${'o'.repeat(32)}`);
    const rotated = AuditKeyRing.parse(`new:${'n'.repeat(32)},old:${'o'.repeat(32)}`);
    expect(rotated.signingKeyId).toBe('new');
    expect(firstBreak(chainOf(3, before), rotated)).toBeUndefined();
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
