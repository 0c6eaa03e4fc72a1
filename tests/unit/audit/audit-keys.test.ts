import { describe, expect, it } from 'vitest';
import { AuditKeyRing } from '../../../server/audit/audit-keys.ts';

const secret = 's'.repeat(40);
const hash = 'a'.repeat(64);

describe('the audit key ring', () => {
  it('derives a stable id for a bare secret and signs with the first key', () => {
    const ring = AuditKeyRing.parse(secret);
    expect(ring.signingKeyId).toMatch(/^k-[0-9a-f]{12}$/);
    expect(AuditKeyRing.parse(` ${secret} `).signingKeyId).toBe(ring.signingKeyId);
    const signature = ring.sign(hash);
    expect(signature).toEqual({
      keyId: ring.signingKeyId,
      hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(ring.verifies(hash, signature)).toBe(true);
    expect(ring.verifies('b'.repeat(64), signature)).toBe(false);
  });

  it('refuses short, missing and duplicate keys', () => {
    expect(() => AuditKeyRing.parse('short')).toThrow(/shorter than 32/);
    expect(() => AuditKeyRing.parse(' , ')).toThrow(/no audit key/);
    expect(() => AuditKeyRing.parse(`a:${secret},a:${secret}x`)).toThrow(/listed twice/);
  });

  it('rejects a signature under another key id or a malformed HMAC', () => {
    const ring = AuditKeyRing.parse(`a:${secret}`);
    const signature = ring.sign(hash);
    expect(ring.verifies(hash, { ...signature, keyId: 'b' })).toBe(false);
    expect(ring.verifies(hash, { ...signature, hmac: 'zz' })).toBe(false);
    expect(ring.verifies(hash, {})).toBe(false);
  });
});
