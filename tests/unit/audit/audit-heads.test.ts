import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileHeadStore, type PublishedHead } from '../../../server/audit/audit-heads.ts';

const head = (sequence: number): PublishedHead => ({
  sequence,
  hash: String(sequence).padStart(64, '0'),
  keyId: 'k',
  hmac: 'f'.repeat(64),
  publishedAt: `2026-12-06T05:0${sequence}:00.000Z`,
});

describe('the audit heads file', () => {
  it('appends one line per head and answers the highest sequence', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'heads-')), 'nested', 'audit-heads.jsonl');
    const store = new FileHeadStore(file);
    expect(await store.newest()).toBeUndefined();
    await store.publish(head(3));
    await store.publish(head(7));
    await store.publish(head(5));
    expect(await store.newest()).toEqual(head(7));
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3);
  });

  it('skips a line cut short by a crash and lines that are no head', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'heads-')), 'audit-heads.jsonl');
    const store = new FileHeadStore(file);
    await store.publish(head(2));
    await appendFile(file, '{"sequence":9,"hash":"ab\n{"sequence":8}\nnot json\n');
    expect(await store.newest()).toEqual(head(2));
  });
});
