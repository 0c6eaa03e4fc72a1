import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { ActivityCatalog } from '#flow-language';
import type { Logger } from '#platform/logger';
import { AuditLog } from './audit/audit-log.ts';
import { FlowVersions } from './flows/flow-versions.ts';

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
}

export function createApiServices(deps: ApiDependencies): ApiServices {
  return {
    ...deps,
    flows: new FlowVersions(deps.database, deps.catalog),
    auditLog: new AuditLog(deps.database),
  };
}
