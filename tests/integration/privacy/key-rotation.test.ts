import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { generatePiiMasterKey, parsePiiKeyring } from '#platform/pii-keyring';
import { caseKeyModel, PiiVault } from '#platform/pii-vault';
import { privacyRecords } from '../../../server/privacy/privacy-records.ts';
import { privacyReport } from '../../../server/privacy/privacy-report.ts';
import { rewrapCaseKeys } from '../../../server/privacy/retention-sweeper.ts';

/**
 * Rotating the master key: new case keys are wrapped with the new one, the retention job
 * re-wraps the older ones, and sealed values still open; the report lists the rotation.
 */
let database: Connection;
const oldKey = generatePiiMasterKey('m1');
const newKey = generatePiiMasterKey('m2');

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/privacy-key-rotation`);
});
afterAll(async () => {
  await database?.close();
});

describe('rotating the PII master key', () => {
  it('re-wraps every case key under the current master key, and sealed values still open', async () => {
    const caseId = `rotation-${Date.now().toString(36)}`;
    const before = new PiiVault(database, parsePiiKeyring(oldKey));
    const sealed = await before.sealFields(caseId, { buyerEmail: 'rot@example.org' }, [
      'buyerEmail',
    ]);
    expect((await caseKeyModel(database).findById(caseId).lean())?.masterKeyId).toBe('m1');

    const after = new PiiVault(database, parsePiiKeyring(`${oldKey},${newKey}`));
    expect(await rewrapCaseKeys({ database, vault: after })).toBeGreaterThanOrEqual(1);
    expect(await rewrapCaseKeys({ database, vault: after })).toBe(0);
    expect((await caseKeyModel(database).findById(caseId).lean())?.masterKeyId).toBe('m2');

    const onlyNew = new PiiVault(database, parsePiiKeyring(newKey));
    expect(await onlyNew.mapEnvelopes(sealed, (opened) => opened)).toEqual({
      buyerEmail: { erased: false, value: 'rot@example.org' },
    });
    expect(await privacyRecords(database).rotations.findById(`${caseId}@m2`).lean()).toMatchObject({
      fromKeyId: 'm1',
      toKeyId: 'm2',
    });
    const report = await privacyReport(database, undefined, {}, 60);
    expect(report.keysRotated).toContainEqual(
      expect.objectContaining({ caseId, fromKeyId: 'm1', toKeyId: 'm2' }),
    );
  });

  it('refuses to open a case key without the master key it is wrapped with', async () => {
    const caseId = `rotation-missing-${Date.now().toString(36)}`;
    await new PiiVault(database, parsePiiKeyring(oldKey)).ensureCaseKey(caseId);
    const withoutOld = new PiiVault(database, parsePiiKeyring(newKey));
    await expect(withoutOld.caseKey(caseId)).rejects.toThrow(/"m1" is not configured/);
  });
});
