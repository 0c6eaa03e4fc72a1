import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import type { Connection } from 'mongoose';
import type { Logger } from '#platform/logger';
import type { IdentityResolver } from './auth/require-role.ts';
import { designerStatic } from './http/designer-static.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { healthRoutes } from './routes/health.ts';
import { systemCheckRoutes } from './routes/system-checks.ts';

export interface AppDependencies {
  temporal: Client;
  database: Connection;
  taskQueue: string;
  identities: IdentityResolver;
  logger: Logger;
  designerDist?: string;
}

export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(deps.temporal, deps.database));
  app.use(systemCheckRoutes(deps.temporal, deps.taskQueue, deps.identities));
  if (deps.designerDist) app.use(designerStatic(deps.designerDist));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
