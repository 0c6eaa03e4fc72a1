import type { Payload, PayloadCodec } from '@temporalio/common';
import type { CodecPayloads } from '#api-contract/codec';
import type { ApiIdentity } from '../auth/identity.ts';
import { restrictsCases } from '../cases/case-scope.ts';
import { forbidden } from '../http/api-errors.ts';

type JsonPayload = CodecPayloads['payloads'][number];

/**
 * Opens payloads for the Temporal UI. The UI names no case, so a caller limited to some
 * brands, marketplaces or stores could read others' cases through it: only callers who see
 * every case may. A payload no key opens is returned as it came, so one does not blank a page.
 */
export async function decodeForViewer(
  codec: PayloadCodec,
  caller: ApiIdentity,
  request: CodecPayloads,
): Promise<CodecPayloads> {
  if (restrictsCases(caller.scope)) {
    throw forbidden('Decoding Temporal payloads needs access to every case.');
  }
  const payloads = await Promise.all(
    request.payloads.map(async (payload) => {
      const [opened] = await codec.decode([fromJson(payload)]).catch(() => [undefined]);
      return opened ? toJson(opened) : payload;
    }),
  );
  return { payloads };
}

function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
    ),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, base64(value)]),
    ),
    data: base64(payload.data),
  };
}

const base64 = (bytes: Uint8Array | null | undefined) =>
  Buffer.from(bytes ?? new Uint8Array()).toString('base64');
