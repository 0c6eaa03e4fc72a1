import type { Connection } from 'mongoose';
import {
  type ActivityCatalog,
  contentHash,
  type FlowDefinition,
  type FlowIssue,
  parseFlowDefinition,
  subflowKey,
  validateFlow,
} from '#flow-language';
import { type FlowVersionRecord, flowRecords, flowVersionId } from './flow-records.ts';

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

export interface SavedDraft {
  key: string;
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

  constructor(
    connection: Connection,
    private readonly catalog: ActivityCatalog,
  ) {
    this.records = flowRecords(connection);
  }

  /** Refuses a document that is not a flow at all; keeps a draft that is merely incomplete. */
  async saveDraft(document: unknown, savedBy: string): Promise<SavedDraft> {
    const parsed = parseFlowDefinition(document);
    if (!parsed.ok) throw new FlowRejected('The flow does not parse', parsed.issues);
    const key = parsed.flow.key;
    await this.records.FlowDraft.replaceOne(
      { _id: key },
      { _id: key, document, savedAt: new Date(), savedBy },
      { upsert: true },
    );
    return { key, issues: validateFlow(parsed.flow, this.catalog) };
  }

  async publish(key: string, publishedBy: string): Promise<FlowVersionRecord> {
    const draft = await this.records.FlowDraft.findById(key).lean();
    if (!draft) throw new FlowNotFound(`There is no draft of flow "${key}"`);
    const flow = this.validFlow(draft.document);
    const hash = contentHash(flow);
    for (let attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
      const latest = await this.latest(key);
      if (latest?.contentHash === hash) return latest;
      const version = (latest?.version ?? 0) + 1;
      const inserted = await this.insertVersion({ ...flow, version }, hash, publishedBy);
      if (inserted) return inserted;
    }
    throw new Error(`Publishing "${key}" kept colliding with concurrent publishes`);
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
  async pinSubflows(flow: FlowDefinition): Promise<Record<string, FlowDefinition>> {
    const pinned: Record<string, FlowDefinition> = {};
    const pending = [flow];
    for (let current = pending.pop(); current; current = pending.pop()) {
      for (const node of current.nodes) {
        if (node.kind !== 'subflow' || pinned[subflowKey(node)]) continue;
        const { definition } = await this.get(node.flowKey, node.version);
        pinned[subflowKey(node)] = definition;
        pending.push(definition);
      }
    }
    return pinned;
  }

  /** The latest published version of every flow whose start node listens to `trigger`. */
  async publishedForTrigger(trigger: string): Promise<FlowVersionRecord[]> {
    const records = await this.records.FlowVersion.find({ trigger }).sort({ version: -1 }).lean();
    const latestByKey = new Map<string, FlowVersionRecord>();
    for (const record of records)
      if (!latestByKey.has(record.key)) latestByKey.set(record.key, record);
    return [...latestByKey.values()];
  }

  async versions(key: string): Promise<FlowVersionRecord[]> {
    return this.records.FlowVersion.find({ key }).sort({ version: 1 }).lean();
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
    };
    try {
      await this.records.FlowVersion.create(record);
      return record;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return undefined;
      throw error;
    }
  }
}

function startTrigger(flow: FlowDefinition): string {
  const start = flow.nodes.find((node) => node.kind === 'start');
  return start?.kind === 'start' ? start.trigger : '';
}
