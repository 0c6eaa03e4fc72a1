import type { RunDetail } from '#api-contract/cases';
import { readSavedTrail } from '#platform/case-trail/saved-trail';
import type { CaseRecord } from '#platform/cases/case-record';
import { flowStateQuery } from '../../workflows/flow-run/definitions.ts';
import type { ApiServices } from '../api-services.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { notFound } from '../http/api-errors.ts';
import { disclosePii } from '../privacy/pii-disclosure.ts';
import { caseInput, toCaseSummary } from './case-projection.ts';
import { scopeCovers } from './case-scope.ts';

/** A case outside the caller's scope is answered like an unknown one: its id says nothing. */
export async function visibleCase(
  services: ApiServices,
  caller: ApiIdentity,
  caseId: string,
): Promise<CaseRecord> {
  const record = await services.cases.find(caseId);
  if (!record || !scopeCovers(caller.scope, record)) throw notFound('case');
  return record;
}

/**
 * A running case answers from the run itself (open tasks, variables, the trail so far); a
 * closed one from the trail saved when it ended, which outlives Temporal's retention.
 */
export async function describeRun(
  services: ApiServices,
  caller: ApiIdentity,
  caseId: string,
): Promise<RunDetail> {
  const record = await visibleCase(services, caller, caseId);
  // Buyer data shows in clear only to those who need it, and as erased once its key is gone.
  return disclosePii(services.database, caller, record._id, await runDetailOf(services, record));
}

async function runDetailOf(services: ApiServices, record: CaseRecord): Promise<RunDetail> {
  const base = { case: toCaseSummary(record), input: caseInput(record) };
  if (record.status === 'running') {
    const state = await services.temporal.workflow
      .getHandle(record.workflowId)
      .query(flowStateQuery)
      .catch(() => undefined);
    if (state) {
      return {
        ...base,
        source: 'live',
        activeNodes: state.activeNodes,
        variables: state.variables,
        openTasks: state.openTasks,
        trail: state.trail,
      };
    }
  }
  return {
    ...base,
    source: 'saved',
    activeNodes: [],
    openTasks: [],
    trail: await savedTrail(services, record),
  };
}

async function savedTrail(services: ApiServices, record: CaseRecord) {
  const lines = await readSavedTrail(services.database, record.workflowId);
  return lines.map(({ sequence, at, type, nodeId, actor, details }) => ({
    sequence,
    at,
    type,
    ...(nodeId && { nodeId }),
    ...(actor && { actor }),
    ...(details && { details }),
  }));
}
