import type { CaseSubmissionRequest, SubmittedCaseAnswer } from '#api-contract/cases';
import { CaseAccountConflict } from '#platform/case-start/case-account';
import { checkCaseAccount } from '../accounts/case-account.ts';
import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { forbidden } from '../http/api-errors.ts';
import { resubmissionDifferences, resubmittedWithOtherContent } from './case-resubmission.ts';
import { scopeCovers } from './case-scope.ts';
import { type CaseSubmission, submitCase } from './case-submission.ts';

/**
 * A requester's case through the API: only inside the caller's scope, recorded in the runs
 * projection, audited once. A repeated case id answers with the run that already exists, or
 * 409 naming what differs when the content is not the same.
 */
export async function submitCaseFor(
  services: ApiServices,
  caller: ApiIdentity,
  request: CaseSubmissionRequest,
): Promise<SubmittedCaseAnswer> {
  if (!scopeCovers(caller.scope, request)) {
    throw forbidden('This case is outside the brands, marketplaces or stores you may act for.');
  }
  if (request.account) {
    await checkCaseAccount(services.database, request.account, request.marketplace);
  }
  const submission = { ...request, requestedBy: caller.userId };
  const submittedAt = new Date();
  const sent = await startOnce(services, submission);
  const { caseInput, ...submitted } = sent;
  if (!submitted.started) {
    const existing = await services.cases.find(submitted.caseId);
    if (existing) {
      const differences = await resubmissionDifferences(services.database, existing, submission);
      if (differences.length > 0) {
        throw resubmittedWithOtherContent(submitted.caseId, differences);
      }
      return { ...submitted, flowKey: existing.flowKey, flowVersion: existing.flowVersion };
    }
  }
  await services.cases.recordSubmission(sent, { ...submission, input: caseInput }, submittedAt);
  if (submitted.started) {
    await services.auditLog.record({
      actor: auditActor(caller),
      action: 'case.submitted',
      target: { kind: 'case', id: submitted.caseId },
      details: {
        flowKey: submitted.flowKey,
        flowVersion: submitted.flowVersion,
        trigger: request.trigger,
      },
    });
  }
  return submitted;
}

/** A case id already started with another account (or none) is the same conflict as other input. */
async function startOnce(services: ApiServices, submission: CaseSubmission) {
  try {
    return await submitCase(services, submission);
  } catch (error) {
    if (error instanceof CaseAccountConflict && submission.caseId) {
      throw resubmittedWithOtherContent(submission.caseId, ['account']);
    }
    throw error;
  }
}
