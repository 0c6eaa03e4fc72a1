import type { Logger } from '#platform/logger';
import { EMULATOR_CREDENTIALS } from '../../emulators/sp-api/auth.ts';
import type { ApiServices } from '../api-services.ts';
import type { ApiIdentity } from '../auth/identity.ts';
import { submitCaseFor } from '../cases/case-intake.ts';
import { DEMO_CASES, demoCaseRequest } from './demo-cases.ts';

/** Who the audit log and the runs list name as the demo cases' requester: no person. */
export const DEMO_CASE_REQUESTER: ApiIdentity = {
  userId: 'acorn-flow-demo',
  name: 'Acorn Flow (demo case)',
  roles: ['requester'],
  via: 'token',
  agent: 'integration',
};

/**
 * Submits each demo case not submitted before, as the API submits a requester's case (the run,
 * the runs projection, the audit log). Answers the ids of the cases started now.
 */
export async function seedDemoCases(services: ApiServices, logger: Logger): Promise<string[]> {
  const started: string[] = [];
  for (const demo of DEMO_CASES) {
    // The projection, not Temporal, says a case exists: Temporal forgets closed runs after its
    // retention, and the case id would then start a second run.
    if (await services.cases.find(demo.caseId)) continue;
    const answer = await submitCaseFor(services, DEMO_CASE_REQUESTER, demoCaseRequest(demo));
    if (answer.started) started.push(answer.caseId);
  }
  logger.info({ submitted: started.length, demoCases: DEMO_CASES.length }, 'demo cases submitted');
  return started;
}

/**
 * Seeds the demo cases in the background (the API serves meanwhile), only when the marketplace
 * is the SP-API emulator that holds their orders: against Amazon they would name orders that
 * do not exist.
 */
export function startDemoCases(
  services: ApiServices,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): void {
  if (env.LWA_CLIENT_ID !== EMULATOR_CREDENTIALS.clientId) {
    logger.info('no demo cases: the marketplace is not the SP-API emulator');
    return;
  }
  seedDemoCases(services, logger).catch((error: unknown) => {
    logger.warn({ err: error }, 'demo cases not submitted');
  });
}
