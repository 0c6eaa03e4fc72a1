import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Connection } from 'mongoose';
import { checkHealth } from '../health/health-check.ts';

/** Public on purpose: load balancers and the start script probe it without credentials. */
export function healthRoutes(temporal: Client, database: Connection): Router {
  const router = Router();
  router.get('/health', async (_request, response) => {
    const health = await checkHealth(temporal, database);
    response.status(health.ok ? 200 : 503).json(health);
  });
  return router;
}
