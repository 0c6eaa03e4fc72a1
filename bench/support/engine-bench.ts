import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { caseModel } from '#platform/cases/case-record';
import { connectDatabase } from '#platform/database';
import {
  generatePayloadKey,
  parsePayloadKeyring,
  SealedPayloadCodec,
} from '#platform/payload-codec';
import { createTemporalClient } from '#platform/temporal';
import { shippedPolicy } from '../../policies/shipped-policies.ts';
import { startTestStack, type TestStack } from '../../tests/support/test-stack.ts';
import { activityCatalog } from '../../worker/activities/catalog.ts';
import { createAcornWorker, workflowBundleOptions } from '../../worker/create-worker.ts';
import type { FlowRunInput } from '../../workflows/flow-run/types.ts';
import type { PlainRefundCase } from '../workflows/plain-refund.ts';
import { processCpuSeconds } from './measurements.ts';
import { type BenchOrder, standInSystems } from './stand-in-systems.ts';

export type EngineVariant = 'interpreter' | 'plain';
export type CpuConsumer = 'temporal' | 'ferretDb' | 'worker';
/** CPU seconds per consumer; a server is missing where there is no /proc. */
export type CpuSeconds = Partial<Record<CpuConsumer, number>>;
export type RouteKind = 'auto-approved' | 'late' | 'already-refunded';

export interface BenchCase {
  refundCase: PlainRefundCase;
  route: RouteKind;
}

const quietLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error: console.error,
};

/**
 * A throw-away Temporal dev server and FerretDB, one worker running both the interpreter
 * (with the shipped refund policy) and its hand-written baseline against the same in-memory
 * stand-ins for the external systems.
 */
export class EngineBench {
  private readonly orders = new Map<string, BenchOrder>();
  /**
   * The cases projection the API writes at submission, started when a case is made (before
   * either variant's clock runs), so a closing interpreter case also writes its past-case record.
   */
  private readonly submissions = new Map<string, Promise<void>>();
  private readonly policy = shippedPolicy('marketplace-refund', activityCatalog);
  private readonly taskQueue = `engine-bench-${randomUUID()}`;
  /** Sealed as in production, so the figures include the encryption. */
  private static readonly codec = new SealedPayloadCodec(
    parsePayloadKeyring(generatePayloadKey('bench')),
    { acceptPlaintext: false, checkWorkflow: true },
  );
  private stopWorker: () => Promise<void> = async () => {};

  private constructor(
    private readonly stack: TestStack,
    private readonly bundleDir: string,
    private readonly database: Connection,
    private readonly client: Client,
  ) {}

  static async open(name: string): Promise<EngineBench> {
    const stack = await startTestStack();
    const bundleDir = await mkdtemp(join(tmpdir(), 'acorn-bench-'));
    const database = await connectDatabase(`${stack.mongoBaseUri}/${name}`);
    const client = createTemporalClient(
      { TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_NAMESPACE: 'default' },
      { codec: EngineBench.codec },
    );
    const bench = new EngineBench(stack, bundleDir, database, client);
    await bench.startWorker();
    return bench;
  }

  private async startWorker(): Promise<void> {
    const workflowBundlePath = join(this.bundleDir, 'bench-workflows.js');
    // The interpreter and the hand-written baseline in one bundle, as every bundle is built.
    const bundle = await bundleWorkflowCode({
      ...workflowBundleOptions(new URL('../workflows/index.ts', import.meta.url).pathname),
      logger: quietLogger,
    });
    await writeFile(workflowBundlePath, bundle.code);
    const connection = await NativeConnection.connect({ address: this.stack.temporalAddress });
    const worker = await createAcornWorker({
      temporal: connection,
      namespace: 'default',
      taskQueue: this.taskQueue,
      database: this.database,
      workflowBundlePath,
      payloadCodec: EngineBench.codec,
      extraActivities: standInSystems(this.orders),
    });
    const running = worker.run();
    this.stopWorker = async () => {
      worker.shutdown();
      await running;
      await connection.close();
    };
  }

