import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditSignature } from './audit-keys.ts';

/** The audit chain's newest entry as published outside the database, signed like the entry. */
export interface PublishedHead extends AuditSignature {
  sequence: number;
  hash: string;
  publishedAt: string;
  /** An RFC 3161 token over the head, when a timestamping authority is configured (base64 DER). */
  timestampToken?: string;
}

/**
 * Somewhere outside the database that keeps every head published to it. An append-only file is
 * the default; `TimestampedHeadStore` adds an RFC 3161 timestamp to each head, and an
 * object-lock bucket would fit the same shape.
 * Someone who can rewrite the database but not this store can no longer cut the log's tail:
 * verification demands that the chain reaches the newest head, with the same hash there.
 */
export interface AuditHeadStore {
  /** Says where heads go, for logs and answers. */
  readonly location: string;
  publish(head: PublishedHead): Promise<void>;
  /** The head with the highest sequence, if any was published. */
  newest(): Promise<PublishedHead | undefined>;
  /** What is wrong with a head beyond its signature (e.g. its timestamp), if anything. */
  attest?(head: PublishedHead): Promise<string | undefined>;
}

/** One JSON line per head, appended; never rewritten. */
export class FileHeadStore implements AuditHeadStore {
  constructor(readonly location: string) {}

  async publish(head: PublishedHead): Promise<void> {
    await mkdir(dirname(this.location), { recursive: true });
    await appendFile(this.location, `${JSON.stringify(head)}\n`, { mode: 0o600 });
  }

  async newest(): Promise<PublishedHead | undefined> {
    const text = await readFile(this.location, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    let newest: PublishedHead | undefined;
    for (const line of text.split('\n')) {
      const head = parseHead(line);
      if (head && (!newest || head.sequence > newest.sequence)) newest = head;
    }
    return newest;
  }
}

/** A line cut short by a crash while appending is no head; it is skipped, not trusted. */
function parseHead(line: string): PublishedHead | undefined {
  if (!line.trim()) return undefined;
  try {
    const head = JSON.parse(line) as Partial<PublishedHead>;
    const complete =
      Number.isInteger(head.sequence) &&
      typeof head.hash === 'string' &&
      typeof head.keyId === 'string' &&
      typeof head.hmac === 'string' &&
      typeof head.publishedAt === 'string';
    return complete ? (head as PublishedHead) : undefined;
  } catch {
    return undefined;
  }
}
