import { DecisionRejected } from '../cases/approval-decisions.ts';
import { CaseRejected } from '../cases/case-submission.ts';
import { NoFlowForCase } from '../cases/flow-selection.ts';
import { DraftChanged } from '../flows/draft-revisions.ts';
import { FlowArchived, FlowExists, FlowNotFound, FlowRejected } from '../flows/flow-versions.ts';
import {
  PublicationOutdated,
  SameAdminRefused,
  SecondAdminRequired,
  WeakeningNeedsPerson,
} from '../flows/pending-publications.ts';
import { ApiTokenNotFound } from '../users/api-tokens.ts';
import { SelfLockoutRefused } from '../users/self-lockout.ts';
import { UserNotFound, UsernameTaken } from '../users/user-directory.ts';
import { ApiError } from './api-errors.ts';

type Translation = (error: Error) => ApiError | undefined;

/**
 * Domain modules throw their own errors and know nothing of HTTP; this table is the one place
 * that says which status and code each of them becomes.
 */
const translations: Translation[] = [
  (error) =>
    error instanceof FlowRejected
      ? new ApiError(422, 'flow_invalid', error.message, error.issues)
      : undefined,
  (error) =>
    error instanceof FlowNotFound ? new ApiError(404, 'not_found', error.message) : undefined,
  (error) =>
    error instanceof FlowExists || error instanceof FlowArchived
      ? new ApiError(409, 'conflict', error.message)
      : undefined,
  (error) =>
    error instanceof DraftChanged
      ? new ApiError(409, 'draft_changed', error.message, undefined, {
          draft: { ...error.change, savedAt: error.change.savedAt.toISOString() },
        })
      : undefined,
  (error) =>
    error instanceof SecondAdminRequired
      ? new ApiError(409, 'second_admin_required', error.message, error.pending.weakenings, {
          publicationId: error.pending.contentHash,
        })
      : undefined,
  (error) =>
    error instanceof SameAdminRefused
      ? new ApiError(403, 'second_admin_required', error.message)
      : undefined,
  (error) =>
    error instanceof WeakeningNeedsPerson
      ? new ApiError(403, 'person_required', error.message)
      : undefined,
  (error) =>
    error instanceof PublicationOutdated ? new ApiError(409, 'conflict', error.message) : undefined,
  (error) =>
    error instanceof CaseRejected
      ? new ApiError(422, 'case_invalid', error.message, error.issues)
      : undefined,
  (error) =>
    error instanceof NoFlowForCase ? new ApiError(422, 'no_flow', error.message) : undefined,
  (error) =>
    error instanceof DecisionRejected
      ? new ApiError(409, 'decision_refused', error.message)
      : undefined,
  (error) =>
    error instanceof UserNotFound || error instanceof ApiTokenNotFound
      ? new ApiError(404, 'not_found', error.message)
      : undefined,
  (error) =>
    error instanceof UsernameTaken || error instanceof SelfLockoutRefused
      ? new ApiError(409, 'conflict', error.message)
      : undefined,
];

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (!(error instanceof Error)) return undefined;
  for (const translate of translations) {
    const translated = translate(error);
    if (translated) return translated;
  }
  return undefined;
}
