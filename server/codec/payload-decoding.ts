import type { Payload, PayloadCodec } from '@temporalio/common';
import type { CodecPayloads } from '#api-contract/codec';
import { type AuditLog, auditActor } from '../audit/audit-log.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { restrictsCases } from '../cases/case-scope.ts';
import { forbidden } from '../http/api-errors.ts';

type JsonPayload = CodecPayloads['payloads'][number];

/**
 * Opens payloads for the Temporal UI. The UI names no case, so a caller limited to some
 * brands, marketplaces or stores could read others' cases through it: only callers who see
 * every case may. A payload no key opens is returned as it came, so one does not blank a page.
 * Each request goes to the audit log with the workflows whose payloads it opened: buyer data
 * read outside the app is logged like any other access.
 */
export async function decodeForViewer(
  deps: { codec: PayloadCodec; auditLog: AuditLog },
  caller: ApiIdentity,
  request: CodecPayloads,
): Promise<CodecPayloads> {
  if (restrictsCases(caller.scope)) {
    throw forbidden('Decoding Temporal payloads needs access to every case.');
  }
  const payloads = await Promise.all(
    request.payloads.map(async (payload) => {
      const [opened] = await deps.codec.decode([fromJson(payload)]).catch(() => [undefined]);
      return opened ? toJson(opened) : payload;
    }),
  );
  const workflows = [...new Set(request.payloads.flatMap(sealedFor))];
  await deps.auditLog.record({
    actor: auditActor(caller),
    action: 'temporal.payloads-opened',
    target: { kind: 'workflow', id: workflows.join(',') || 'unbound' },
    details: { payloads: request.payloads.length, workflows },
  });
  return { payloads };
}

/** The workflow a sealed payload names in its (authenticated) scope, if any. */
function sealedFor(payload: JsonPayload): string[] {
  const scope = payload.metadata['encryption-scope'];
  if (!scope) return [];
  try {
    const [, workflowId] = JSON.parse(Buffer.from(scope, 'base64').toString()) as unknown[];
    return typeof workflowId === 'string' ? [workflowId] : [];
  } catch {
    return [];
  }
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
