import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { connectDatabase } from '#platform/database';
import { createLogger } from '#platform/logger';
import { createTemporalClient } from '#platform/temporal';
import { type ApiServices, createApiServices } from '../../../server/api-services.ts';
import { createApp } from '../../../server/app.ts';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { Role } from '../../../server/auth/identity.ts';
import { registerCatalog } from '../../../worker/activities/catalog-activity.ts';
import {
  createNotifyActivities,
  loadNotifyConfig,
  notifyCatalog,
} from '../../../worker/activities/notify/index.ts';
import { createAcornWorker } from '../../../worker/create-worker.ts';
import type { ApiAnswer } from '../../support/api-harness.ts';
import { testCallers } from '../../support/api-harness.ts';
import { testAuditProtection } from '../../support/audit-protection.ts';
import { listen } from '../../support/http.ts';
import { createProbeActivities, probeCatalog } from '../../support/probe-activities.ts';
import { startSmtpServer, type TestSmtpServer } from '../notify/smtp-test-server.ts';

/**
 * The real API in front of a real worker that sends the buyer's e-mail to a real SMTP server,
 * on the shared Temporal dev server and FerretDB.
 */
export interface PrivacyStack {
  services: ApiServices;
  temporal: Client;
  smtp: TestSmtpServer;
  call(method: string, path: string, as: Role, body?: unknown): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export async function openPrivacyStack(databaseName: string): Promise<PrivacyStack> {
  const address = inject('temporalAddress');
  const database = await connectDatabase(`${inject('mongoBaseUri')}/${databaseName}`);
  const temporal = createTemporalClient({
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: 'default',
  });
  const taskQueue = `privacy-${randomUUID()}`;
  const smtp = await startSmtpServer();
  const config = loadNotifyConfig({
    SMTP_URL: `smtp://acorn:secret-pass@127.0.0.1:${smtp.port}`,
    SMTP_FROM: 'Acorn Returns <returns@acorn.example>',
  });
  const connection = await NativeConnection.connect({ address });
  const worker = await createAcornWorker({
    temporal: connection,
    namespace: 'default',
    taskQueue,
    database,
    workflowBundlePath: inject('workflowBundlePath'),
    extraActivities: {
      ...createProbeActivities(database),
      ...registerCatalog(createNotifyActivities({ database, config })),
    },
  });
  const running = worker.run();
  const services = createApiServices({
    temporal,
    database,
    taskQueue,
    catalog: [...probeCatalog, ...notifyCatalog],
    logger: createLogger('privacy-test', 'silent'),
    audit: testAuditProtection(),
  });
  const authenticate = bootstrapTokenAuthenticator(
    Object.fromEntries(Object.values(testCallers).map(({ token, ...id }) => [token, id])),
  );
  const app = await listen(createApp({ services, authenticate }));
  return {
    services,
    temporal,
    smtp,
    async call(method, path, as, body) {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: method.toUpperCase(),
        headers: {
          authorization: `Bearer ${testCallers[as].token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('json');
      return {
        status: response.status,
        body: isJson && text ? JSON.parse(text) : text,
        headers: response.headers,
      };
    },
    async close() {
      await app.close();
      worker.shutdown();
      await running;
      await connection.close();
      await temporal.connection.close();
      await smtp.close();
      await database.close();
    },
  };
}
