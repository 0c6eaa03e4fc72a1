import { type Connection, trusted } from 'mongoose';
import { type AuditAction, type AuditActor, appendAuditEntry } from '#platform/audit/audit-append';
import { caseModel } from '#platform/cases/case-record';
import type { AccessScope, ApiIdentity } from '../auth/identity.ts';
import { containing } from '../http/literal-match.ts';
import { type AuditEntry, type ChainBreak, checkLink, GENESIS_HASH } from './audit-chain.ts';
import type { AuditHeadStore, PublishedHead } from './audit-heads.ts';
import type { AuditKeyRing } from './audit-keys.ts';
import { type AuditCaseScope, type AuditLogRecord, auditLogModel } from './audit-log-record.ts';
import { auditScopeFilter, caseIdOfTarget } from './audit-scope.ts';

/** `at` is an ISO instant in UTC, so comparing the strings compares the instants. */
function writtenBetween({ from, to }: { from?: Date; to?: Date }): Record<string, unknown> {
  if (!from && !to) return {};
  return {
    at: trusted({
      ...(from && { $gte: from.toISOString() }),
      ...(to && { $lt: to.toISOString() }),
    }),
  };
}

export type { AuditAction, AuditActor } from '#platform/audit/audit-append';
export type { AuditEntry } from './audit-chain.ts';

export interface AuditLogQuery {
  action?: string;
  actorId?: string;
  /** Part of the acting person's name as the entry recorded it, any case. */
  person?: string;
  /** Entries written on or after this instant. */
  from?: Date;
  /** Entries written before this instant. */
  to?: Date;
  /** The caller's scope: entries about cases outside it are left out. */
  scope?: AccessScope;
  page: number;
  pageSize: number;
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  headHash: string;
  /** The first entry that was edited, or after which entries were removed or reordered. */
  brokenAt?: ChainBreak;
  /** The newest head published outside the database, which the chain must reach. */
  publishedHead?: PublishedHead;
  /** Entries the published head proves were written and the database no longer has. */
  missingTail?: { from: number; to: number };
}

/** What keeps the log honest from outside the database: its signing keys and its published heads. */
export interface AuditProtection {
  keys: AuditKeyRing;
  heads: AuditHeadStore;
}

export const auditActor = ({ userId, name, via }: ApiIdentity): AuditActor => ({
  userId,
  name,
  via,
});

const VERIFY_PAGE = 500;

/**
 * Append-only, hash-chained log of human and admin actions. Each entry's hash covers its content
 * and the previous hash, so editing or deleting any entry breaks every hash after it; an HMAC
 * under a key outside the database signs each hash, so the chain cannot be rewritten whole; and
 * the head published outside the database at a cadence catches a cut tail. Sequence numbers are
 * `_id`s: two writers racing for the same number collide on the unique key instead of forking
 * the chain (FerretDB has no transactions, but `_id` inserts are atomic).
 */
