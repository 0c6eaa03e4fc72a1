import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { AuditKeyRing } from '#platform/audit/audit-keys';
import { CaseAccounts } from '#platform/case-start/case-account';
import { CaseOrders } from '#platform/case-start/case-orders';
import { NoFlowForCase } from '#platform/case-start/flow-selection';
import { PublishedFlowReader } from '#platform/case-start/published-flows';
import {
  CaseRejected,
  type CaseSubmission,
  type SubmittedCase,
  startCase,
} from '#platform/case-start/start-case';
import { recordCaseSubmission } from '#platform/case-start/submission-record';
import { registerPiiVault } from '#platform/pii-vault';
import { IntakeAudit } from './intake-audit.ts';

export interface IntakeCaseDependencies {
  temporal: Client;
  taskQueue: string;
  database: Connection;
  /** The audit log's signing keys (ACORN_AUDIT_KEY): intake's cases are audited as the API's. */
  auditKeys: AuditKeyRing;
}

export type StartAttempt =
  | { outcome: 'started' | 'already-started'; flowKey: string }
  | { outcome: 'refused'; reason: string };

/**
 * Starts a case read from Amazon exactly as POST /api/cases does (platform/case-start: flow
 * selection, declared inputs, buyer data sealed, one run per case id), then writes the runs
 * projection. A case no flow takes, or whose facts a flow refuses, is refused, not retried.
 */
export class IntakeCaseStarter {
  private readonly flows;
  private readonly audit;

  constructor(private readonly deps: IntakeCaseDependencies) {
    this.flows = new PublishedFlowReader(deps.database);
    this.audit = new IntakeAudit(deps.database, deps.auditKeys);
  }

  async start(submission: CaseSubmission & { caseId: string }): Promise<StartAttempt> {
    const submittedAt = new Date();
    let submitted: SubmittedCase;
    try {
      submitted = await startCase(
        {
          temporal: this.deps.temporal,
          taskQueue: this.deps.taskQueue,
          flows: this.flows,
          buyerData: registerPiiVault(this.deps.database),
          caseAccounts: new CaseAccounts(this.deps.database),
          caseOrders: new CaseOrders(this.deps.database),
        },
        submission,
      );
    } catch (error) {
      if (error instanceof CaseRejected || error instanceof NoFlowForCase) {
        return { outcome: 'refused', reason: error.message };
      }
      throw error;
    }
    await recordCaseSubmission(this.deps.database, submitted, submission, submittedAt);
    // Also when already started: a restart between the start and this entry still writes it.
    await this.audit.caseSubmitted(submitted, submission);
    return {
      outcome: submitted.started ? 'started' : 'already-started',
      flowKey: submitted.flowKey,
    };
  }
}
