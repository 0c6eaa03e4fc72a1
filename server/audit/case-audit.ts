import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Connection } from 'mongoose';
import type { CaseTimeline, ReplayVerdict } from '#api-contract/audit';
import type { ApiIdentity } from '../auth/identity.ts';
import { scopeCovers } from '../cases/case-scope.ts';
import { caseWorkflowId } from '../cases/case-submission.ts';
import { notFound } from '../http/api-errors.ts';
import { buyerDataStatement } from '../privacy/buyer-data-statement.ts';
import { type AuditLog, auditActor } from './audit-log.ts';
import { CaseHistories } from './case-histories.ts';
import { type CaseRecord, caseTimeline } from './case-timeline.ts';
import { HistoryReplayer } from './history-replay.ts';
import { caseScopeOf } from './history-timeline.ts';
import { openChain } from './open-history.ts';
import type { RunHistory } from './run-history.ts';
import { type TimelineCsvOptions, timelineCsv } from './timeline-csv.ts';
import { trailChainDossier } from './trail-dossier.ts';

export { timelineCsv } from './timeline-csv.ts';

export interface CaseAuditDependencies {
  temporal: Client;
  database: Connection;
  auditLog: AuditLog;
  /** The shipped workflow bundle; unset, `workflows/` is bundled once per process. */
  workflowBundlePath?: string;
  /** Opens the sealed payloads of recorded histories (and the clear text of older ones). */
  historyCodec: PayloadCodec;
}

export type ExportFormat = 'json' | 'csv';

export interface CaseExport {
  contentType: string;
  fileName: string;
  content: string;
}

/** What auditors do with one case: read its timeline, export it, re-check it by replay. */
export class CaseAudit {
  readonly histories: CaseHistories;
  private readonly replayer: HistoryReplayer;

  constructor(private readonly deps: CaseAuditDependencies) {
    this.histories = new CaseHistories(deps.temporal, deps.database, deps.auditLog);
    this.replayer = new HistoryReplayer(deps.historyCodec, deps.workflowBundlePath);
  }

  async timeline(caseId: string, caller: ApiIdentity): Promise<CaseTimeline> {
    return (await this.record(caseId, caller)).timeline;
  }

  private async record(caseId: string, caller: ApiIdentity): Promise<CaseRecord> {
    const chain = await this.visibleChain(caseId, caller);
    return caseTimeline(this.deps, caseId, await openChain(chain, this.deps.historyCodec));
  }

  /**
   * The case's runs, if the caller's scope covers the case the first run was started for; a case
   * outside it is answered like an unknown one, as the case routes do.
   */
  private async visibleChain(caseId: string, caller: ApiIdentity): Promise<RunHistory[]> {
    const chain = await this.histories.chain(caseWorkflowId(caseId));
    const firstRun = await openChain(chain.slice(0, 1), this.deps.historyCodec);
    if (!scopeCovers(caller.scope, caseScopeOf(firstRun))) throw notFound('case');
    return chain;
  }

  /**
   * The JSON export is a dossier: besides the timeline it carries the trail's hash chain, which
   * scripts/verify-dossier.ts checks without access to the system. The chain's head goes into
   * the audit log with the export, so the dossier handed out can be matched to the log later.
   */
  async export(
    caseId: string,
    format: ExportFormat,
    caller: ApiIdentity,
    csv: TimelineCsvOptions = {},
  ): Promise<CaseExport> {
    const { timeline, trail } = await this.record(caseId, caller);
    const trailChain = await trailChainDossier(
      this.deps,
      timeline.workflowId,
      trail,
      timeline.runs.map((run) => run.runId),
    );
    const exportedAt = new Date().toISOString();
    const file =
      format === 'csv'
        ? { contentType: 'text/csv', content: timelineCsv(timeline.items, csv) }
        : {
            contentType: 'application/json',
            content: JSON.stringify(
              {
                exportedAt,
                ...timeline,
                trailChain,
                buyerData: await buyerDataStatement(this.deps.database, caseId),
              },
              null,
              2,
            ),
          };
    await this.deps.auditLog.record({
      actor: auditActor(caller),
      action: 'case.exported',
      target: { kind: 'case', id: caseId },
      details: {
        format,
        items: timeline.items.length,
        runs: timeline.runs,
        ...(trailChain.head && { trailHead: trailChain.head }),
      },
    });
    return { ...file, fileName: `case-${caseId}-audit.${format}` };
  }

  async verifyReplay(caseId: string, caller: ApiIdentity): Promise<ReplayVerdict> {
    const chain = await this.visibleChain(caseId, caller);
    if (chain.length === 0) throw notFound('case history');
    const verdict = await this.replayer.verify(caseWorkflowId(caseId), chain);
    await this.deps.auditLog.record({
      actor: auditActor(caller),
      action: 'case.replay-verified',
      target: { kind: 'case', id: caseId },
      details: {
        ok: verdict.ok,
        runsChecked: verdict.runsChecked,
        historyHash: verdict.historyHash,
        ...(verdict.divergence && { divergence: verdict.divergence }),
      },
    });
    return verdict;
  }
}
