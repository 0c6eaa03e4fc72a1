import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { ActivityCatalog } from '#flow-language';
import type { Logger } from '#platform/logger';
import { AuditLog } from './audit/audit-log.ts';
import { CaseProjection } from './cases/case-projection.ts';
import { FlowVersions } from './flows/flow-versions.ts';
import { InboxTasks } from './inbox/inbox-tasks.ts';

export interface ApiDependencies {
  temporal: Client;
  database: Connection;
  taskQueue: string;
  catalog: ActivityCatalog;
  logger: Logger;
}

/** The domain modules routes call; built once per process so routes stay thin. */
export interface ApiServices extends ApiDependencies {
  flows: FlowVersions;
  auditLog: AuditLog;
  cases: CaseProjection;
  inbox: InboxTasks;
}

export function createApiServices(deps: ApiDependencies): ApiServices {
  return {
    ...deps,
    flows: new FlowVersions(deps.database, deps.catalog),
    auditLog: new AuditLog(deps.database),
    cases: new CaseProjection(deps.database),
    inbox: new InboxTasks(deps.database),
  };
}
