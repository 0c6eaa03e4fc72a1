import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { ActivityCatalog } from '#flow-language';
import type { Logger } from '#platform/logger';
import { AuditLog, type AuditProtection } from './audit/audit-log.ts';
import { CaseAudit } from './audit/case-audit.ts';
import { CaseProjection } from './cases/case-projection.ts';
import { FlowVersions } from './flows/flow-versions.ts';
import { InboxTasks } from './inbox/inbox-tasks.ts';
import { ApiTokens } from './users/api-tokens.ts';
import { UserDirectory } from './users/user-directory.ts';

export interface ApiDependencies {
  temporal: Client;
  database: Connection;
  taskQueue: string;
  catalog: ActivityCatalog;
  logger: Logger;
  /** The shipped workflow bundle (ACORN_WORKFLOW_BUNDLE): audits replay histories against it. */
  workflowBundlePath?: string;
  /** The audit log's signing keys and where its head is published (ACORN_AUDIT_KEY, …). */
  audit: AuditProtection;
}

/** The domain modules routes call; built once per process so routes stay thin. */
export interface ApiServices extends ApiDependencies {
  flows: FlowVersions;
  auditLog: AuditLog;
  caseAudit: CaseAudit;
  cases: CaseProjection;
  inbox: InboxTasks;
  users: UserDirectory;
  apiTokens: ApiTokens;
}

export function createApiServices(deps: ApiDependencies): ApiServices {
  const auditLog = new AuditLog(deps.database, deps.audit);
  return {
    ...deps,
    flows: new FlowVersions(deps.database, deps.catalog),
    auditLog,
    caseAudit: new CaseAudit({ ...deps, auditLog }),
    cases: new CaseProjection(deps.database),
    inbox: new InboxTasks(deps.database),
    users: new UserDirectory(deps.database),
    apiTokens: new ApiTokens(deps.database),
  };
}
