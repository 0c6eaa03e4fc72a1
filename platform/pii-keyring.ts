import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadConfig } from './config.ts';

/**
 * Master keys wrap each case's data key (envelope encryption): the master keys live in the
 * environment, the wrapped case keys in the database, so a database copy alone opens nothing,
 * and destroying one case key erases that case's buyer data everywhere it was copied.
 */

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PiiKeyring {
  /** The master key new case keys are wrapped with (and rotation re-wraps to). */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class PiiKeyError extends Error {
  override name = 'PiiKeyError';
}

/** `id:base64key,id:base64key`; the current key is `currentKeyId`, else the last one listed. */
export function parsePiiKeyring(spec: string, currentKeyId?: string): PiiKeyring {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (colon < 1 || !KEY_ID.test(id)) throw new PiiKeyError('a PII master key has no valid id');
    if (key.length !== KEY_BYTES) {
      throw new PiiKeyError(`PII master key "${id}" is not ${KEY_BYTES} bytes of base64`);
    }
    if (keys.has(id)) throw new PiiKeyError(`PII master key "${id}" is listed twice`);
    keys.set(id, key);
  }
  const current = currentKeyId ?? [...keys.keys()].at(-1);
  if (!current) throw new PiiKeyError('no PII master key is configured');
  if (!keys.has(current)) throw new PiiKeyError(`PII master key "${current}" is not listed`);
  return { currentKeyId: current, keys };
}

/** ACORN_PII_MASTER_KEYS (+ ACORN_PII_MASTER_KEY_ID); undefined when unset. */
export function loadPiiKeyring(env: NodeJS.ProcessEnv = process.env): PiiKeyring | undefined {
  const config = loadConfig(env);
  if (!config.ACORN_PII_MASTER_KEYS) return undefined;
  return parsePiiKeyring(config.ACORN_PII_MASTER_KEYS, config.ACORN_PII_MASTER_KEY_ID);
}

/** A fresh entry for ACORN_PII_MASTER_KEYS. */
export function generatePiiMasterKey(id: string): string {
  if (!KEY_ID.test(id)) throw new PiiKeyError(`"${id}" is not a valid key id`);
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

export interface WrappedCaseKey {
  masterKeyId: string;
  /** iv | ciphertext | tag, base64; authenticated with the case id and the master key id. */
  wrappedKey: string;
}

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

export function wrapCaseKey(keyring: PiiKeyring, caseId: string, dataKey: Buffer): WrappedCaseKey {
  const masterKeyId = keyring.currentKeyId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey(keyring, masterKeyId), iv);
  cipher.setAAD(wrappingContext(caseId, masterKeyId));
  const sealed = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { masterKeyId, wrappedKey: sealed.toString('base64') };
}

/** A wrapped key copied onto another case fails authentication: it cannot open that case. */
export function unwrapCaseKey(
  keyring: PiiKeyring,
  caseId: string,
  wrapped: WrappedCaseKey,
): Buffer {
  const sealed = Buffer.from(wrapped.wrappedKey, 'base64');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    masterKey(keyring, wrapped.masterKeyId),
    sealed.subarray(0, IV_BYTES),
  );
  decipher.setAAD(wrappingContext(caseId, wrapped.masterKeyId));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new PiiKeyError(`the key of case "${caseId}" failed authentication`);
  }
}

function masterKey(keyring: PiiKeyring, id: string): Buffer {
  const key = keyring.keys.get(id);
  if (!key) throw new PiiKeyError(`PII master key "${id}" is not configured`);
  return key;
}

const wrappingContext = (caseId: string, masterKeyId: string) =>
  Buffer.from(JSON.stringify(['acorn-case-key', caseId, masterKeyId]));
