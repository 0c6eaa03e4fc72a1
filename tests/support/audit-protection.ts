import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileHeadStore } from '../../server/audit/audit-heads.ts';
import { AuditKeyRing } from '../../server/audit/audit-keys.ts';
import type { AuditProtection } from '../../server/audit/audit-log.ts';

/** A fresh audit key and a heads file of its own, as `npm start` makes them under data/. */
export function testAuditProtection(): AuditProtection {
  const folder = mkdtempSync(join(tmpdir(), 'acorn-audit-'));
  return {
    keys: AuditKeyRing.parse(randomBytes(32).toString('base64url')),
    heads: new FileHeadStore(join(folder, 'audit-heads.jsonl')),
  };
}
