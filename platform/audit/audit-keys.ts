import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Who signed an audit entry, and the HMAC-SHA256 of its hash under that key. */
export interface AuditSignature {
  keyId: string;
  hmac: string;
}

const MIN_SECRET_LENGTH = 32;

/**
 * The audit log's HMAC keys, kept outside the database: whoever can write the database but not
 * read this key cannot forge an entry, so rewriting the chain with recomputed hashes is caught.
 * The first key signs; every key verifies, which is how a key is rotated: put the new one first
 * and keep the old one listed while entries it signed are still verified.
 */
export class AuditKeyRing {
  private constructor(private readonly keys: ReadonlyMap<string, string>) {}

  /**
   * `ACORN_AUDIT_KEY`: keys separated by commas, each `keyId:secret` or a bare secret (its id is
   * then derived from it, so a generated key needs no name).
   */
  static parse(text: string): AuditKeyRing {
    const keys = new Map<string, string>();
    for (const item of text.split(',').map((part) => part.trim())) {
      if (!item) continue;
      const colon = item.indexOf(':');
      const [keyId, secret] =
        colon > 0 ? [item.slice(0, colon), item.slice(colon + 1)] : [derivedKeyId(item), item];
      if (secret.length < MIN_SECRET_LENGTH) {
        throw new Error(`audit key ${keyId} is shorter than ${MIN_SECRET_LENGTH} characters`);
      }
      if (keys.has(keyId)) throw new Error(`audit key id ${keyId} is listed twice`);
      keys.set(keyId, secret);
    }
    if (keys.size === 0) throw new Error('no audit key given');
    return new AuditKeyRing(keys);
  }

  get signingKeyId(): string {
    const [first] = this.keys.keys();
    if (!first) throw new Error('no audit key');
    return first;
  }

  sign(hash: string): AuditSignature {
    const keyId = this.signingKeyId;
    return { keyId, hmac: hmacOf(this.secret(keyId), hash) };
  }

  knows(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** False for an unknown key id as for a wrong HMAC. */
  verifies(hash: string, signature: Partial<AuditSignature>): boolean {
    const { keyId, hmac } = signature;
    if (!keyId || !hmac || !this.keys.has(keyId)) return false;
    const expected = Buffer.from(hmacOf(this.secret(keyId), hash), 'hex');
    const given = Buffer.from(hmac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private secret(keyId: string): string {
    const secret = this.keys.get(keyId);
    if (secret === undefined) throw new Error(`unknown audit key id ${keyId}`);
    return secret;
  }
}

const hmacOf = (secret: string, hash: string) =>
  createHmac('sha256', secret).update(hash).digest('hex');

/** Public and stable: a key's id says which key signed without revealing anything usable. */
const derivedKeyId = (secret: string) =>
  `k-${createHash('sha256').update(`acorn-audit-key:${secret}`).digest('hex').slice(0, 12)}`;
