import type { Client } from '@temporalio/client';
import { CaseAccounts } from '#platform/case-start/case-account';
import { CaseOrders } from '#platform/case-start/case-orders';
import {
  type CaseSubmission,
  type PublishedFlowSource,
  type SubmittedCase,
  startCase,
} from '#platform/case-start/start-case';
import type { FlowVersions } from '../flows/flow-versions.ts';
import { piiVaultFor } from '../privacy/pii-vaults.ts';

export {
  CaseRejected,
  type CaseSubmission,
  caseWorkflowId,
  type SubmittedCase,
} from '#platform/case-start/start-case';

/**
 * Starts the published flow the case's trigger and scope select (platform/case-start, shared
 * with the worker's Amazon intake), sealing buyer data with the vault of the flows' database.
 */
export function submitCase(
  deps: {
    temporal: Client;
    taskQueue: string;
    flows: PublishedFlowSource & Pick<FlowVersions, 'connection'>;
  },
  submission: CaseSubmission,
): Promise<SubmittedCase> {
  const { connection } = deps.flows;
  return startCase(
    {
      ...deps,
      buyerData: piiVaultFor(connection),
      caseAccounts: new CaseAccounts(connection),
      caseOrders: new CaseOrders(connection),
    },
    submission,
  );
}
