import type { Connection } from 'mongoose';
import { PII_ERASED } from '#api-contract/privacy';
import { caseKeyModel } from '#platform/pii-vault';
import { privacyRecords } from './privacy-records.ts';

export interface BuyerDataStatement {
  /** present: sealed, readable with the case key; erased: the key was destroyed; none. */
  key: 'present' | 'erased' | 'none';
  erasedAt?: string;
  /** What every sealed envelope in the export now reads as. */
  reads?: typeof PII_ERASED;
}

/**
 * What an export says about the case's buyer data. The export keeps the sealed envelopes
 * (its hashes cover them), so this is where a reader learns they were erased.
 */
export async function buyerDataStatement(
  database: Connection,
  caseId: string,
): Promise<BuyerDataStatement> {
  const [key, erasure] = await Promise.all([
    caseKeyModel(database).findById(String(caseId)).lean(),
    privacyRecords(database).erasures.findById(String(caseId)).lean(),
  ]);
  if (key) return { key: 'present' };
  if (!erasure) return { key: 'none' };
  return { key: 'erased', erasedAt: erasure.erasedAt.toISOString(), reads: PII_ERASED };
}
