import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { FileHeadStore, type PublishedHead } from '../../../server/audit/audit-heads.ts';
import { AuditKeyRing } from '../../../server/audit/audit-keys.ts';
import { AuditLog } from '../../../server/audit/audit-log.ts';
import { parseCertificates } from '../../../server/audit/rfc3161.ts';
import { TimestampedHeadStore } from '../../../server/audit/timestamped-heads.ts';
import { OpensslTimestampAuthority } from '../../support/openssl-tsa.ts';

/**
 * An RFC 3161 authority stamps each published head. Someone who holds the database, the heads
 * file and even the audit key can sign a rewritten chain and publish a head for it, but the
 * authority dates that head today: it cannot pass for the head published before the rewrite.
 */
let authority: OpensslTimestampAuthority;
let otherAuthority: OpensslTimestampAuthority;
const databases: Connection[] = [];
const keys = AuditKeyRing.parse(randomBytes(32).toString('base64url'));

beforeAll(async () => {
  [authority, otherAuthority] = await Promise.all([
    OpensslTimestampAuthority.start('Acorn Test TSA'),
    OpensslTimestampAuthority.start('Unknown TSA'),
  ]);
});
afterAll(async () => {
  for (const database of databases) {
    await database.dropDatabase();
    await database.close();
  }
  await Promise.all([authority?.stop(), otherAuthority?.stop()]);
});

async function stampedLog(stampedBy = authority) {
  const file = join(await mkdtemp(join(tmpdir(), 'acorn-heads-')), 'audit-heads.jsonl');
  const trusted = parseCertificates(await authority.rootPem());
  const heads = new TimestampedHeadStore(new FileHeadStore(file), {
    url: stampedBy.url,
    trusted,
  });
  const database = await connectDatabase(`${inject('mongoBaseUri')}/audit-tsa-${randomUUID()}`);
  databases.push(database);
  const log = new AuditLog(database, { keys, heads });
  for (const id of ['u-1', 'u-2', 'u-3']) {
    await log.record({
      actor: { userId: 'admin-ada', name: 'Ada', via: 'session' },
      action: 'user.updated',
      target: { kind: 'user', id },
      details: { disabled: true },
    });
  }
  await log.publishHead();
  return { log, file };
}

const publishedHeads = async (file: string): Promise<PublishedHead[]> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

const rewriteHeads = (file: string, heads: PublishedHead[]) =>
  writeFile(file, heads.map((head) => `${JSON.stringify(head)}\n`).join(''));

describe('audit heads timestamped by an RFC 3161 authority', () => {
  it('each published head carries a token that verifies', async () => {
    const { log, file } = await stampedLog();
    const [head] = await publishedHeads(file);
    expect(head?.timestampToken).toEqual(expect.any(String));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3 });
  });

  it('a head republished later under its old date is refused: the authority dates it today', async () => {
    const { log, file } = await stampedLog();
    const [head] = await publishedHeads(file);
    if (!head) throw new Error('no head published');
    // The insider signs and stamps the head again; they can only claim the old date.
    const heads = new TimestampedHeadStore(new FileHeadStore(`${file}.forged`), {
      url: authority.url,
      trusted: [],
    });
    const backdated = { ...head, publishedAt: new Date(Date.now() - 3 * 3600_000).toISOString() };
    await heads.publish(backdated);
    await rewriteHeads(file, await publishedHeads(`${file}.forged`));
    const verdict = await log.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.brokenAt?.reason).toMatch(/was timestamped .*published again later/);
  });

  it('a head edited after it was stamped is refused', async () => {
    const { log, file } = await stampedLog();
    const [head] = await publishedHeads(file);
    if (!head) throw new Error('no head published');
    await rewriteHeads(file, [{ ...head, publishedAt: new Date(Date.now() + 1).toISOString() }]);
    const verdict = await log.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.brokenAt?.reason).toMatch(/timestamp does not verify/);
  });

  it('a token from an authority nobody configured is refused', async () => {
    const { log } = await stampedLog(otherAuthority);
    const verdict = await log.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.brokenAt?.reason).toMatch(/timestamp does not verify/);
  });

  it('a head without a token is refused once an authority is configured', async () => {
    const { log, file } = await stampedLog();
    const [head] = await publishedHeads(file);
    if (!head) throw new Error('no head published');
    const { timestampToken: _dropped, ...unstamped } = head;
    await rewriteHeads(file, [unstamped]);
    expect((await log.verify()).brokenAt?.reason).toBe('the published head carries no timestamp');
  });
});
