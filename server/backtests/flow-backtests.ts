import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { type FlowDefinition, parseFlowDefinition } from '#flow-language';
import type { AccessScope } from '../auth/identity.ts';
import { restrictsCases } from '../cases/case-scope.ts';
import { FlowNotFound, FlowRejected, type FlowVersions } from '../flows/flow-versions.ts';
import { runBacktest } from './backtest-job.ts';
import {
  type BacktestRecord,
  backtestModel,
  backtestOf,
  type StoredBacktest,
} from './backtest-records.ts';
import { scopeWithin } from './backtest-scope.ts';
import { compactPastCases } from './past-case-compaction.ts';
import { pastCases, readAhead, recordsToRead } from './past-case-stream.ts';

export const DEFAULT_RANGE_DAYS = 90;
const DAY_MS = 86_400_000;
/** Progress is written at most this often: the job is the document's only writer. */
const PROGRESS_EVERY_MS = 1_000;

export interface BacktestRequest {
  /** A published version; the draft when absent. */
  version?: number;
  /** Days back from now; "all" for every case the flow has. */
  range?: number | 'all';
  /** The requesting admin's scope: only the cases in it are read, counted and listed. */
  scope?: AccessScope;
}

export class BacktestNotFound extends Error {
  override name = 'BacktestNotFound';
}

/**
 * Backtests of a flow, run in the API process in the background: the request answers at once
 * with the id, the job writes its progress and then its result into flow_backtests.
 */
export class FlowBacktests {
  private readonly Backtest;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly database: Connection,
    private readonly flows: FlowVersions,
    private readonly logger?: Pick<Logger, 'error'>,
  ) {
    this.Backtest = backtestModel(database);
  }

  async start(
    flowKey: string,
    request: BacktestRequest,
    requestedBy: string,
    now = new Date(),
  ): Promise<BacktestRecord> {
    const target = await this.target(flowKey, request.version);
    const range = request.range ?? DEFAULT_RANGE_DAYS;
    const record: BacktestRecord = {
      _id: randomUUID(),
      flowKey,
      target:
        request.version === undefined
          ? { kind: 'draft' }
          : { kind: 'version', version: request.version },
      range: {
        ...(range !== 'all' && { from: new Date(now.getTime() - range * DAY_MS) }),
        to: now,
      },
      requestedBy,
      ...(restrictsCases(request.scope) && { scope: request.scope }),
      requestedAt: now,
      status: 'running',
      progress: { processed: 0, eventsRead: 0 },
    };
    await this.Backtest.create(record);
    const job = this.run(record, target).finally(() => this.running.delete(job));
    this.running.add(job);
    return record;
  }

  /**
   * With `viewer`, a scoped admin's: a backtest that read cases outside their scope is not
   * theirs to see (it would count and list those cases).
   */
  async get(flowKey: string, backtestId: string, viewer?: AccessScope): Promise<BacktestRecord> {
    const stored = await this.Backtest.findById(backtestId).lean<StoredBacktest>();
    const record = stored && backtestOf(stored);
    if (!record || record.flowKey !== flowKey || !scopeWithin(record.scope, viewer))
      throw new BacktestNotFound(`There is no backtest "${backtestId}" of ${flowKey}`);
    return record;
  }

  /** Waits for the jobs still running (tests, and a graceful shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async target(flowKey: string, version?: number): Promise<FlowDefinition> {
    if (version !== undefined) return (await this.flows.get(flowKey, version)).definition;
    const parsed = parseFlowDefinition((await this.flows.draft(flowKey)).document);
    if (!parsed.ok) throw new FlowRejected('The draft does not parse', parsed.issues);
    return parsed.flow;
  }

  private async run(record: BacktestRecord, target: FlowDefinition): Promise<void> {
    const counters = { eventsRead: 0 };
    let lastWrite = 0;
    // Awaited before the last write: FerretDB v1 rewrites the whole document on an update, so a
    // progress write landing after it would put the status back to "running".
    let progressWritten: Promise<unknown> = Promise.resolve();
    try {
      // Compacted by the reader, the only one who gains from it, and only what closed since.
      await compactPastCases(this.database, record.flowKey);
      const expected = await recordsToRead(this.database, record.flowKey);
      // By `_id` alone, and this job is the record's only writer until it finishes.
      await this.Backtest.updateOne(
        { _id: record._id },
        { $set: { progress: { processed: 0, eventsRead: 0, expected } } },
      );
      const cases = readAhead(
        pastCases(
          this.database,
          {
            flowKey: record.flowKey,
            ...record.range,
            ...(record.scope && { scope: record.scope }),
          },
          counters,
        ),
      );
      const result = await runBacktest(
        target,
        cases,
        (version) => this.published(record.flowKey, version),
        (processed) => {
          if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = Date.now();
          // Single writer: only the job that inserted this backtest writes to it.
          const previous = progressWritten;
          progressWritten = previous.then(() =>
            this.Backtest.updateOne(
              { _id: record._id },
              { $set: { progress: { processed, eventsRead: counters.eventsRead, expected } } },
            ).exec(),
          );
        },
      );
      await progressWritten;
      // Still the single writer, after its last progress write: the result cannot be overwritten.
      const processed = result.summary.total.cases + result.skipped;
      await this.Backtest.updateOne(
        { _id: record._id },
        {
          $set: {
            status: 'done',
            finishedAt: new Date(),
            progress: { processed, eventsRead: counters.eventsRead, expected },
            resultJson: JSON.stringify(result),
          },
        },
      );
    } catch (error) {
      this.logger?.error({ err: error, backtestId: record._id }, 'backtest failed');
      await progressWritten.catch(() => undefined);
      // The job's last write, after its progress writes: still the record's only writer.
      await this.Backtest.updateOne(
        { _id: record._id },
        {
          $set: {
            status: 'failed',
            finishedAt: new Date(),
            error: error instanceof Error ? error.message : String(error),
          },
        },
      );
    }
  }

  private async published(flowKey: string, version: number): Promise<FlowDefinition | undefined> {
    try {
      return (await this.flows.get(flowKey, version)).definition;
    } catch (error) {
      if (error instanceof FlowNotFound) return undefined;
      throw error;
    }
  }
}
