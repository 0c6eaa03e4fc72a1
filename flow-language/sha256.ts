import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex digits. @noble/hashes because
 * it is audited, synchronous and pure JavaScript: node:crypto is off limits in the flow
 * language and crypto.subtle is async, which the workflow sandbox and sync validation can't use.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
