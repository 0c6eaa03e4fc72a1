import { readFileSync } from 'node:fs';
import type { Certificate } from 'pkijs';
import { canonicalJson } from '#flow-language';
import type { AcornConfig } from '#platform/config';
import { type AuditHeadStore, FileHeadStore, type PublishedHead } from './audit-heads.ts';
import { parseCertificates, requestTimestamp, TimestampError, verifyTimestamp } from './rfc3161.ts';

export interface TimestampAuthority {
  url: string;
  /** The authority's root certificate(s): a token must chain to one of them. */
  trusted: Certificate[];
}

/**
 * An RFC 3161 authority, not this deployment, vouches for when each head was published.
 * Whoever holds the database, the heads file and even the audit key can rewrite the log and
 * publish new heads, but cannot get a timestamp dated in the past: a head stamped long after
 * it says it was published is a rewrite.
 */
export class TimestampedHeadStore implements AuditHeadStore {
  constructor(
    private readonly heads: AuditHeadStore,
    private readonly authority: TimestampAuthority,
    /** How long a publication may take to be stamped (retries, a slow authority). */
    private readonly toleranceMs = 10 * 60_000,
  ) {}

  get location(): string {
    return `${this.heads.location}, timestamped by ${this.authority.url}`;
  }

  async publish(head: PublishedHead): Promise<void> {
    const { token } = await requestTimestamp(this.authority.url, stampedBytes(head));
    await this.heads.publish({ ...head, timestampToken: token.toString('base64') });
  }

  newest(): Promise<PublishedHead | undefined> {
    return this.heads.newest();
  }

  async attest(head: PublishedHead): Promise<string | undefined> {
    if (!head.timestampToken) return 'the published head carries no timestamp';
    let stampedAt: Date;
    try {
      const token = Buffer.from(head.timestampToken, 'base64');
      stampedAt = await verifyTimestamp(token, stampedBytes(head), this.authority.trusted);
    } catch (error) {
      if (error instanceof TimestampError) return `the published head's ${error.message}`;
      throw error;
    }
    const delay = stampedAt.getTime() - Date.parse(head.publishedAt);
    if (Number.isNaN(delay) || Math.abs(delay) > this.toleranceMs) {
      return `the published head says ${head.publishedAt} but was timestamped ${stampedAt.toISOString()}: it was published again later`;
    }
    return undefined;
  }
}

/** What the authority stamps: the head as published, without the token it gets back. */
function stampedBytes(head: PublishedHead): Buffer {
  const { sequence, hash, keyId, hmac, publishedAt } = head;
  return Buffer.from(canonicalJson({ sequence, hash, keyId, hmac, publishedAt }));
}

/** The heads file, timestamped when an authority is configured. */
export function auditHeadStore(
  config: Pick<
    AcornConfig,
    'ACORN_AUDIT_HEADS_FILE' | 'ACORN_AUDIT_TSA_URL' | 'ACORN_AUDIT_TSA_CA_FILE'
  >,
): AuditHeadStore {
  const file = new FileHeadStore(config.ACORN_AUDIT_HEADS_FILE);
  if (!config.ACORN_AUDIT_TSA_URL) return file;
  if (!config.ACORN_AUDIT_TSA_CA_FILE) {
    throw new Error(
      'ACORN_AUDIT_TSA_URL needs ACORN_AUDIT_TSA_CA_FILE: tokens must chain to a known root',
    );
  }
  const trusted = parseCertificates(readFileSync(config.ACORN_AUDIT_TSA_CA_FILE, 'utf8'));
  return new TimestampedHeadStore(file, { url: config.ACORN_AUDIT_TSA_URL, trusted });
}
