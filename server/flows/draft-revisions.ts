import {
  diffFlows,
  type FlowChange,
  type FlowDefinitionInput,
  parseFlowDefinition,
} from '#flow-language';
import { isDuplicateKey } from '#platform/database';
import { type DraftRevisionRecord, draftRevisionId, type FlowRecords } from './flow-records.ts';

/** Who saved the draft last, and what differs from the revision a stale save was based on. */
export interface DraftChange {
  revision: number;
  savedAt: Date;
  savedBy: string;
  /** Node ids added, removed or changed since the base revision (layout moves left out). */
  changedNodes: string[];
  /** The same changes as codes with values, which readers word in their language. */
  changes: FlowChange[];
}

/** A save based on a revision of the draft that is no longer the latest. */
export class DraftChanged extends Error {
  override name = 'DraftChanged';

  constructor(
    message: string,
    readonly change: DraftChange,
  ) {
    super(message);
  }
}

type Saving = Omit<DraftRevisionRecord, '_id' | 'revision'>;

// Unconditional saves (no base revision) retry when another save claims the same number.
const MAX_CLAIM_ATTEMPTS = 10;

/**
 * Revisions of a draft, numbered from 1. Each save claims the next number by inserting its
 * revision; only then is the draft document replaced, so of any number of saves based on the
 * same revision exactly one wins, on FerretDB as on MongoDB.
 */
export class DraftRevisions {
  constructor(private readonly records: FlowRecords) {}

  /** Claims `basedOn + 1`, or the next free number when the save names no base. */
  async claim(saving: Saving, basedOn: number | undefined): Promise<DraftRevisionRecord> {
    if (basedOn === undefined) return this.claimNext(saving);
    // Revisions are never deleted, so a base that exists now existed when it was read.
    const known = basedOn === 0 || (await this.exists(saving.key, basedOn));
    const claimed = known && (await this.tryClaim(saving, basedOn + 1));
    if (claimed) return claimed;
    throw await this.changedSince(saving, basedOn);
  }

  /**
   * Writes the claimed revision into the draft document. A slower save of an older revision
   * may land after a newer one; it then finds the newer claim and writes that instead, so the
   * draft always ends at the latest revision.
   */
  async project(claimed: DraftRevisionRecord): Promise<void> {
    for (let current: DraftRevisionRecord | null = claimed; current; ) {
      const { key, document, savedAt, savedBy, revision } = current;
      await upsertOnce(() =>
        // A copy of the claimed revision: the unique revision insert decided, this only mirrors it.
        // $set, not a replace: saving the draft keeps the flow archived if it was.
        this.records.FlowDraft.updateOne(
          { _id: key },
          { $set: { document, savedAt, savedBy, revision } },
          { upsert: true },
        ),
      );
      current = await this.revision(key, revision + 1);
    }
  }

  /** The latest claimed revision: the draft's own, or a newer one not yet projected. */
  async latest(key: string): Promise<DraftRevisionRecord | undefined> {
    const draft = await this.records.FlowDraft.findById(key).lean();
    let revision = draft?.revision ?? 0;
    let latest =
      revision > 0
        ? await this.revision(key, revision)
        : draft && { ...pick(draft), _id: draftRevisionId(key, 0), key, revision: 0 };
    for (let next = await this.revision(key, revision + 1); next; ) {
      latest = next;
      revision += 1;
      next = await this.revision(key, revision + 1);
    }
    return latest ?? undefined;
  }

  private revision(key: string, revision: number) {
    return this.records.DraftRevision.findById(draftRevisionId(key, revision)).lean();
  }

  private async claimNext(saving: Saving): Promise<DraftRevisionRecord> {
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const revision = ((await this.latest(saving.key))?.revision ?? 0) + 1;
      const claimed = await this.tryClaim(saving, revision);
      if (claimed) return claimed;
    }
    throw new Error(`The draft of "${saving.key}" kept changing while it was saved`);
  }

  private async tryClaim(saving: Saving, revision: number) {
    const record = { ...saving, _id: draftRevisionId(saving.key, revision), revision };
    try {
      await this.records.DraftRevision.create(record);
      return record;
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  }

  private async exists(key: string, revision: number): Promise<boolean> {
    return (
      (await this.records.DraftRevision.exists({ _id: draftRevisionId(key, revision) })) !== null
    );
  }

  private async changedSince(saving: Saving, basedOn: number): Promise<DraftChanged> {
    const latest = await this.latest(saving.key);
    const base = await this.revision(saving.key, basedOn);
    const revision = latest?.revision ?? 0;
    const savedBy = latest?.savedBy ?? 'nobody';
    const savedAt = latest?.savedAt ?? new Date(0);
    // Without the base (drafts saved before revisions), compare with what this save holds.
    const differences = nodeDifferences(base?.document ?? saving.document, latest?.document);
    return new DraftChanged(
      `The draft was saved by ${savedBy} at ${savedAt.toISOString()} (revision ${revision}) ` +
        `since revision ${basedOn}, which this save was based on`,
      { revision, savedAt, savedBy, ...differences },
    );
  }
}

const pick = ({ document, savedAt, savedBy }: Omit<Saving, 'key'>) => ({
  document,
  savedAt,
  savedBy,
});

function nodeDifferences(
  before: FlowDefinitionInput | undefined,
  after: FlowDefinitionInput | undefined,
): Pick<DraftChange, 'changedNodes' | 'changes'> {
  const a = parseFlowDefinition(before);
  const b = parseFlowDefinition(after);
  if (!a.ok || !b.ok) return { changedNodes: [], changes: [] };
  const { nodes, changes } = diffFlows(a.flow, b.flow);
  return { changedNodes: [...nodes.added, ...nodes.removed, ...nodes.changed].sort(), changes };
}

/** Two first saves upserting at once: on FerretDB one may fail as a duplicate; the retry updates. */
async function upsertOnce(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await write();
  }
}