export class AuditLog {
  private readonly entries;
  private readonly cases;
  private appending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly protection: AuditProtection,
  ) {
    this.entries = auditLogModel(connection);
    this.cases = caseModel(connection);
  }

  record(action: AuditAction): Promise<AuditEntry> {
    const appended = this.appending.then(() => this.append(action));
    this.appending = appended.catch(() => undefined);
    return appended;
  }

  async list(page: { afterSequence?: number; limit: number }): Promise<AuditEntry[]> {
    const records = await this.entries
      .find({ _id: trusted({ $gt: page.afterSequence ?? 0 }) })
      .sort({ _id: 1 })
      .limit(page.limit)
      .lean();
    return records.map(toEntry);
  }

  /** Newest first, for auditors reading the log; filters are plain strings, never operators. */
  async search(query: AuditLogQuery): Promise<{ entries: AuditEntry[]; total: number }> {
    const filter = {
      ...(query.action && { action: query.action }),
      ...(query.actorId && { 'actor.userId': query.actorId }),
      ...(query.person && { 'actor.name': containing(query.person) }),
      ...writtenBetween(query),
      ...auditScopeFilter(query.scope),
    };
    const [records, total] = await Promise.all([
      this.entries
        .find(filter)
        .sort({ _id: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.entries.countDocuments(filter),
    ]);
    return { entries: records.map(toEntry), total };
  }

  /** The first entry of `action` whose details hold `details` (plain values, matched exactly). */
  async findFirst(
    action: string,
    details: Record<string, string>,
  ): Promise<AuditEntry | undefined> {
    const filter = Object.fromEntries(
      Object.entries(details).map(([key, value]) => [`details.${key}`, String(value)]),
    );
    const record = await this.entries
      .findOne({ action, ...filter })
      .sort({ _id: 1 })
      .lean();
    return record ? toEntry(record) : undefined;
  }

  async verify(): Promise<ChainVerdict> {
    const { keys } = this.protection;
    const published = await this.protection.heads.newest();
    if (published && !keys.verifies(published.hash, published)) {
      return {
        ok: false,
        entries: 0,
        headHash: GENESIS_HASH,
        publishedHead: published,
        brokenAt: {
          sequence: published.sequence,
          reason: 'the published head is not signed by a configured audit key',
        },
      };
    }
    const attestation = published && (await this.protection.heads.attest?.(published));
    if (published && attestation) {
      return {
        ok: false,
        entries: 0,
        headHash: GENESIS_HASH,
        publishedHead: published,
        brokenAt: { sequence: published.sequence, reason: attestation },
      };
    }
    const walked = await this.walk(published);
    const verdict = { ...walked, ...(published && { publishedHead: published }) };
    if (!verdict.ok || !published || verdict.entries >= published.sequence) return verdict;
    const from = verdict.entries + 1;
    return {
      ...verdict,
      ok: false,
      brokenAt: {
        sequence: from,
        reason: `entries ${from} to ${published.sequence} missing: the log ends before its published head`,
      },
      missingTail: { from, to: published.sequence },
    };
  }

  /** Publishes the newest entry when it is newer than the newest published head. */
  async publishHead(): Promise<PublishedHead | undefined> {
    const { heads } = this.protection;
    const newest = await this.entries.findOne().sort({ _id: -1 }).lean();
    if (!newest?.keyId || !newest.hmac) return undefined;
    const published = await heads.newest();
    if (published && published.sequence >= newest._id) return undefined;
    const head: PublishedHead = {
      sequence: newest._id,
      hash: newest.hash,
      keyId: newest.keyId,
      hmac: newest.hmac,
      publishedAt: new Date().toISOString(),
    };
    await heads.publish(head);
    return head;
  }

  /** The chain from the genesis hash, each entry linked, hashed, signed, and equal to `published`. */
  private async walk(published: PublishedHead | undefined): Promise<ChainVerdict> {
    let previousHash = GENESIS_HASH;
    let expected = 1;
    const broken = (brokenAt: ChainBreak) => ({
      ok: false,
      entries: expected - 1,
      headHash: previousHash,
      brokenAt,
    });
    for (;;) {
      const page = await this.list({ afterSequence: expected - 1, limit: VERIFY_PAGE });
      for (const entry of page) {
        const link = checkLink(entry, expected, previousHash, this.protection.keys);
        if (link) return broken(link);
        if (entry.sequence === published?.sequence && entry.hash !== published.hash) {
          return broken({ sequence: expected, reason: 'differs from the published head' });
        }
        previousHash = entry.hash;
        expected += 1;
      }
      // Until a page comes back empty: entries appended while the walk runs are walked too, not
      // taken for entries missing before them (a gap shows as a skipped sequence above).
      if (page.length === 0) break;
    }
    return { ok: true, entries: expected - 1, headHash: previousHash };
  }

  /**
   * The case an entry is about and where it belongs, read from the cases projection by `_id`
   * and stamped into the entry (so hashed and signed): what scoped auditors are filtered by.
   */
  private async aboutCase(
    action: AuditAction,
  ): Promise<{ caseId?: string; caseScope?: AuditCaseScope }> {
    const caseId = caseIdOfTarget(action.target);
    if (!caseId) return {};
    const found = await this.cases.findById(caseId, { brand: 1, marketplace: 1, store: 1 }).lean();
    const caseScope = Object.fromEntries(
      (['brand', 'marketplace', 'store'] as const)
        .filter((field) => typeof found?.[field] === 'string')
        .map((field) => [field, found?.[field]]),
    );
    return { caseId, caseScope };
  }

  private async append(action: AuditAction): Promise<AuditEntry> {
    return appendAuditEntry(
      this.connection,
      this.protection.keys,
      action,
      await this.aboutCase(action),
    );
  }
}

function toEntry({ _id, ...record }: AuditLogRecord): AuditEntry {
  return { sequence: _id, ...record };
}
