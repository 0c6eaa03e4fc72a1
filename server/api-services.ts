import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Connection } from 'mongoose';
import type { ActivityCatalog } from '#flow-language';
import { loadConfig } from '#platform/config';
import type { Logger } from '#platform/logger';
import { payloadCodec } from '#platform/temporal';
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
  /** Opens recorded histories' payloads; by default with the keys in the environment. */
  historyCodec?: PayloadCodec;
  /** Origins of Temporal UIs that may call the codec endpoint (ACORN_CODEC_CORS_ORIGINS). */
  codecCorsOrigins?: readonly string[];
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
  historyCodec: PayloadCodec;
}

export function createApiServices(deps: ApiDependencies): ApiServices {
  const auditLog = new AuditLog(deps.database, deps.audit);
  const historyCodec = deps.historyCodec ?? payloadCodec(loadConfig(), 'replay');
  return {
    ...deps,
    historyCodec,
    flows: new FlowVersions(deps.database, deps.catalog),
    auditLog,
    caseAudit: new CaseAudit({ ...deps, auditLog, historyCodec }),
    cases: new CaseProjection(deps.database),
    inbox: new InboxTasks(deps.database),
    users: new UserDirectory(deps.database),
    apiTokens: new ApiTokens(deps.database),
  };
}
