import { readFile } from 'node:fs/promises';
import { trusted } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { hashEntry } from '../../../server/audit/audit-chain.ts';
import { startAuditHeadPublisher } from '../../../server/audit/audit-head-publisher.ts';
import { AuditKeyRing } from '../../../server/audit/audit-keys.ts';
import { AuditLog } from '../../../server/audit/audit-log.ts';
import type { AuditLogRecord } from '../../../server/audit/audit-log-record.ts';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import { ApiHarness } from '../../support/api-harness.ts';

/**
 * Someone with write access to the database, but not to the audit key or the published heads,
 * tries to make the audit log forget: by cutting its newest entries, or by rewriting the whole
 * chain with every hash recomputed. Both must fail verification, naming what is wrong.
 */
let harness: ApiHarness;
const entries = () => auditLogModel(harness.services.database);
const verify = async () => (await harness.call('post', '/api/audit/log/verify', 'auditor')).body;

async function recordActions(count: number) {
  for (let index = 0; index < count; index++) {
    await harness.services.auditLog.record({
      actor: { userId: 'admin-ada', name: 'Ada', via: 'token' },
      action: 'user.updated',
      target: { kind: 'user', id: `user-${index}` },
      details: { disabled: true },
    });
  }
}

/** The whole log rewritten as a forger would: same content, hashes recomputed, signed with a key of their own. */
async function rewriteWholeChain(original: AuditLogRecord[]) {
  const forger = AuditKeyRing.parse(`forger:${'f'.repeat(40)}`);
  let previousHash = '0'.repeat(64);
  const forged = original.map(
    ({ _id, hash: _hash, previousHash: _p, keyId, hmac: _hmac, ...content }) => {
      const hash = hashEntry({ sequence: _id, ...content }, previousHash);
      const record = {
        _id,
        ...content,
        previousHash,
        hash,
        // The real key id, with an HMAC the forger could only make with a key of their own.
        hmac: forger.sign(hash).hmac,
        keyId,
      };
      previousHash = hash;
      return record;
    },
  );
  await entries().deleteMany({});
  await entries().insertMany(forged);
}

beforeAll(async () => {
  harness = await ApiHarness.open('audit-tail-cut');
});
afterAll(async () => {
  await harness?.close();
});

describe('an audit log rewritten or cut by someone with database access', () => {
  it('fails a chain rewritten whole with recomputed hashes but without the audit key', async () => {
    await recordActions(4);
    expect(await verify()).toMatchObject({ ok: true, entries: 4 });
    const original = await entries().find().sort({ _id: 1 }).lean();
    await rewriteWholeChain(original);
    expect(await verify()).toMatchObject({
      ok: false,
      entries: 0,
      brokenAt: {
        sequence: 1,
        reason: expect.stringMatching(
          /^signature does not match key .*: written without the audit key$/,
        ),
      },
    });
    await entries().deleteMany({});
    await entries().insertMany(original);
    expect(await verify()).toMatchObject({ ok: true, entries: 4 });
  });

  it('publishes the chain head to an append-only file outside the database, at its cadence', async () => {
    const stop = startAuditHeadPublisher(
      { auditLog: harness.services.auditLog, logger: harness.services.logger },
      3600,
    );
    try {
      await waitUntil(
        'the publisher to publish the head',
        async () => (await harness.services.audit.heads.newest())?.sequence === 4,
        30_000,
      );
    } finally {
      stop();
    }
    const lines = (await readFile(harness.services.audit.heads.location, 'utf8'))
      .trim()
      .split('\n');
    const newest = await entries().findOne({ _id: 4 }).lean();
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({
      sequence: 4,
      hash: newest?.hash,
      keyId: newest?.keyId,
      hmac: newest?.hmac,
    });
    expect(await harness.services.auditLog.publishHead()).toBeUndefined();
  });

  it('fails when the newest entries are deleted, naming the missing tail', async () => {
    await recordActions(3);
    expect(await harness.services.auditLog.publishHead()).toMatchObject({ sequence: 7 });
    expect(await verify()).toMatchObject({ ok: true, entries: 7, publishedHead: { sequence: 7 } });

    const tail = await entries()
      .find({ _id: trusted({ $gte: 6 }) })
      .lean();
    await entries().deleteMany({ _id: trusted({ $gte: 6 }) });
    expect(await verify()).toMatchObject({
      ok: false,
      entries: 5,
      brokenAt: { sequence: 6 },
      missingTail: { from: 6, to: 7 },
      publishedHead: { sequence: 7 },
    });

    // New actions written over the cut tail do not hide it either: the hash at #7 differs.
    await recordActions(2);
    expect(await verify()).toMatchObject({
      ok: false,
      entries: 6,
      brokenAt: { sequence: 7, reason: 'differs from the published head' },
    });
    await entries().deleteMany({ _id: trusted({ $gte: 6 }) });
    await entries().insertMany(tail);
    expect(await verify()).toMatchObject({ ok: true, entries: 7 });
  });

  it('walks entries appended while it verifies, instead of calling them missing', async () => {
    /** The log as the API builds it, with one more action arriving just after the walk's last page. */
    class BusyLog extends AuditLog {
      private arrived = false;
      override async list(page: { afterSequence?: number; limit: number }) {
        const entries = await super.list(page);
        if (entries.length < page.limit && !this.arrived) {
          this.arrived = true;
          await this.record({
            actor: { userId: 'admin-ada', name: 'Ada', via: 'token' },
            action: 'user.updated',
            target: { kind: 'user', id: 'arrived-mid-walk' },
          });
        }
        return entries;
      }
    }
    const before = await entries().countDocuments();
    const log = new BusyLog(harness.services.database, harness.services.audit);
    expect(await log.verify()).toMatchObject({ ok: true, entries: before + 1 });
  });

  it('keeps one signed chain when two API processes append at once', async () => {
    const before = await entries().countDocuments();
    const processes = [1, 2].map(
      () => new AuditLog(harness.services.database, harness.services.audit),
    );
    await Promise.all(
      processes.flatMap((log, process) =>
        Array.from({ length: 10 }, (_, index) =>
          log.record({
            actor: { userId: 'admin-ada', name: 'Ada', via: 'token' },
            action: 'user.updated',
            target: { kind: 'user', id: `process-${process}-${index}` },
          }),
        ),
      ),
    );
    expect(await verify()).toMatchObject({ ok: true, entries: before + 20 });
  });

  it('shows the verdict to auditors only', async () => {
    expect((await harness.call('post', '/api/audit/log/verify', 'reviewer')).status).toBe(403);
  });
});
