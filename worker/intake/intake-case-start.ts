import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { AuditKeyRing } from '#platform/audit/audit-keys';
import { CaseAccounts } from '#platform/case-start/case-account';
import { CaseOrders } from '#platform/case-start/case-orders';
import { NoFlowForCase, type PublishedFlow, selectFlow } from '#platform/case-start/flow-selection';
import { PublishedFlowReader } from '#platform/case-start/published-flows';
import {
  CaseRejected,
  type CaseSubmission,
  type PublishedFlowSource,
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

/**
 * A case read from Amazon. `offered`: optional facts only a flow that declares them receives
 * (flows refuse undeclared inputs, and a deployment may still publish a version that predates
 * them); `input` goes to every flow as it is.
 */
export interface IntakeSubmission extends CaseSubmission {
  caseId: string;
  offered?: Record<string, unknown>;
}

export type StartAttempt =
  | {
      outcome: 'started' | 'already-started';
      flowKey: string;
      /** Offered facts the flow's published version does not declare, left out of its case. */
      droppedFacts?: string[];
    }
  | { outcome: 'refused'; reason: string };

interface OfferedStart {
  submission: CaseSubmission;
  submitted: SubmittedCase;
  droppedFacts: string[];
}

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

  async start(intakeCase: IntakeSubmission): Promise<StartAttempt> {
    const submittedAt = new Date();
    let started: OfferedStart;
    try {
      started = await this.startOffering(intakeCase);
    } catch (error) {
      if (error instanceof CaseRejected || error instanceof NoFlowForCase) {
        return { outcome: 'refused', reason: error.message };
      }
      throw error;
    }
    const { submitted, submission, droppedFacts } = started;
    await recordCaseSubmission(this.deps.database, submitted, submission, submittedAt);
    // Also when already started: a restart between the start and this entry still writes it.
    await this.audit.caseSubmitted(submitted, submission);
    return {
      outcome: submitted.started ? 'started' : 'already-started',
      flowKey: submitted.flowKey,
      ...(droppedFacts.length > 0 && { droppedFacts }),
    };
  }

  /**
   * Selects the flow once, gives the case the offered facts that flow declares and starts it
   * with that flow: what decides the offer is what runs the case.
   */
  private async startOffering({ offered = {}, ...asked }: IntakeSubmission): Promise<OfferedStart> {
    const candidates = await this.flows.publishedForTrigger(asked.trigger);
    const { declared, dropped } = sortOffer(selectFlow(candidates, asked), offered);
    const submission = { ...asked, input: { ...declared, ...asked.input } };
    const submitted = await startCase(
      {
        temporal: this.deps.temporal,
        taskQueue: this.deps.taskQueue,
        flows: readAlready(candidates, this.flows),
        buyerData: registerPiiVault(this.deps.database),
        caseAccounts: new CaseAccounts(this.deps.database),
        caseOrders: new CaseOrders(this.deps.database),
      },
      submission,
    );
    return { submission, submitted, droppedFacts: dropped };
  }
}

/** The offered facts the flow declares, and the names of those it does not. */
function sortOffer(flow: PublishedFlow, offered: Record<string, unknown>) {
  const declared: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(offered)) {
    if (Object.hasOwn(flow.definition.inputs, name)) declared[name] = value;
    else dropped.push(name);
  }
  return { declared, dropped };
}

/** The published versions already read for this case, so startCase selects the same flow. */
function readAlready(candidates: PublishedFlow[], flows: PublishedFlowSource): PublishedFlowSource {
  return {
    publishedForTrigger: async () => candidates,
    pinSubflows: (flow) => flows.pinSubflows(flow),
  };
}
