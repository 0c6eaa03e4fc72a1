import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type JsonValue, PII_ENVELOPE_VERSION, type PiiEnvelope } from '#flow-language';

/** AES-256-GCM over the value's JSON, bound to its case key id (a relabelled envelope fails). */

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PiiEnvelopeError extends Error {
  override name = 'PiiEnvelopeError';
}

export function sealPii(dataKey: Buffer, keyId: string, value: JsonValue): PiiEnvelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(envelopeContext(keyId));
  const plain = Buffer.from(JSON.stringify(value), 'utf8');
  const data = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return {
    piiEnvelope: PII_ENVELOPE_VERSION,
    keyId,
    iv: iv.toString('base64'),
    data: data.toString('base64'),
  };
}

export function openPii(dataKey: Buffer, envelope: PiiEnvelope): JsonValue {
  const data = Buffer.from(envelope.data, 'base64');
  if (data.length < TAG_BYTES) throw new PiiEnvelopeError('a PII envelope is cut');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(envelopeContext(envelope.keyId));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    const plain = Buffer.concat([
      decipher.update(data.subarray(0, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as JsonValue;
  } catch {
    throw new PiiEnvelopeError(`a PII envelope of "${envelope.keyId}" failed authentication`);
  }
}

const envelopeContext = (keyId: string) =>
  Buffer.from(JSON.stringify(['acorn-pii', PII_ENVELOPE_VERSION, keyId]));
