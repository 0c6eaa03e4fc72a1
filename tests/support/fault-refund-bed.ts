import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { connectDatabase } from '#platform/database';
import { createTemporalClient } from '#platform/temporal';
import {
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../emulators/sp-api/index.ts';
import { seedShippedPolicies } from '../../policies/shipped-policies.ts';
import { submitCase } from '../../server/cases/case-submission.ts';
import { FlowVersions } from '../../server/flows/flow-versions.ts';
import { activityCatalog } from '../../worker/activities/catalog.ts';
import { MongoStoreSystem, seedDemoStores } from '../../worker/activities/store/index.ts';
import type { FlowRunResult } from '../../workflows/flow-run/types.ts';
import { startSmtpServer, type TestSmtpServer } from '../integration/notify/smtp-test-server.ts';
import type { RefundScenarioCase } from '../integration/policies/refund-scenarios.ts';
import { driveThroughOutages } from './fault-case-driver.ts';
import { type ProductionWorker, startProductionWorker } from './fault-worker.ts';

/** The path the SP-API emulator serves `createFeed` on: the money step. */
export const CREATE_FEED = '/feeds/2021-06-30/feeds';

/**
 * Deployment settings, not policy: the policy's own retry settings stay as shipped. Feeds are
 * polled every 200 ms instead of 30 s so a case takes seconds; an unanswered createFeed waits
 * 20 s before "no feed found" counts (production: 2 min), longer than any held answer here.
 */
export const FAULT_TEST_SP_API_ENV = {
  SP_API_REQUEST_TIMEOUT_MS: '15000',
  SP_API_FEED_POLL_MS: '200',
  SP_API_SUBMISSION_SETTLE_MS: '20000',
  SP_API_CLOCK_SKEW_MS: '5000',
  SP_API_SUBMISSION_LEASE_MS: '10000',
};

export interface RefundBedOptions {
  temporalAddress: string;
  /** Without a database name; the bed uses its own database there. */
  mongoBaseUri: string;
  workflowBundlePath: string;
  logDir: string;
  name: string;
}

/**
 * Everything the shipped refund policy touches, real and observable from the test: the SP-API
 * emulator, an SMTP server, store and finance data in the database, the published policies,
 * and production workers (`worker/main.ts`) started on demand.
 */
export class RefundBed {
  readonly taskQueue = `fault-${randomUUID()}`;
  private readonly workers: ProductionWorker[] = [];
  private readonly stopping = new Set<ProductionWorker>();
  private closed = false;
  private workerDied?: (error: Error) => void;
  /** Rejects when a worker exits that no one stopped: a crash should fail the test at once. */
  private readonly unexpectedExit = new Promise<never>((_, reject) => {
    this.workerDied = reject;
  });

  private constructor(
    readonly options: RefundBedOptions,
    readonly emulator: SpApiEmulator,
    readonly smtp: TestSmtpServer,
    readonly database: Connection,
    readonly temporal: Client,
    readonly flows: FlowVersions,
    readonly stores: MongoStoreSystem,
  ) {
    // Only `watch` callers care; unwatched, a crash shows in the outcomes instead.
    this.unexpectedExit.catch(() => undefined);
  }

  static async open(options: RefundBedOptions): Promise<RefundBed> {
    const emulator = await startSpApiEmulator({ feedStepMs: 50 });
    const smtp = await startSmtpServer();
    const database = await connectDatabase(`${options.mongoBaseUri}/${options.name}`);
    const stores = await new MongoStoreSystem(database).ready();
    await seedDemoStores(stores);
    const flows = new FlowVersions(database, activityCatalog);
    await seedShippedPolicies(flows);
    const temporal = createTemporalClient({
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
    });
    return new RefundBed(options, emulator, smtp, database, temporal, flows, stores);
  }

  get mongoUri(): string {
    return `${this.options.mongoBaseUri}/${this.options.name}`;
  }

  async startWorker(name = 'worker', env: Record<string, string> = {}): Promise<ProductionWorker> {
    const worker = await startProductionWorker({
      name,
      temporalAddress: this.options.temporalAddress,
      mongoUri: this.mongoUri,
      taskQueue: this.taskQueue,
      workflowBundlePath: this.options.workflowBundlePath,
      logDir: this.options.logDir,
      env: {
        ...spApiEmulatorEnv(this.emulator.url),
        ...FAULT_TEST_SP_API_ENV,
        SMTP_URL: `smtp://acorn:secret-pass@127.0.0.1:${this.smtp.port}`,
        SMTP_FROM: 'Acorn Returns <returns@acorn.example>',
        ...env,
      },
    });
    this.workers.push(worker);
    void worker.exited.then((code) => {
      if (this.stopping.has(worker)) return;
      this.workerDied?.(
        new Error(`${name} exited (${code}); see ${this.options.logDir}/${name}.log`),
      );
    });
    return worker;
  }

  /** Stops a worker as an operator would (SIGTERM, in-flight tasks drained). */
  async stopWorker(worker: ProductionWorker): Promise<void> {
    this.stopping.add(worker);
    await worker.stop();
  }

  /** `work`, unless a worker dies first. */
  watch<T>(work: Promise<T>): Promise<T> {
    const watched = Promise.race([work, this.unexpectedExit]);
    // Awaited later or never (the test failed earlier): either way not an unhandled rejection.
    watched.catch(() => undefined);
    return watched;
  }

  /** Orders in the emulator, and Amazon's own refunds where the scenario says it paid first. */
  addOrders(cases: RefundScenarioCase[]): void {
    this.emulator.controls.addOrders(cases.map((scenario) => scenario.order));
    for (const scenario of cases.filter((c) => c.amazonRefundedFirst)) {
      const line = scenario.order.items[0];
      this.emulator.controls.postAmazonEvent(
        scenario.order.order.AmazonOrderId ?? '',
        'guaranteeClaim',
        [
          {
            orderItemId: line?.OrderItemId ?? '',
            components: [{ type: 'Principal', amount: Number(line?.ItemPrice?.Amount) }],
          },
        ],
      );
    }
  }

  /** Submits the case as `POST /api/cases` does. */
  async submit(scenario: RefundScenarioCase): Promise<string> {
    const submitted = await submitCase(this, {
      trigger: 'refund.requested',
      input: scenario.input,
      requestedBy: 'ops-olga',
      caseId: scenario.caseId,
    });
    return submitted.workflowId;
  }

  /** Plays the case's reviewers through the real Update, across outages, until the run ends. */
  drive(workflowId: string, scenario: RefundScenarioCase): Promise<FlowRunResult> {
    return driveThroughOutages(this.temporal, workflowId, scenario, () => this.closed);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => this.stopWorker(worker)));
    await this.temporal.connection.close();
    await this.database.close();
    await this.smtp.close();
    await this.emulator.close();
  }
}
