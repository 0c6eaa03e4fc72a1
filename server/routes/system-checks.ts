import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { type IdentityResolver, requireRole } from '../auth/require-role.ts';
import { validateBody } from '../http/validate.ts';
import {
  describeSystemCheck,
  startSystemCheck,
  systemCheckRequestSchema,
} from '../system-checks/system-checks.ts';

export function systemCheckRoutes(
  temporal: Client,
  taskQueue: string,
  identities: IdentityResolver,
): Router {
  const router = Router();
  const adminOnly = requireRole(identities, 'admin');

  router.post(
    '/api/system-checks',
    adminOnly,
    validateBody(systemCheckRequestSchema),
    async (request, response) => {
      response.status(202).json(await startSystemCheck(temporal, taskQueue, request.body));
    },
  );

  router.get('/api/system-checks/:checkId', adminOnly, async (request, response) => {
    const status = await describeSystemCheck(temporal, String(request.params.checkId));
    if (!status) {
      response.status(404).json({ error: 'not_found', message: 'No such system check.' });
      return;
    }
    response.json(status);
  });
  return router;
}
