import { type Connection, trusted } from 'mongoose';
import {
  type ActivityCatalog,
  contentHash,
  describeFlowChanges,
  type FlowChange,
  type FlowDefinition,
  type FlowDefinitionInput,
  type FlowIssue,
  parseFlowDefinition,
  pinSubflows,
  validateFlow,
} from '#flow-language';
import { isDuplicateKey } from '#platform/database';
import { approvalWeakenings } from './approval-weakening.ts';
import { DraftRevisions } from './draft-revisions.ts';
import {
  type FlowDraftRecord,
  type FlowVersionRecord,
  flowRecords,
  flowVersionId,
  type PendingPublicationRecord,
  pendingPublicationId,
} from './flow-records.ts';
import {
  holdForSecondAdmin,
  PublicationOutdated,
  SameAdminRefused,
  WeakeningNeedsPerson,
} from './pending-publications.ts';

/** A flow that may not be saved or published, with every problem named by node and field. */
export class FlowRejected extends Error {
  override name = 'FlowRejected';

  constructor(
    message: string,
    readonly issues: FlowIssue[],
  ) {
    super(message);
  }
}

export class FlowNotFound extends Error {
  override name = 'FlowNotFound';
}

/** A draft created under a key that is already taken. */
export class FlowExists extends Error {
  override name = 'FlowExists';
}

/** Archived flows are kept for the record but may not be published again until unarchived. */
export class FlowArchived extends Error {
  override name = 'FlowArchived';
}

/** The draft was saved again between the publisher's checks and the publication. */
export class DraftMoved extends Error {
  override name = 'DraftMoved';
  constructor(key: string) {
    super(
      `The draft of "${key}" was saved again while it was being published; check it and publish again`,
    );
  }
}

export interface PublishOptions {
  byPerson?: boolean;
  /** The publisher's reason, kept with the version. */
  note?: string;
  /** The backtest of this content the publisher saw. */
  backtestId?: string;
  /** The content hash the caller checked (the publish gate): anything else is refused. */
  expectedHash?: string;
}

/** A published version, and whether its flow has since been archived. */
export type TriggerCandidate = FlowVersionRecord & { archived: boolean };

export interface SavedDraft {
  key: string;
  savedAt: Date;
  /** What the next save sends as the revision it was based on. */
  revision: number;
  /** Problems that would block publishing; a draft may be saved with them. */
  issues: FlowIssue[];
}

const MAX_PUBLISH_ATTEMPTS = 5;

/**
 * Flow storage: drafts are editable, publishing freezes a content-hashed version. Republishing
 * unchanged content returns the existing version instead of minting a new number.
 */
export class FlowVersions {
  private readonly records;
  private readonly revisions;

  constructor(
    /** Cases started from these flows keep their buyer-data keys in the same database. */
    readonly connection: Connection,
    private readonly catalog: ActivityCatalog,
  ) {
    this.records = flowRecords(connection);
    this.revisions = new DraftRevisions(this.records);
  }

  /**
   * Refuses a document that is not a flow at all; keeps a draft that is merely incomplete.
   * With `basedOn` (the revision the editor loaded), a draft saved since then is not
   * overwritten: DraftChanged says who saved it and which nodes differ.
   */
  async saveDraft(document: unknown, savedBy: string, basedOn?: number): Promise<SavedDraft> {
    const parsed = parseFlowDefinition(document);
    if (!parsed.ok) throw new FlowRejected('The flow does not parse', parsed.issues);
    const key = parsed.flow.key;
    const savedAt = new Date();
    const stored = document as FlowDefinitionInput;
    const claimed = await this.revisions.claim(
      { key, document: stored, savedAt, savedBy },
      basedOn,
    );
    await this.revisions.project(claimed);
    return {
      key,
      savedAt,
      revision: claimed.revision,
      issues: validateFlow(parsed.flow, this.catalog),
    };
  }

