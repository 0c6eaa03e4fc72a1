import type { Connection } from 'mongoose';
import { type FlowDefinition, pinSubflows } from '#flow-language';
import type { PublishedFlow } from './flow-selection.ts';
import type { PublishedFlowSource } from './start-case.ts';

// The API's FlowVersions writes these collections (server/flows/flow-records.ts); this side only
// reads them, by the driver, so it registers no second mongoose model of the same name.
const VERSIONS = 'flow_versions';
const DRAFTS = 'flow_drafts';

interface StoredVersion {
  _id: string;
  key: string;
  version: number;
  trigger: string;
  definition: FlowDefinition;
}

export class PublishedFlowMissing extends Error {
  override name = 'PublishedFlowMissing';
}

/**
 * Read-only access to published flows for processes that do not own them (the worker's
 * intake): the same answers as the API's FlowVersions.publishedForTrigger and pinSubflows.
 */
export class PublishedFlowReader implements PublishedFlowSource {
  constructor(private readonly connection: Connection) {}

  async publishedForTrigger(trigger: string): Promise<PublishedFlow[]> {
    const records = await this.versions()
      .find({ trigger: String(trigger) })
      .sort({ version: -1 })
      .toArray();
    const latestByKey = new Map<string, StoredVersion>();
    for (const record of records) {
      if (!latestByKey.has(record.key)) latestByKey.set(record.key, record);
    }
    return Promise.all(
      [...latestByKey.values()].map(async (record) => ({
        key: record.key,
        version: record.version,
        definition: record.definition,
        archived: await this.archived(record.key),
      })),
    );
  }

  pinSubflows(flow: FlowDefinition): Promise<Record<string, FlowDefinition>> {
    return pinSubflows(flow, (key, version) => this.definition(key, version));
  }

  private async definition(key: string, version?: number): Promise<FlowDefinition> {
    const record =
      version === undefined
        ? await this.versions().find({ key }).sort({ version: -1 }).limit(1).next()
        : await this.versions().findOne({ _id: `${key}@${version}` });
    if (!record) {
      throw new PublishedFlowMissing(
        `Flow "${key}"${version ? ` version ${version}` : ''} is not published`,
      );
    }
    return record.definition;
  }

  private async archived(key: string): Promise<boolean> {
    const draft = await this.connection
      .collection<{ _id: string; archivedAt?: Date }>(DRAFTS)
      .findOne({ _id: key }, { projection: { archivedAt: 1 } });
    return Boolean(draft?.archivedAt);
  }

  private versions() {
    return this.connection.collection<StoredVersion>(VERSIONS);
  }
}
