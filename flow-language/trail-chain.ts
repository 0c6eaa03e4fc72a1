import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './sha256.ts';

/** One business-trail event as the workflow records it: what the chain covers. */
export interface TrailEventContent {
  sequence: number;
  at: string;
  type: string;
  nodeId?: string;
  actor?: string;
  details?: Record<string, unknown>;
}

/** An event linked to the one before it: `hash` covers its content and `previousHash`. */
export interface ChainedTrailEvent extends TrailEventContent {
  previousHash: string;
  hash: string;
}

export interface TrailChainBreak {
  sequence: number;
  reason: string;
}

export interface TrailChainVerdict {
  ok: boolean;
  /** Events checked before the first break, or all of them. */
  events: number;
  /** The last good event's sequence and hash. */
  head?: { sequence: number; hash: string };
  brokenAt?: TrailChainBreak;
}

/** Written into every export, so an outside party can recompute the chain without our code. */
export const TRAIL_CHAIN_RULE =
  'genesis = SHA-256("acorn-trail:" + workflowId); hash = SHA-256(previousHash + canonicalJson({sequence, at, type, nodeId?, actor?, details?})), keys sorted at every level, UTF-8, lowercase hex; sequences run 1, 2, 3, … across continue-as-new runs';

/** Binds the chain to its case: another case's events cannot be passed off as this one's. */
export const trailGenesis = (workflowId: string): string => sha256Hex(`acorn-trail:${workflowId}`);

/** Only the recorded fields, whatever else a stored or exported event carries. */
export function trailEventContent(event: TrailEventContent): TrailEventContent {
  const { sequence, at, type, nodeId, actor, details } = event;
  return { sequence, at, type, nodeId, actor, details };
}

export function trailEventHash(event: TrailEventContent, previousHash: string): string {
  return sha256Hex(previousHash + canonicalJson(trailEventContent(event)));
}

/**
 * Chains events (in sequence order) onto `previousHash`. Deterministic: saving the same batch
 * twice, or a later run continuing the chain, computes the same hashes.
 */
export function chainTrail<Event extends TrailEventContent>(
  events: readonly Event[],
  previousHash: string,
): (Event & ChainedTrailEvent)[] {
  let last = previousHash;
  return [...events]
    .sort((a, b) => a.sequence - b.sequence)
    .map((event) => {
      const hash = trailEventHash(event, last);
      const chained = { ...event, previousHash: last, hash };
      last = hash;
      return chained;
    });
}

/** Walks a case's whole trail from the genesis hash; names the first event that breaks it. */
export function verifyTrailChain(
  workflowId: string,
  events: readonly ChainedTrailEvent[],
): TrailChainVerdict {
  let previousHash = trailGenesis(workflowId);
  let head: TrailChainVerdict['head'];
  for (const [index, event] of events.entries()) {
    const expected = index + 1;
    const broken = (reason: string): TrailChainVerdict => ({
      ok: false,
      events: index,
      ...(head && { head }),
      brokenAt: { sequence: expected, reason },
    });
    if (event.sequence !== expected) return broken('event missing: the sequence skips it');
    if (event.previousHash !== previousHash) return broken('does not link to the event before it');
    if (trailEventHash(event, previousHash) !== event.hash) {
      return broken('content changed after it was recorded');
    }
    previousHash = event.hash;
    head = { sequence: event.sequence, hash: event.hash };
  }
  return { ok: true, events: events.length, ...(head && { head }) };
}
