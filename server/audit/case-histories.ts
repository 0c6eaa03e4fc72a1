import { type Client, isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { type Connection, trusted } from 'mongoose';
import { caseTrailHeadModel } from '#platform/case-trail/case-trail-record';
import { isDuplicateKey } from '#platform/database';
import type { AuditActor, AuditLog } from './audit-log.ts';
import { type CaseHistoryRecord, caseHistoryModel } from './case-history-record.ts';
import {
  closingEvent,
  eventTime,
  type History,
  historyDigest,
  nextRunId,
  type RunHistory,
} from './run-history.ts';

const GRPC_NOT_FOUND = 5;
const HISTORY_ARCHIVED = 'case.history-archived';
const ANCHOR_REFUSED = 'case.history-anchor-refused';
const ARCHIVIST: AuditActor = { userId: 'system', name: 'History archive', via: 'system' };
const CASE_PREFIX = 'case-';

export const caseIdOfWorkflow = (workflowId: string) =>
  workflowId.startsWith(CASE_PREFIX) ? workflowId.slice(CASE_PREFIX.length) : workflowId;

/**
 * A case's Temporal histories, run by run along its continue-as-new chain. Temporal's copy is read
 * while it has one; every closed run is archived to `case_histories` the first time it is seen,
 * and the archive answers once Temporal's retention has dropped the run.
 */
export class CaseHistories {
  private readonly archive;
  private readonly trailHeads;

  constructor(
    private readonly temporal: Client,
    connection: Connection,
    private readonly auditLog: AuditLog,
  ) {
    this.archive = caseHistoryModel(connection);
    this.trailHeads = caseTrailHeadModel(connection);
  }

  /** Every run of the chain, first to last; empty when neither Temporal nor the archive knows it. */
  async chain(workflowId: string): Promise<RunHistory[]> {
    const archived = await this.archive.find({ workflowId }).sort({ closedAt: 1 }).lean();
    const firstRunId = await this.firstRunId(workflowId);
    if (!firstRunId) {
      return Promise.all(
        archived.map(async (record) => {
          const anchoredSha256 = await this.anchoredHash(record._id);
          return { ...fromArchive(record), ...(anchoredSha256 && { anchoredSha256 }) };
        }),
      );
    }
    const byRunId = new Map(archived.map((record) => [record._id, record]));
    const runs: RunHistory[] = [];
    for (let runId: string | undefined = firstRunId; runId; ) {
      const run = await this.run(workflowId, runId, byRunId.get(runId));
      if (!run) break;
      runs.push(run);
      runId = nextRunId(run.history);
    }
    return runs;
  }

  /** Archives a closed run unless it already is; the run's id keeps a copy from being replaced. */
  async archiveRun(workflowId: string, runId: string): Promise<boolean> {
    if (await this.archive.exists({ _id: runId })) return false;
    const history = await this.fetch(workflowId, runId);
    if (!history || !closingEvent(history)) return false;
    const json = historyToJSON(history);
    await this.store(workflowId, runId, history, json, historyDigest(json));
    return true;
  }

  async archivedRunIds(runIds: string[]): Promise<Set<string>> {
    const records = await this.archive.find({ _id: trusted({ $in: runIds }) }, { _id: 1 }).lean();
    return new Set(records.map((record) => record._id));
  }

  private async run(
    workflowId: string,
    runId: string,
    archived: CaseHistoryRecord | undefined,
  ): Promise<RunHistory | undefined> {
    const history = await this.fetch(workflowId, runId);
    if (!history) {
      if (!archived) return undefined;
      const anchoredSha256 = await this.anchoredHash(runId);
      return { ...fromArchive(archived), ...(anchoredSha256 && { anchoredSha256 }) };
    }
    const json = historyToJSON(history);
    const digest = historyDigest(json);
    const closing = closingEvent(history);
    const run: RunHistory = {
      runId,
      status: closing ? 'closed' : 'running',
      source: 'temporal',
      history,
      sha256: digest,
      ...(closing && { closedAt: eventTime(closing) }),
      ...(archived && {
        archivedSha256: historyDigest(archived.history),
        recordedSha256: archived.sha256,
      }),
    };
    if (closing && !archived) await this.store(workflowId, runId, history, json, digest);
    return run;
  }

  /**
   * The hash also goes into the hash-chained audit log: whoever edits an archived history and its
   * hash in `case_histories` must then break the audit chain as well, which its verify reveals.
   */
  private async store(
    workflowId: string,
    runId: string,
    history: History,
    json: string,
    digest: string,
  ) {
    const closing = closingEvent(history);
    const caseId = caseIdOfWorkflow(workflowId);
    try {
      await this.archive.create({
        _id: runId,
        workflowId,
        caseId,
        history: json,
        sha256: digest,
        closedAt: (closing && eventTime(closing)) ?? new Date(),
        archivedAt: new Date(),
      });
    } catch (error) {
      // Another request or the sweeper archived it first: the first copy stays.
      if (isDuplicateKey(error)) return;
      throw error;
    }
    await this.anchor(caseId, runId, digest);
  }

  /**
   * The first anchor of a run counts: once the audit log holds one, archiving the run again (its
   * copy deleted from `case_histories`, say) adds none, and a different hash is refused in its
   * own entry rather than recorded as the run's anchor. The anchor also signs where the run's
   * business trail ended (saved before the run closed), so a trail rewritten in the database
   * with recomputed hashes no longer reaches the anchored head.
   */
  private async anchor(caseId: string, runId: string, digest: string) {
    const anchored = await this.anchoredHash(runId);
    if (anchored === digest) return;
    const trailHead = await this.trailHeads.findById(runId).lean();
    await this.auditLog.record({
      actor: ARCHIVIST,
      action: anchored ? ANCHOR_REFUSED : HISTORY_ARCHIVED,
      target: { kind: 'case', id: caseId },
      details: {
        runId,
        sha256: digest,
        ...(anchored && { anchoredSha256: anchored }),
        ...(trailHead && { trailHead: { sequence: trailHead.sequence, hash: trailHead.hash } }),
      },
    });
  }

  /** The hash the audit log first recorded for the run, if it was archived by us. */
  private async anchoredHash(runId: string): Promise<string | undefined> {
    const entry = await this.auditLog.findFirst(HISTORY_ARCHIVED, { runId });
    const hash = entry?.details?.sha256;
    return typeof hash === 'string' ? hash : undefined;
  }

  private async firstRunId(workflowId: string): Promise<string | undefined> {
    try {
      const latest = await this.temporal.workflow.getHandle(workflowId).describe();
      return latest.raw.workflowExecutionInfo?.firstRunId || latest.runId;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  private async fetch(workflowId: string, runId: string): Promise<History | undefined> {
    try {
      return await this.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
    } catch (error) {
      if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return undefined;
      throw error;
    }
  }
}

function fromArchive(record: CaseHistoryRecord): RunHistory {
  return {
    runId: record._id,
    status: 'closed',
    source: 'archive',
    history: historyFromJSON(JSON.parse(record.history)),
    sha256: historyDigest(record.history),
    recordedSha256: record.sha256,
    closedAt: record.closedAt,
  };
}
