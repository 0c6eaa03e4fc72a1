import { type Connection, trusted } from 'mongoose';
import type { CaseSummary, RunListQuery } from '#api-contract/cases';
import { recordCaseSubmission } from '#platform/case-start/submission-record';
import { type CaseRecord, caseModel } from '#platform/cases/case-record';
import type { AccessScope } from '../auth/identity.ts';
import { containing } from '../http/literal-match.ts';
import { scopeFilter } from './case-scope.ts';
import type { CaseSubmission, SubmittedCase } from './case-submission.ts';

/**
 * The server's side of the `cases` projection: what a submission knew, and the list the runs
 * page filters. The worker completes each record when its run ends.
 */
export class CaseProjection {
  private readonly cases;

  constructor(private readonly connection: Connection) {
    this.cases = caseModel(connection);
  }

  /** Records a started case; the worker's intake writes the same record the same way. */
  recordSubmission(
    submitted: SubmittedCase,
    submission: CaseSubmission,
    submittedAt: Date,
  ): Promise<void> {
    return recordCaseSubmission(this.connection, submitted, submission, submittedAt);
  }

  find(caseId: string): Promise<CaseRecord | null> {
    return this.cases.findById(caseId).lean();
  }

  async list(
    query: RunListQuery,
    scope: AccessScope | undefined,
  ): Promise<{ records: CaseRecord[]; total: number }> {
    const filter = { ...listFilter(query), ...scopeFilter(scope) };
    const [records, total] = await Promise.all([
      this.cases
        .find(filter)
        .sort({ submittedAt: -1, _id: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.cases.countDocuments(filter),
    ]);
    return { records, total };
  }

  /** Cases of one flow (or all) submitted in a period, for metrics. */
  async submittedBetween(
    filter: { flowKey?: string; from?: Date; to?: Date },
    scope: AccessScope | undefined,
  ): Promise<CaseRecord[]> {
    return this.cases
      .find({
        ...(filter.flowKey && { flowKey: String(filter.flowKey) }),
        ...periodFilter(filter),
        ...scopeFilter(scope),
      })
      .lean();
  }
}

/**
 * Every value is a zod-parsed string, number or date, so none can smuggle in an operator; ids are
 * searched by part (escaped, see `containing`).
 */
function listFilter(query: RunListQuery): Record<string, unknown> {
  return {
    ...(query.flowKey && { flowKey: String(query.flowKey) }),
    ...(query.status && { status: String(query.status) }),
    ...(query.outcome && { outcome: String(query.outcome) }),
    ...(query.flowVersion && { flowVersion: Number(query.flowVersion) }),
    ...(query.orderId && { orderId: containing(String(query.orderId)) }),
    ...(query.caseId && { _id: containing(String(query.caseId)) }),
    ...periodFilter(query),
  };
}

function periodFilter({ from, to }: { from?: Date; to?: Date }): Record<string, unknown> {
  if (!from && !to) return {};
  return {
    submittedAt: trusted({ ...(from && { $gte: from }), ...(to && { $lt: to }) }),
  };
}

export function caseInput(record: CaseRecord): Record<string, unknown> | undefined {
  return record.inputJson ? JSON.parse(record.inputJson) : undefined;
}

export function toCaseSummary(record: CaseRecord): CaseSummary {
  const { _id, inputJson: _input, submittedAt, closedAt, ...rest } = record;
  return {
    ...rest,
    caseId: _id,
    submittedAt: submittedAt.toISOString(),
    ...(closedAt && { closedAt: closedAt.toISOString() }),
  };
}
