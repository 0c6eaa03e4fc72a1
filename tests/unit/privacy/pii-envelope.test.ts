import { describe, expect, it } from 'vitest';
import { isPiiEnvelope } from '#flow-language';
import { openPii, sealPii } from '#platform/pii-envelope';
import {
  generatePiiMasterKey,
  newDataKey,
  parsePiiKeyring,
  unwrapCaseKey,
  wrapCaseKey,
} from '#platform/pii-keyring';

const EMAIL = 'jane.buyer@example.com';

describe('PII envelopes', () => {
  it('seal a value into ciphertext that only the case key opens', () => {
    const key = newDataKey();
    const envelope = sealPii(key, 'case-1', EMAIL);
    expect(isPiiEnvelope(envelope)).toBe(true);
    expect(JSON.stringify(envelope)).not.toContain('jane');
    expect(openPii(key, envelope)).toBe(EMAIL);
    expect(() => openPii(newDataKey(), envelope)).toThrow(/failed authentication/);
  });

  it('are bound to their case key id: a relabelled envelope fails', () => {
    const key = newDataKey();
    const envelope = sealPii(key, 'case-1', EMAIL);
    expect(() => openPii(key, { ...envelope, keyId: 'case-2' })).toThrow(/failed authentication/);
  });

  it('seal twice to different ciphertexts (fresh iv), both opening to the value', () => {
    const key = newDataKey();
    const [a, b] = [sealPii(key, 'c', EMAIL), sealPii(key, 'c', EMAIL)];
    expect(a.data).not.toBe(b.data);
    expect([openPii(key, a), openPii(key, b)]).toEqual([EMAIL, EMAIL]);
  });

  it('are recognised by shape only', () => {
    expect(isPiiEnvelope({ piiEnvelope: 'v1', keyId: 'c', iv: 'x', data: 'y' })).toBe(true);
    expect(isPiiEnvelope({ piiEnvelope: 'v1', keyId: 'c', iv: 'x' })).toBe(false);
    expect(isPiiEnvelope({ piiEnvelope: 'v1', keyId: 'c', iv: 'x', data: 'y', extra: 1 })).toBe(
      false,
    );
    expect(isPiiEnvelope(EMAIL)).toBe(false);
  });
});

describe('case keys wrapped by a master key', () => {
  it('unwrap under the master key id they name, after rotation too', () => {
    const old = parsePiiKeyring(generatePiiMasterKey('m1'));
    const dataKey = newDataKey();
    const wrapped = wrapCaseKey(old, 'case-1', dataKey);
    expect(wrapped.masterKeyId).toBe('m1');
    const rotated = parsePiiKeyring(
      `${[...old.keys].map(([id, k]) => `${id}:${k.toString('base64')}`)},${generatePiiMasterKey('m2')}`,
    );
    expect(rotated.currentKeyId).toBe('m2');
    expect(unwrapCaseKey(rotated, 'case-1', wrapped).equals(dataKey)).toBe(true);
    expect(wrapCaseKey(rotated, 'case-1', dataKey).masterKeyId).toBe('m2');
  });

  it('cannot be moved to another case', () => {
    const keyring = parsePiiKeyring(generatePiiMasterKey('m1'));
    const wrapped = wrapCaseKey(keyring, 'case-1', newDataKey());
    expect(() => unwrapCaseKey(keyring, 'case-2', wrapped)).toThrow(/failed authentication/);
  });

  it('refuse a malformed master key list', () => {
    expect(() => parsePiiKeyring('m1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parsePiiKeyring(':abc')).toThrow(/valid id/);
    expect(() => parsePiiKeyring(generatePiiMasterKey('m1'), 'm9')).toThrow(/not listed/);
  });
});
