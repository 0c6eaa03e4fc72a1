import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** RFC 3161 timestamps: a timestamping authority signs "this digest existed at this time". */

export class TimestampError extends Error {
  override name = 'TimestampError';
}

const SHA256 = '2.16.840.1.101.3.4.2.1';
const REQUEST_TIMEOUT_MS = 10_000;

export interface Timestamp {
  /** The TimeStampToken (a CMS SignedData), DER. */
  token: Buffer;
  genTime: Date;
}

/** Asks the authority at `url` to timestamp the SHA-256 of `message`. */
export async function requestTimestamp(url: string, message: Uint8Array): Promise<Timestamp> {
  const nonce = randomBytes(8);
  // A positive INTEGER without a leading zero byte: the DER form the authority echoes back.
  nonce[0] = ((nonce[0] ?? 0) % 0x7f) + 1;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256(message) }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: Buffer.from(request.toSchema().toBER()),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new TimestampError(`the timestamp authority answered ${response.status}`);
  const answer = pkijs.TimeStampResp.fromBER(await response.arrayBuffer());
  const status = answer.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    throw new TimestampError(`the timestamp authority refused the request (status ${status})`);
  }
  if (!answer.timeStampToken) throw new TimestampError('the timestamp authority sent no token');
  const token = Buffer.from(answer.timeStampToken.toSchema().toBER());
  const info = tokenInfo(token);
  if (!info.nonce || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(nonce)) {
    throw new TimestampError('the timestamp answers another request (nonce differs)');
  }
  return { token, genTime: info.genTime };
}

/**
 * The time a token proves `message` existed, once the token is shown to stamp exactly this
 * message and to be signed by an authority whose certificate chains to one of `trusted`.
 */
export async function verifyTimestamp(
  token: Uint8Array,
  message: Uint8Array,
  trusted: pkijs.Certificate[],
): Promise<Date> {
  const signed = signedDataOf(token);
  const verified = await signed
    .verify({
      signer: 0,
      data: toArrayBuffer(message),
      trustedCerts: trusted,
      checkChain: true,
    })
    .catch((error: unknown) => {
      const reason = error instanceof pkijs.SignedDataVerifyError ? error.message : String(error);
      throw new TimestampError(`the timestamp does not verify: ${reason}`);
    });
  if (!verified) throw new TimestampError('the timestamp does not verify: bad signature');
  return tokenInfo(token).genTime;
}

/** Every certificate in a PEM bundle (the authority's root, and intermediates if any). */
export function parseCertificates(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new TimestampError('no certificate in the trusted PEM bundle');
  return blocks.map((block) => {
    const base64 = block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    return pkijs.Certificate.fromBER(toArrayBuffer(Buffer.from(base64, 'base64')));
  });
}

function signedDataOf(token: Uint8Array): pkijs.SignedData {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(token));
    return new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    throw new TimestampError('the timestamp token is not a CMS SignedData');
  }
}

function tokenInfo(token: Uint8Array): pkijs.TSTInfo {
  const content = signedDataOf(token).encapContentInfo.eContent;
  if (!content) throw new TimestampError('the timestamp token holds no TSTInfo');
  return pkijs.TSTInfo.fromBER(toArrayBuffer(content.valueBlock.valueHexView));
}

const sha256 = (message: Uint8Array) => createHash('sha256').update(message).digest();

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
