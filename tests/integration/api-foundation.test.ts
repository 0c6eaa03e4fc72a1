import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { createLogger } from '#platform/logger';
import { createTemporalClient } from '#platform/temporal';
import { findFreePort, waitUntil } from '../../scripts/embedded/managed-process.ts';
import { createApiServices } from '../../server/api-services.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapTokenAuthenticator } from '../../server/auth/bootstrap-tokens.ts';
import { activityCatalog } from '../../worker/activities/catalog.ts';
import { systemCheckModel } from '../../worker/activities/diagnostics/system-check-record.ts';
import { createAcornWorker } from '../../worker/create-worker.ts';
import { testAuditProtection } from '../support/audit-protection.ts';
import { getJson, listen, postJson, type RunningApp } from '../support/http.ts';

const ADMIN_TOKEN = randomUUID();
const REVIEWER_TOKEN = randomUUID();
const authenticate = bootstrapTokenAuthenticator({
  [ADMIN_TOKEN]: { userId: 'admin', name: 'admin', roles: ['admin'], via: 'token' },
  [REVIEWER_TOKEN]: { userId: 'reviewer', name: 'reviewer', roles: ['reviewer'], via: 'token' },
});
const logger = createLogger('test', 'silent');
const namespace = 'default';

function appFor(temporal: Client, database: Connection, taskQueue: string) {
  return createApp({
    services: createApiServices({
      temporal,
      database,
      taskQueue,
      catalog: activityCatalog,
      logger,
      audit: testAuditProtection(),
    }),
    authenticate,
  });
}

describe('API foundation against real Temporal and FerretDB', () => {
  const taskQueue = `foundation-${randomUUID()}`;
  let database: Connection;
  let temporal: Client;
  let api: RunningApp;
  let worker: Worker;
  let workerRun: Promise<void>;

  beforeAll(async () => {
    database = await connectDatabase(`${inject('mongoBaseUri')}/foundation`);
    temporal = createTemporalClient({
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: namespace,
    });
    api = await listen(appFor(temporal, database, taskQueue));
    worker = await createAcornWorker({
      temporal: await NativeConnection.connect({ address: inject('temporalAddress') }),
      namespace,
      taskQueue,
      database,
      workflowBundlePath: inject('workflowBundlePath'),
    });
    workerRun = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await workerRun;
    await api?.close();
    await temporal?.connection.close();
    await database?.close();
  });

  it('reports green health when Temporal and the database answer', async () => {
    const { status, body } = await getJson(`${api.baseUrl}/health`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, temporal: { ok: true }, database: { ok: true } });
  });

  it('runs a system check through the API that writes to the database once', async () => {
    const started = await postJson(`${api.baseUrl}/api/system-checks`, { holdMs: 0 }, ADMIN_TOKEN);
    expect(started.status).toBe(202);
    const { checkId } = started.body as { checkId: string };

    await waitUntil(
      'the system check to complete',
      async () =>
        (await getJson(`${api.baseUrl}/api/system-checks/${checkId}`, ADMIN_TOKEN)).body.status ===
        'COMPLETED',
      30_000,
    );
    const records = await systemCheckModel(database).find({ _id: checkId }).lean();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ attemptsStarted: [1], completedByAttempt: 1 });
  });

  it('refuses callers without a token or without the admin role', async () => {
    const url = `${api.baseUrl}/api/system-checks`;
    expect((await postJson(url, {})).status).toBe(401);
    expect((await postJson(url, {}, 'not-a-token')).status).toBe(401);
    expect((await postJson(url, {}, REVIEWER_TOKEN)).status).toBe(403);
  });

  it('answers 400 with the field path for a malformed request', async () => {
    const { status, body } = await postJson(
      `${api.baseUrl}/api/system-checks`,
      { holdMs: { $gt: '' } },
      ADMIN_TOKEN,
    );
    expect(status).toBe(400);
    expect(body.issues[0].path).toBe('holdMs');
  });

  it('answers 404 for an unknown system check', async () => {
    const { status } = await getJson(
      `${api.baseUrl}/api/system-checks/${randomUUID()}`,
      ADMIN_TOKEN,
    );
    expect(status).toBe(404);
  });
});

describe('health turns red when a dependency is down', () => {
  it('names Temporal when its address does not answer', async () => {
    const database = await connectDatabase(`${inject('mongoBaseUri')}/foundation`);
    const temporal = createTemporalClient({
      TEMPORAL_ADDRESS: `127.0.0.1:${await findFreePort()}`,
      TEMPORAL_NAMESPACE: namespace,
    });
    const api = await listen(appFor(temporal, database, 'unused'));
    try {
      const { status, body } = await getJson(`${api.baseUrl}/health`);
      expect(status).toBe(503);
      expect(body).toMatchObject({ ok: false, temporal: { ok: false }, database: { ok: true } });
    } finally {
      await api.close();
      await database.close();
    }
  });

  it('names the database once its connection is lost', async () => {
    const database = await connectDatabase(`${inject('mongoBaseUri')}/foundation`);
    const temporal = createTemporalClient({
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: namespace,
    });
    const api = await listen(appFor(temporal, database, 'unused'));
    try {
      await database.close();
      const { status, body } = await getJson(`${api.baseUrl}/health`);
      expect(status).toBe(503);
      expect(body).toMatchObject({ ok: false, temporal: { ok: true }, database: { ok: false } });
    } finally {
      await api.close();
      await temporal.connection.close();
    }
  });
});
