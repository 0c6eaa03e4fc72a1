import { loadConfig } from '#platform/config';
import { connectDatabase } from '#platform/database';
import { createLogger } from '#platform/logger';
import { createTemporalClient, payloadCodec, temporalSecurity } from '#platform/temporal';
import { seedShippedPolicies } from '../policies/shipped-policies.ts';
import { activityCatalog } from '../worker/activities/catalog.ts';
import { createApiServices } from './api-services.ts';
import { createApp } from './app.ts';
import { startAuditHeadPublisher } from './audit/audit-head-publisher.ts';
import { AuditKeyRing } from './audit/audit-keys.ts';
import { startHistorySweeper } from './audit/history-sweeper.ts';
import { auditHeadStore } from './audit/timestamped-heads.ts';
import { createAuthenticator } from './auth/authenticator.ts';
import { sessionMiddleware } from './auth/session-middleware.ts';
import { startPastCaseCompactor } from './backtests/past-case-compactor.ts';
import { startDemoCases } from './demo/seed-demo-cases.ts';
import { startBuyerDataRetention } from './privacy/buyer-data-retention.ts';
import { seedDemoUsers } from './users/demo-users.ts';

const config = loadConfig();
const logger = createLogger('api', config.LOG_LEVEL);
if (!config.ACORN_ADMIN_TOKEN) {
  throw new Error('ACORN_ADMIN_TOKEN is not set: the API refuses to run without an admin token.');
}
if (!config.ACORN_SESSION_SECRET) {
  throw new Error('ACORN_SESSION_SECRET is not set: the API refuses to sign sessions without it.');
}
if (!config.ACORN_AUDIT_KEY) {
  throw new Error('ACORN_AUDIT_KEY is not set: the API refuses to write an unsigned audit log.');
}

const database = await connectDatabase(config.MONGODB_URI);
const temporal = createTemporalClient(config, temporalSecurity(config));
const services = createApiServices({
  temporal,
  database,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  catalog: activityCatalog,
  logger,
  workflowBundlePath: config.ACORN_WORKFLOW_BUNDLE,
  historyCodec: payloadCodec(config, 'replay'),
  codecCorsOrigins: config.ACORN_CODEC_CORS_ORIGINS.split(',').filter(Boolean),
  audit: {
    keys: AuditKeyRing.parse(config.ACORN_AUDIT_KEY),
    heads: auditHeadStore(config),
  },
});
if (config.ACORN_SEED_DEMO_DATA) {
  await seedDemoUsers(
    services.users,
    services.apiTokens,
    { password: config.ACORN_DEMO_PASSWORD, integrationToken: config.ACORN_DEMO_TOKEN },
    logger,
  );
}
if (config.ACORN_SEED_DEMO_DATA) {
  // Publishes a shipped policy only while its key has no version: an admin's edit is kept.
  logger.info({ policies: await seedShippedPolicies(services.flows) }, 'shipped policies');
  startDemoCases(services, process.env, logger);
}
const app = createApp({
  services,
  authenticate: createAuthenticator({
    users: services.users,
    apiTokens: services.apiTokens,
    bootstrapTokens: {
      [config.ACORN_ADMIN_TOKEN]: {
        userId: 'bootstrap-admin',
        name: 'Bootstrap admin',
        roles: ['admin'],
        via: 'token',
      },
    },
  }),
  sessions: sessionMiddleware({
    connection: database,
    secret: config.ACORN_SESSION_SECRET,
    secureCookie: config.ACORN_SECURE_COOKIES,
  }),
  designerDist: new URL('../designer/dist', import.meta.url).pathname,
  trustProxyHops: config.ACORN_TRUST_PROXY_HOPS,
});

const stopHistorySweeper =
  config.ACORN_HISTORY_SWEEP_SECONDS > 0
    ? startHistorySweeper(
        { temporal, histories: services.caseAudit.histories, logger },
        config.ACORN_HISTORY_SWEEP_SECONDS,
      )
    : () => undefined;
const stopAuditHeadPublisher =
  config.ACORN_AUDIT_HEAD_SECONDS > 0
    ? startAuditHeadPublisher(
        { auditLog: services.auditLog, logger },
        config.ACORN_AUDIT_HEAD_SECONDS,
      )
    : () => undefined;

const stopPastCaseCompactor =
  config.ACORN_PAST_CASE_COMPACTION_SECONDS > 0
    ? startPastCaseCompactor({ database, logger }, config.ACORN_PAST_CASE_COMPACTION_SECONDS)
    : () => undefined;

const stopRetentionSweeper = startBuyerDataRetention({
  database,
  auditLog: services.auditLog,
  logger,
});

const server = app.listen(config.PORT, config.HOST, () => {
  logger.info({ url: `http://${config.HOST}:${config.PORT}` }, 'API listening');
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'API stopping');
    stopHistorySweeper();
    stopAuditHeadPublisher();
    stopRetentionSweeper();
    stopPastCaseCompactor();
    server.close(async () => {
      await temporal.connection.close();
      await database.close();
      process.exit(0);
    });
    server.closeAllConnections();
  });
}
