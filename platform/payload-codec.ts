import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import proto from '@temporalio/proto';

/**
 * Seals every Temporal payload (workflow inputs, Update arguments, activity inputs and results)
 * with AES-256-GCM before it leaves the process, so Temporal's history holds ciphertext only
 * and a client without a key cannot write anything a sealing worker accepts.
 */

export const SEALED_ENCODING = 'binary/encrypted';
const CIPHER = 'AES-256-GCM';
// @temporalio/proto is CommonJS: Node's ESM loader offers only its default export by name.
const { temporal } = proto;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

const META = {
  encoding: 'encoding',
  cipher: 'encryption-cipher',
  keyId: 'encryption-key-id',
  /** The namespace and workflow a payload was sealed for (it cannot be moved to another run). */
  scope: 'encryption-scope',
} as const;

export interface PayloadKeyring {
  /** The key new payloads are sealed with. */
  currentKeyId: string;
  /** Every key that may still open a payload: the current one and the retired ones. */
  keys: ReadonlyMap<string, Buffer>;
}

export class PayloadKeyError extends Error {
  override name = 'PayloadKeyError';
}

export class PayloadSealError extends Error {
  override name = 'PayloadSealError';
}

/**
 * Parses `id:base64key,id:base64key` (32-byte keys; commas or line breaks between them, so a key
 * file can take one key per line). The current key is `currentKeyId`, else the last one listed:
 * rotating is appending a key.
 */
export function parsePayloadKeyring(spec: string, currentKeyId?: string): PayloadKeyring {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(/[,\s]+/)) {
    if (!entry) continue;
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (colon < 1 || !KEY_ID.test(id)) {
      throw new PayloadKeyError(`payload key "${id || entry.slice(0, 8)}…" has no valid id`);
    }
    if (key.length !== KEY_BYTES) {
      throw new PayloadKeyError(`payload key "${id}" is not ${KEY_BYTES} bytes of base64`);
    }
    if (keys.has(id)) throw new PayloadKeyError(`payload key "${id}" is listed twice`);
    keys.set(id, key);
  }
  const current = currentKeyId ?? [...keys.keys()].at(-1);
  if (!current) throw new PayloadKeyError('no payload key is configured');
  if (!keys.has(current)) throw new PayloadKeyError(`payload key "${current}" is not listed`);
  return { currentKeyId: current, keys };
}

/** A fresh key entry for ACORN_PAYLOAD_KEYS. */
export function generatePayloadKey(id: string): string {
  if (!KEY_ID.test(id)) throw new PayloadKeyError(`"${id}" is not a valid key id`);
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

export interface SealedPayloadCodecOptions {
  /**
   * Whether a payload without the sealed encoding passes through on decode. Live workers and
   * clients refuse it (otherwise a client without the key could simply send clear text);
   * replaying histories recorded before payloads were sealed needs it.
   */
  acceptPlaintext: boolean;
  /**
   * Whether a payload sealed for one workflow is refused in another's context. Live workers and
   * clients check it (a sealed start input or decision copied into another run is refused);
   * replaying an archive, which its hash and the audit log authenticate, does not.
   */
  checkWorkflow: boolean;
}

export class SealedPayloadCodec implements PayloadCodec {
  constructor(
    private readonly keyring: PayloadKeyring,
    private readonly options: SealedPayloadCodecOptions,
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload, context));
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((payload) => this.open(payload, context));
  }

  private seal(payload: Payload, context: SerializationContext | undefined): Payload {
    const keyId = this.keyring.currentKeyId;
    const scope = scopeOf(context);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(associatedData(keyId, scope));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [META.encoding]: text(SEALED_ENCODING),
        [META.cipher]: text(CIPHER),
        [META.keyId]: text(keyId),
        ...(scope && { [META.scope]: text(scope) }),
      },
      data: sealed,
    };
  }

  private open(payload: Payload, context: SerializationContext | undefined): Payload {
    if (!isSealedPayload(payload)) {
      if (this.options.acceptPlaintext) return payload;
      throw new PayloadSealError('refused a payload that is not sealed with a payload key');
    }
    const metadata = payload.metadata ?? {};
    const keyId = readText(metadata[META.keyId]);
    const scope = metadata[META.scope] ? readText(metadata[META.scope]) : undefined;
    const expected = this.options.checkWorkflow ? scopeOf(context) : undefined;
    if (scope && expected && !sameRun(scope, expected)) {
      throw new PayloadSealError('refused a payload sealed for another workflow');
    }
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadSealError('sealed payload is cut');
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), data.subarray(0, IV_BYTES));
    decipher.setAAD(associatedData(keyId, scope));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new PayloadSealError(`sealed payload failed authentication with key "${keyId}"`);
    }
  }

  private key(keyId: string): Buffer {
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new PayloadSealError(`payload sealed with unknown key "${keyId}"`);
    return key;
  }
}

export function isSealedPayload(payload: Payload): boolean {
  const encoding = payload.metadata?.[META.encoding];
  return encoding !== undefined && encoding !== null && readText(encoding) === SEALED_ENCODING;
}

/** Activities carry the workflow that scheduled them; both seal for that workflow. */
function scopeOf(context: SerializationContext | undefined): string | undefined {
  if (!context?.workflowId) return undefined;
  return JSON.stringify([context.namespace, context.workflowId]);
}

/**
 * The key id and scope are authenticated with the ciphertext: relabelling a payload or
 * stripping its scope fails the tag check.
 */
const associatedData = (keyId: string, scope: string | undefined) =>
  Buffer.from(JSON.stringify([CIPHER, keyId, scope ?? null]));

/** A workflow id is compared; the namespace only when both sides name one. */
function sameRun(sealedFor: string, expected: string): boolean {
  const [sealedNamespace, sealedWorkflow] = JSON.parse(sealedFor) as [string, string];
  const [namespace, workflowId] = JSON.parse(expected) as [string, string];
  return sealedWorkflow === workflowId && (!namespace || sealedNamespace === namespace);
}

const text = (value: string) => new TextEncoder().encode(value);
const readText = (value: Uint8Array | null | undefined) =>
  new TextDecoder().decode(value ?? new Uint8Array());