  /**
   * CPU seconds used so far by the Temporal server, FerretDB and this process (the worker with
   * its workflow threads, and the benchmark's client); a server is missing where /proc is.
   */
  cpuSeconds(): CpuSeconds {
    const { user, system } = process.cpuUsage();
    return {
      temporal: processCpuSeconds(this.stack.pids.temporal),
      ferretDb: processCpuSeconds(this.stack.pids.ferretDb),
      worker: (user + system) / 1e6,
    };
  }

  /** A case for `route`, its order known to the stand-in marketplace. */
  newCase(route: RouteKind, index: number): BenchCase {
    const caseId = `bench-${randomUUID()}`;
    const orderId = `114-${String(index).padStart(7, '0')}-${caseId.slice(-7)}`;
    const principalCents = 1_000 + ((index * 379) % 15_000);
    this.orders.set(orderId, {
      orderId,
      fulfillmentChannel: 'AFN',
      amazonRefundedCents: route === 'already-refunded' ? 1_999 : 0,
      principalCents,
      taxCents: Math.round(principalCents * 0.0825),
      daysSinceDelivery: route === 'late' ? 16 + (index % 10) : index % 7,
    });
    const benchCase: BenchCase = {
      route,
      refundCase: {
        caseId,
        orderId,
        orderItemId: `7${String(index).padStart(13, '0')}`,
        returnReason: 'no-reason',
        itemCondition: 'unopened',
        saleEvent: false,
        buyerEmail: `buyer-${index}@example.com`,
      },
    };
    this.submissions.set(caseId, this.recordSubmission(this.flowRunInput(benchCase)));
    return benchCase;
  }

  /** Runs the case to its outcome; returns milliseconds from submission to outcome. */
  async run(variant: EngineVariant, benchCase: BenchCase): Promise<number> {
    const input = this.flowRunInput(benchCase);
    await this.submissions.get(benchCase.refundCase.caseId);
    const began = performance.now();
    const handle =
      variant === 'plain'
        ? await this.client.workflow.start('plainRefund', {
            taskQueue: this.taskQueue,
            workflowId: `plain-${benchCase.refundCase.caseId}`,
            args: [benchCase.refundCase],
          })
        : await this.client.workflow.start('runFlow', {
            taskQueue: this.taskQueue,
            workflowId: `case-${benchCase.refundCase.caseId}`,
            args: [input],
          });
    const result = (await handle.result()) as { outcome: string };
    if (result.outcome !== expectedOutcome[benchCase.route]) {
      throw new Error(`${variant} ended ${benchCase.route} case as ${result.outcome}`);
    }
    return performance.now() - began;
  }

  private async recordSubmission({ flow, caseInput, caseContext }: FlowRunInput): Promise<void> {
    await caseModel(this.database).create({
      _id: caseContext.id,
      workflowId: `case-${caseContext.id}`,
      flowKey: flow.key,
      flowVersion: flow.version,
      requestedBy: caseContext.requestedBy,
      marketplace: caseContext.marketplace,
      inputJson: JSON.stringify(caseInput),
      submittedAt: new Date(caseContext.startedAt),
      status: 'running',
    });
  }

  private flowRunInput({ refundCase }: BenchCase): FlowRunInput {
    // The sale event is the plain workflow's input; the policy reads it from Amazon's facts.
    const { caseId, saleEvent: _saleEvent, ...caseInput } = refundCase;
    return {
      flow: this.policy,
      subflows: {},
      caseInput: { ...caseInput, sku: 'BENCH-SKU', quantity: 1, buyerPostcode: '10012' },
      caseContext: {
        id: caseId,
        requestedBy: 'bench',
        startedAt: new Date().toISOString(),
        marketplace: 'ATVPDKIKX0DER',
      },
    };
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.client.connection.close();
    await this.database.close();
    await this.stack.stop();
    await rm(this.bundleDir, { recursive: true, force: true });
  }
}

const expectedOutcome: Record<RouteKind, string> = {
  'auto-approved': 'refunded',
  late: 'rejected-late',
  'already-refunded': 'already-refunded',
};
