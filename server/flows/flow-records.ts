import { type Connection, Schema } from 'mongoose';
import type { FlowDefinition, FlowDefinitionInput } from '#flow-language';
import { recordModel } from '#platform/database';

/** The editable working copy of a flow, one per key, as the designer saved it. */
export interface FlowDraftRecord {
  _id: string;
  document: FlowDefinitionInput;
  savedAt: Date;
  savedBy: string;
  archivedAt?: Date;
  /** The revision this document is (see DraftRevisionRecord); absent before revisions existed. */
  revision?: number;
}

/**
 * One saved revision of a draft, its _id `${key}@${revision}`. Inserting it is the claim that
 * decides which of two saves based on the same revision wins (a unique insert is atomic on
 * FerretDB, a conditional update is not); the draft document is then a projection of it.
 */
export interface DraftRevisionRecord {
  _id: string;
  key: string;
  revision: number;
  document: FlowDefinitionInput;
  savedAt: Date;
  savedBy: string;
}

/**
 * A published version: written once (its _id is `${key}@${version}`) and never updated, so
 * a run that pinned it, or an auditor who reads it later, sees exactly what was published.
 */
export interface FlowVersionRecord {
  _id: string;
  key: string;
  version: number;
  /** The start node's trigger, kept beside the definition so cases can find their flow. */
  trigger: string;
  contentHash: string;
  definition: FlowDefinition;
  publishedAt: Date;
  publishedBy: string;
  /** Set when the version weakened its approvals and a second admin confirmed it. */
  confirmedBy?: string;
  /** Why the publisher published it, in their words (required since publishing asks for it). */
  note?: string;
  /** The backtest of this very content the publisher saw before publishing, if the gate asked. */
  backtestId?: string;
}

/**
 * A publication that weakens who approves, held until a second admin confirms it. Its `_id` is
 * `${key}/${contentHash}`: asking again for the same content finds the same request.
 */
export interface PendingPublicationRecord {
  _id: string;
  key: string;
  contentHash: string;
  definition: FlowDefinition;
  baseVersion: number;
  weakenings: { nodeId: string; message: string }[];
  requestedBy: string;
  requestedAt: Date;
  /** The requester's note and backtest, carried into the version once confirmed. */
  note?: string;
  backtestId?: string;
}

/**
 * Which draft content a backtest started for publishing walked: `_id` is the backtest id,
 * written once when the backtest starts, read by the publish gate.
 */
export interface PublishBacktestRecord {
  _id: string;
  key: string;
  contentHash: string;
  draftRevision: number;
  requestedBy: string;
  requestedAt: Date;
}

const draftSchema = new Schema<FlowDraftRecord>(
  {
    _id: { type: String, required: true },
    document: { type: Schema.Types.Mixed, required: true },
    savedAt: { type: Date, required: true },
    savedBy: { type: String, required: true },
    archivedAt: Date,
    revision: Number,
  },
  { collection: 'flow_drafts', versionKey: false, minimize: false },
);

const draftRevisionSchema = new Schema<DraftRevisionRecord>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    revision: { type: Number, required: true },
    document: { type: Schema.Types.Mixed, required: true },
    savedAt: { type: Date, required: true },
    savedBy: { type: String, required: true },
  },
  { collection: 'flow_draft_revisions', versionKey: false, minimize: false },
);

const versionSchema = new Schema<FlowVersionRecord>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true, index: true },
    version: { type: Number, required: true },
    trigger: { type: String, required: true, index: true },
    contentHash: { type: String, required: true },
    definition: { type: Schema.Types.Mixed, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
    confirmedBy: String,
    note: String,
    backtestId: String,
  },
  { collection: 'flow_versions', versionKey: false, minimize: false },
);

const pendingSchema = new Schema<PendingPublicationRecord>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    contentHash: { type: String, required: true },
    definition: { type: Schema.Types.Mixed, required: true },
    baseVersion: { type: Number, required: true },
    weakenings: { type: [{ _id: false, nodeId: String, message: String }], default: [] },
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    note: String,
    backtestId: String,
  },
  { collection: 'flow_pending_publications', versionKey: false, minimize: false },
);

const publishBacktestSchema = new Schema<PublishBacktestRecord>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    contentHash: { type: String, required: true },
    draftRevision: { type: Number, required: true },
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
  },
  { collection: 'flow_publish_backtests', versionKey: false },
);

export function flowRecords(connection: Connection) {
  return {
    PendingPublication: recordModel<PendingPublicationRecord>(
      connection,
      'FlowPendingPublication',
      pendingSchema,
    ),
    FlowDraft: recordModel<FlowDraftRecord>(connection, 'FlowDraft', draftSchema),
    DraftRevision: recordModel<DraftRevisionRecord>(
      connection,
      'FlowDraftRevision',
      draftRevisionSchema,
    ),
    FlowVersion: recordModel<FlowVersionRecord>(connection, 'FlowVersion', versionSchema),
    PublishBacktest: recordModel<PublishBacktestRecord>(
      connection,
      'FlowPublishBacktest',
      publishBacktestSchema,
    ),
  };
}

export const flowVersionId = (key: string, version: number) => `${key}@${version}`;

export const draftRevisionId = (key: string, revision: number) => `${key}@${revision}`;

export type FlowRecords = ReturnType<typeof flowRecords>;

export const pendingPublicationId = (key: string, contentHash: string) => `${key}/${contentHash}`;
