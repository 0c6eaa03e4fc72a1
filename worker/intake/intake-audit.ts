import type { Connection } from 'mongoose';
import { appendAuditEntry } from '#platform/audit/audit-append';
import type { AuditKeyRing } from '#platform/audit/audit-keys';
import type { CaseSubmission, SubmittedCase } from '#platform/case-start/start-case';
import { isDuplicateKey } from '#platform/database';

// One document per audited intake case: its `_id` insert is what makes the entry once only.
const AUDITED = 'intake_case_audits';

/**
 * Writes `case.submitted` for a case intake started, as the API does for a requester's case,
 * by `amazon-intake:<account>`. Exactly one entry per case: the case id's unique insert comes
 * first, so a row read again, a second worker or a restart after the start writes nothing more.
 * (A crash between that insert and the append leaves the case unaudited, never audited twice.)
 */
export class IntakeAudit {
  constructor(
    private readonly database: Connection,
    private readonly keys: AuditKeyRing,
  ) {}

  async caseSubmitted(
    submitted: Omit<SubmittedCase, 'caseInput'>,
    submission: CaseSubmission,
  ): Promise<void> {
    if (!(await this.claim(submitted.caseId))) return;
    const { brand, marketplace, store } = submission;
    const caseScope = {
      ...(brand && { brand }),
      ...(marketplace && { marketplace }),
      ...(store && { store }),
    };
    await appendAuditEntry(
      this.database,
      this.keys,
      {
        actor: { userId: submission.requestedBy, name: submission.requestedBy, via: 'system' },
        action: 'case.submitted',
        target: { kind: 'case', id: submitted.caseId },
        details: {
          flowKey: submitted.flowKey,
          flowVersion: submitted.flowVersion,
          trigger: submission.trigger,
        },
      },
      { caseId: submitted.caseId, caseScope },
    );
  }

  private async claim(caseId: string): Promise<boolean> {
    try {
      await this.database
        .collection<{ _id: string; at: Date }>(AUDITED)
        .insertOne({ _id: String(caseId), at: new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
