import type { PayloadCodec } from '@temporalio/common';
import { isSealedPayload } from '#platform/payload-codec';
import type { History, RunHistory } from './run-history.ts';

type Node = Record<string, unknown>;

/**
 * The chain with every sealed payload opened, for reading (timeline, export, scope). The
 * recorded histories stay untouched: their hashes, archives and replay use the sealed bytes.
 * A payload no known key opens stays sealed and reads as undecodable.
 */
export function openChain(chain: RunHistory[], codec: PayloadCodec): Promise<RunHistory[]> {
  return Promise.all(
    chain.map(async (run) => ({ ...run, history: await openHistory(run.history, codec) })),
  );
}

/** One history with its sealed payloads opened: what recorded replay fixtures keep. */
export const openHistory = (history: History, codec: PayloadCodec): Promise<History> =>
  openPayloads(history, codec);

/** Copies only the path down to each sealed payload; everything else is shared. */
async function openPayloads<T>(node: T, codec: PayloadCodec): Promise<T> {
  if (Array.isArray(node)) {
    const opened = await Promise.all(node.map((item) => openPayloads(item, codec)));
    return (opened.some((item, index) => item !== node[index]) ? opened : node) as T;
  }
  if (!isMessage(node)) return node;
  if (isSealedPayload(node)) return (await openPayload(node, codec)) as T;
  const changes: Node = {};
  for (const [key, value] of Object.entries(node)) {
    const opened = await openPayloads(value, codec);
    if (opened !== value) changes[key] = opened;
  }
  if (Object.keys(changes).length === 0) return node;
  return Object.assign(Object.create(Object.getPrototypeOf(node)), node, changes);
}

async function openPayload(payload: Node, codec: PayloadCodec): Promise<Node> {
  try {
    const [opened] = await codec.decode([payload]);
    return opened as Node;
  } catch {
    return payload;
  }
}

/** Protobuf messages and plain objects; not bytes, not 64-bit `Long`s, not dates. */
function isMessage(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof Date) &&
    typeof (value as { toNumber?: unknown }).toNumber !== 'function'
  );
}
