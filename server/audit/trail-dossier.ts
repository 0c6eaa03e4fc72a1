import type { Connection } from 'mongoose';
import {
  type ChainedTrailEvent,
  TRAIL_CHAIN_RULE,
  trailEventHash,
  trailGenesis,
} from '#flow-language';
import { caseTrailHeadModel } from '#platform/case-trail/case-trail-record';
import type { AuditLog } from './audit-log.ts';
import type { TrailLine } from './case-timeline.ts';

export interface TrailHead {
  sequence: number;
  hash: string;
}

/** A run's part of the trail: where it ended as saved, and as the signed audit log anchored it. */
export interface DossierRun {
  runId: string;
  head?: TrailHead;
  /** From the run's `case.history-archived` entry: its audit-log sequence and the trail head. */
  anchored?: { auditSequence: number; auditHash: string; trailHead?: TrailHead };
}

/** What an export carries so anyone can recompute the trail's chain without the system. */
export interface TrailChainDossier {
  rule: string;
  workflowId: string;
  genesis: string;
  events: (ChainedTrailEvent & { runId?: string })[];
  runs: DossierRun[];
  head?: TrailHead;
}

/**
 * The case's trail as a hash chain: saved events carry the hashes the worker stored (so an
 * event edited in the database no longer matches its hash), and events not saved yet (a running
 * run's, or ones saved before the chain existed) are chained on here.
 */
export async function trailChainDossier(
  deps: { database: Connection; auditLog: AuditLog },
  workflowId: string,
  trail: TrailLine[],
  runIds: string[],
): Promise<TrailChainDossier> {
  const genesis = trailGenesis(workflowId);
  let previousHash = genesis;
  const events = trail.map((line) => {
    const event = {
      ...line,
      previousHash: line.previousHash ?? previousHash,
      hash: line.hash ?? trailEventHash(line, previousHash),
    };
    previousHash = event.hash;
    return event;
  });
  const last = events.at(-1);
  return {
    rule: TRAIL_CHAIN_RULE,
    workflowId,
    genesis,
    events,
    runs: await Promise.all(runIds.map((runId) => dossierRun(deps, runId))),
    ...(last && { head: { sequence: last.sequence, hash: last.hash } }),
  };
}

async function dossierRun(
  deps: { database: Connection; auditLog: AuditLog },
  runId: string,
): Promise<DossierRun> {
  const [saved, anchor] = await Promise.all([
    caseTrailHeadModel(deps.database).findById(runId).lean(),
    deps.auditLog.findFirst('case.history-archived', { runId }),
  ]);
  const trailHead = anchor?.details?.trailHead as TrailHead | undefined;
  return {
    runId,
    ...(saved && { head: { sequence: saved.sequence, hash: saved.hash } }),
    ...(anchor && {
      anchored: {
        auditSequence: anchor.sequence,
        auditHash: anchor.hash,
        ...(trailHead && { trailHead }),
      },
    }),
  };
}
