import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';
import type { AccessScope } from '../auth/identity.ts';

export type BacktestStatus = 'running' | 'done' | 'failed';

/** A backtest kept for linking: what was asked, how far it got, and what it found. */
export interface BacktestRecord {
  /** The backtest id (a random UUID): inserted once, so the id is claimed atomically. */
  _id: string;
  flowKey: string;
  /** The draft, or a published version. */
  target: { kind: 'draft' | 'version'; version?: number; contentHash?: string };
  range: { from?: Date; to: Date };
  requestedBy: string;
  /** The scope of a scoped admin who asked: only cases in it were read. */
  scope?: AccessScope;
  requestedAt: Date;
  status: BacktestStatus;
  /** `expected`: the records the job counted before reading (absent from older backtests). */
  progress: { processed: number; eventsRead: number; expected?: number };
  finishedAt?: Date;
  error?: string;
  /** BacktestSummary, flips, unknowns and engine faults (see backtest-job.ts). */
  result?: Record<string, unknown>;
}

/**
 * As stored: the result as JSON text, since its keys include names from the flow (reviewer
 * roles, computed groups such as `store.s1`) that FerretDB refuses as field names (a `.`).
 * Backtests stored before kept `result` as a document.
 */
export interface StoredBacktest extends BacktestRecord {
  resultJson?: string;
}

/** The backtest as asked for: its result read back from its JSON text. */
export function backtestOf({ resultJson, ...stored }: StoredBacktest): BacktestRecord {
  return resultJson === undefined ? stored : { ...stored, result: JSON.parse(resultJson) };
}

const backtestSchema = new Schema<StoredBacktest>(
  {
    _id: { type: String, required: true },
    flowKey: { type: String, required: true },
    target: { type: Schema.Types.Mixed, required: true },
    range: { type: Schema.Types.Mixed, required: true },
    requestedBy: { type: String, required: true },
    scope: Schema.Types.Mixed,
    requestedAt: { type: Date, required: true },
    status: { type: String, required: true },
    progress: { type: Schema.Types.Mixed, required: true },
    finishedAt: Date,
    error: String,
    result: Schema.Types.Mixed,
    resultJson: String,
  },
  // Not minimized: an empty per-role or per-currency object is an answer too.
  { collection: 'flow_backtests', versionKey: false, minimize: false },
);

export function backtestModel(connection: Connection) {
  return recordModel<StoredBacktest>(connection, 'FlowBacktest', backtestSchema);
}