  /** Like saveDraft, but only under a key no flow has yet. */
  async createDraft(document: unknown, savedBy: string): Promise<SavedDraft> {
    const parsed = parseFlowDefinition(document);
    if (!parsed.ok) throw new FlowRejected('The flow does not parse', parsed.issues);
    const key = parsed.flow.key;
    const savedAt = new Date();
    try {
      const stored = document as FlowDefinitionInput;
      await this.records.FlowDraft.create({ _id: key, document: stored, savedAt, savedBy });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new FlowExists(`A flow with the key "${key}" already exists`);
      }
      throw error;
    }
    // Revision 0 is the created document: the first save based on it claims revision 1.
    return { key, savedAt, revision: 0, issues: validateFlow(parsed.flow, this.catalog) };
  }

  async draft(key: string): Promise<FlowDraftRecord> {
    const draft = await this.records.FlowDraft.findById(key).lean();
    if (!draft) throw new FlowNotFound(`There is no flow "${key}"`);
    return draft;
  }

  /** Every draft, the archived ones included; callers filter. */
  async drafts(): Promise<FlowDraftRecord[]> {
    return this.records.FlowDraft.find().sort({ _id: 1 }).lean();
  }

  /** Archiving hides a flow and stops new cases from selecting it; running cases go on. */
  async setArchived(key: string, archived: boolean): Promise<FlowDraftRecord> {
    const update = archived ? { $set: { archivedAt: new Date() } } : { $unset: { archivedAt: 1 } };
    const draft = await this.records.FlowDraft.findOneAndUpdate({ _id: key }, update, {
      returnDocument: 'after',
    }).lean();
    if (!draft) throw new FlowNotFound(`There is no flow "${key}"`);
    return draft;
  }

  /**
   * A version that weakens who approves is not published but held for a second admin
   * (SecondAdminRequired); `byPerson: false` (a token with no user) may not ask for that.
   * With `expectedHash`, a draft saved since the caller checked it is refused (DraftMoved).
   */
  async publish(
    key: string,
    publishedBy: string,
    { byPerson = true, note, backtestId, expectedHash }: PublishOptions = {},
  ): Promise<FlowVersionRecord> {
    const { flow, hash } = await this.publishable(key);
    if (expectedHash !== undefined && expectedHash !== hash) throw new DraftMoved(key);
    const told = { ...(note && { note }), ...(backtestId && { backtestId }) };
    for (let attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
      const latest = await this.latest(key);
      if (latest?.contentHash === hash) return latest;
      const weakenings = approvalWeakenings(latest?.definition, flow);
      if (weakenings.length > 0) {
        if (!byPerson) throw new WeakeningNeedsPerson();
        throw await holdForSecondAdmin(this.records.PendingPublication, {
          flow,
          contentHash: hash,
          baseVersion: latest?.version ?? 0,
          weakenings,
          requestedBy: publishedBy,
          ...told,
        });
      }
      const version = (latest?.version ?? 0) + 1;
      const inserted = await this.insertVersion({ ...flow, version }, hash, publishedBy, told);
      if (inserted) return inserted;
    }
    throw new Error(`Publishing "${key}" kept colliding with concurrent publishes`);
  }

  /** The draft as it would be published: valid, not archived, with its content hash. */
  async publishable(
    key: string,
  ): Promise<{ flow: FlowDefinition; hash: string; latest: FlowVersionRecord | null }> {
    const draft = await this.draft(key);
    if (draft.archivedAt) {
      throw new FlowArchived(`Flow "${key}" is archived; unarchive it before publishing`);
    }
    const flow = this.validFlow(draft.document);
    return { flow, hash: contentHash(flow), latest: await this.latest(key) };
  }

  /**
   * A published version becomes the draft again, as a save based on `basedOn` (the revision
   * the editor holds), so it cannot silently overwrite another admin's newer save.
   */
  async restoreAsDraft(
    key: string,
    version: number,
    restoredBy: string,
    basedOn?: number,
  ): Promise<SavedDraft> {
    const { definition } = await this.get(key, version);
    await this.draft(key);
    return this.saveDraft(definition, restoredBy, basedOn);
  }

  /** Publishes a held weakening publication; `confirmedBy` must not be the one who asked. */
  async confirmPublication(
    key: string,
    contentHash: string,
    confirmedBy: string,
  ): Promise<{
    published: FlowVersionRecord;
    request: PendingPublicationRecord;
    /** What the confirmed version changes against the one it replaced. */
    changes: FlowChange[];
  }> {
    const id = pendingPublicationId(key, contentHash);
    const request = await this.records.PendingPublication.findById(id).lean();
    if (!request) throw new FlowNotFound(`No publication ${contentHash} of "${key}" waits`);
    if (request.requestedBy === confirmedBy) throw new SameAdminRefused();
    const latest = await this.latest(key);
    if ((latest?.version ?? 0) !== request.baseVersion) throw new PublicationOutdated(key);
    const version = request.baseVersion + 1;
    const published = await this.insertVersion(
      { ...request.definition, version },
      request.contentHash,
      request.requestedBy,
      {
        confirmedBy,
        ...(request.note && { note: request.note }),
        ...(request.backtestId && { backtestId: request.backtestId }),
      },
    );
    if (!published) throw new PublicationOutdated(key);
    await this.records.PendingPublication.deleteOne({ _id: id });
    const changes = latest ? describeFlowChanges(latest.definition, published.definition) : [];
    return { published, request, changes };
  }

  /** Weakening publications waiting for a second admin. */
  async pendingPublications(key: string): Promise<PendingPublicationRecord[]> {
    return this.records.PendingPublication.find({ key: String(key) })
      .sort({ requestedAt: 1 })
      .lean();
  }

  async get(key: string, version?: number): Promise<FlowVersionRecord> {
    const record =
      version === undefined
        ? await this.latest(key)
        : await this.records.FlowVersion.findById(flowVersionId(key, version)).lean();
    if (!record) {
      throw new FlowNotFound(
        `Flow "${key}"${version ? ` version ${version}` : ''} is not published`,
      );
    }
    return record;
  }

  /**
   * Every published subflow the flow calls, transitively, keyed by subflowKey: the snapshot a
   * run carries so that publishing a newer subflow never changes a case already running.
   */
  pinSubflows(flow: FlowDefinition): Promise<Record<string, FlowDefinition>> {
    return pinSubflows(flow, async (key, version) => (await this.get(key, version)).definition);
  }

  /**
   * The latest published version of every flow whose start node listens to `trigger`, each
   * marked archived or not, so case intake can say why an archived flow was not chosen.
   */
  async publishedForTrigger(trigger: string): Promise<TriggerCandidate[]> {
    const records = await this.records.FlowVersion.find({ trigger }).sort({ version: -1 }).lean();
    const latestByKey = new Map<string, FlowVersionRecord>();
    for (const record of records)
      if (!latestByKey.has(record.key)) latestByKey.set(record.key, record);
    const archived = await this.archivedKeys([...latestByKey.keys()]);
    return [...latestByKey.values()].map((record) => ({
      ...record,
      archived: archived.has(record.key),
    }));
  }

  async versions(key: string): Promise<FlowVersionRecord[]> {
    return this.records.FlowVersion.find({ key }).sort({ version: 1 }).lean();
  }

  /** The latest version of every published flow, for listings. */
  async latestVersions(): Promise<Map<string, FlowVersionRecord>> {
    const records = await this.records.FlowVersion.find()
      .select({ definition: 0 })
      .sort({ version: -1 })
      .lean();
    const latest = new Map<string, FlowVersionRecord>();
    for (const record of records) if (!latest.has(record.key)) latest.set(record.key, record);
    return latest;
  }

  private async archivedKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const drafts = await this.records.FlowDraft.find({ _id: trusted({ $in: keys }) })
      .select({ archivedAt: 1 })
      .lean();
    return new Set(drafts.filter((draft) => draft.archivedAt).map((draft) => draft._id));
  }

  private validFlow(document: unknown): FlowDefinition {
    const parsed = parseFlowDefinition(document);
    if (!parsed.ok) throw new FlowRejected('The flow does not parse', parsed.issues);
    const issues = validateFlow(parsed.flow, this.catalog);
    if (issues.length > 0) throw new FlowRejected('The flow has problems', issues);
    return parsed.flow;
  }

  private async latest(key: string): Promise<FlowVersionRecord | null> {
    return this.records.FlowVersion.findOne({ key }).sort({ version: -1 }).lean();
  }

  /** Inserting by `key@version` makes a concurrent publish of the same number fail, not clash. */
  private async insertVersion(
    definition: FlowDefinition,
    hash: string,
    publishedBy: string,
    told: Pick<FlowVersionRecord, 'confirmedBy' | 'note' | 'backtestId'> = {},
  ): Promise<FlowVersionRecord | undefined> {
    const record: FlowVersionRecord = {
      _id: flowVersionId(definition.key, definition.version),
      key: definition.key,
      version: definition.version,
      trigger: startTrigger(definition),
      contentHash: hash,
      definition,
      publishedAt: new Date(),
      publishedBy,
      ...told,
    };
    try {
      await this.records.FlowVersion.create(record);
      return record;
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  }
}

function startTrigger(flow: FlowDefinition): string {
  const start = flow.nodes.find((node) => node.kind === 'start');
  return (start?.kind === 'start' && start.trigger) || '';
}
