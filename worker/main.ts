import { NativeConnection, Runtime } from '@temporalio/worker';
import { AuditKeyRing } from '#platform/audit/audit-keys';
import { loadConfig } from '#platform/config';
import { connectDatabase } from '#platform/database';
import { createLogger } from '#platform/logger';
import { createTemporalClient, temporalSecurity } from '#platform/temporal';
import { createCatalogActivities } from './activities/catalog.ts';
import { loadMarketplaceEnvironment } from './activities/marketplace/index.ts';
import { MongoStoreSystem, seedDemoStores } from './activities/store/index.ts';
import { createAcornWorker } from './create-worker.ts';
import { ConfiguredIntakeAccounts } from './intake/configured-intake-accounts.ts';
import { intakeAccountFromConfig } from './intake/intake-account.ts';
import { loadIntakeConfig } from './intake/intake-config.ts';
import { startIntake } from './intake/intake-scheduler.ts';
import { SqsNotificationQueue } from './intake/sqs-queue.ts';
import { startRefundSweeper } from './refund-sweeper.ts';
import { temporalLogAdapter } from './temporal-log-adapter.ts';

const config = loadConfig();
const logger = createLogger('worker', config.LOG_LEVEL);
Runtime.install({ logger: temporalLogAdapter(logger) });

const database = await connectDatabase(config.MONGODB_URI);
if (config.ACORN_SEED_DEMO_DATA) await seedDemoStores(new MongoStoreSystem(database));
const security = temporalSecurity(config);
const temporal = await NativeConnection.connect({
  address: config.TEMPORAL_ADDRESS,
  tls: security.tls,
});
const worker = await createAcornWorker({
  temporal,
  payloadCodec: security.codec,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  database,
  catalog: createCatalogActivities(database, process.env),
  workflowBundlePath: config.ACORN_WORKFLOW_BUNDLE,
});
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker polling');
const client = createTemporalClient(config, security);
const refundSweeper = startRefundSweeper({ database, client, logger });
const intakeConfig = loadIntakeConfig();
// Intake reads the environment's default account, if any, and every admin-configured account.
const { settings, defaultAccount } = loadMarketplaceEnvironment();
const fromEnvironment = defaultAccount ? [intakeAccountFromConfig(defaultAccount)] : [];
const configured = new ConfiguredIntakeAccounts(database, settings);
const intakeOn = intakeConfig.pollIntervalMs > 0 || intakeConfig.notificationQueueUrl;
const intake = intakeOn
  ? startIntake({
      database,
      temporal: client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      accounts: async () => [...fromEnvironment, ...(await configured.list())],
      config: intakeConfig,
      logger,
      ...(intakeConfig.notificationQueueUrl && {
        notifications: new SqsNotificationQueue(intakeConfig.notificationQueueUrl),
      }),
      auditKeys: intakeAuditKeys(config.ACORN_AUDIT_KEY),
    })
  : { stop: async () => {} };

/** Intake's cases go into the API's signed audit log: without its key, intake is refused. */
function intakeAuditKeys(key: string | undefined): AuditKeyRing {
  if (!key) {
    throw new Error(
      'ACORN_AUDIT_KEY is not set: intake audits each case it starts (give the worker the API key, or set ACORN_INTAKE_POLL_SECONDS=0)',
    );
  }
  return AuditKeyRing.parse(key);
}

// Worker.run() returns once SIGINT/SIGTERM has drained in-flight tasks (the SDK installs those handlers).
await worker.run();
await refundSweeper.stop();
await intake.stop();
await client.connection.close();
await temporal.close();
await database.close();
logger.info('worker stopped');
