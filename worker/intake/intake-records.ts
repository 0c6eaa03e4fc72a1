import { type Connection, Schema } from 'mongoose';
import { isDuplicateKey, recordModel } from '#platform/database';

/** What intake reads from Amazon, each with its own cursor per account. */
export type IntakeSource = 'mfn-returns' | 'fba-returns' | 'financial-events' | 'notifications';

/**
 * One step of a source's cursor: `_id` = `account|source|seq`, inserted once and never updated.
 * Reads from `until` on are still to be taken; step n + 1 is written only by a poll that read
 * step n as the latest, so the steps are contiguous and of two racing pollers one insert wins.
 */
interface CursorStep {
  _id: string;
  accountId: string;
  source: IntakeSource;
  seq: number;
  until: Date;
  writtenAt: Date;
}

export type IntakeOutcome = 'started' | 'already-started' | 'refused';

/** A row or event intake has dealt with (`_id` = the case id), so later polls skip it. */
export interface IntakeItem {
  _id: string;
  accountId: string;
  source: IntakeSource;
  outcome: IntakeOutcome;
  /** Why a refused item started nothing (no published flow, invalid input, unknown item). */
  reason?: string;
  flowKey?: string;
  /** Facts intake offered that the started flow's version does not declare, so it left them out. */
  droppedFacts?: string[];
  at: Date;
}

const cursorSchema = new Schema<CursorStep>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    source: { type: String, required: true },
    seq: { type: Number, required: true },
    until: { type: Date, required: true },
    writtenAt: { type: Date, required: true },
  },
  { collection: 'intake_cursors', versionKey: false },
);

const itemSchema = new Schema<IntakeItem>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    source: { type: String, required: true },
    outcome: { type: String, required: true },
    reason: String,
    flowKey: String,
    droppedFacts: { type: [String], default: undefined },
    at: { type: Date, required: true },
  },
  { collection: 'intake_items', versionKey: false },
);

const stepId = (accountId: string, source: IntakeSource, seq: number) =>
  `${accountId}|${source}|${seq}`;

/** Intake's own records; every write is a unique `_id` insert (safe on FerretDB v1). */
export class IntakeRecords {
  private readonly cursors;
  private readonly items;

  constructor(connection: Connection) {
    this.cursors = recordModel<CursorStep>(connection, 'IntakeCursor', cursorSchema);
    this.items = recordModel<IntakeItem>(connection, 'IntakeItem', itemSchema);
  }

  /** The latest step, found by `_id` lookups only (doubling, then halving: O(log n)). */
  async cursor(
    accountId: string,
    source: IntakeSource,
  ): Promise<{ seq: number; until: Date } | undefined> {
    const step = (seq: number) => this.cursors.findById(stepId(accountId, source, seq)).lean();
    if (!(await step(1))) return undefined;
    let present = 1;
    let absent = 2;
    while (await step(absent)) {
      present = absent;
      absent *= 2;
    }
    while (absent - present > 1) {
      const middle = Math.floor((present + absent) / 2);
      if (await step(middle)) present = middle;
      else absent = middle;
    }
    const latest = await step(present);
    return latest ? { seq: latest.seq, until: latest.until } : undefined;
  }

  /** Moves the cursor on after step `seq`; another poller that got there first wins. */
  async advance(accountId: string, source: IntakeSource, seq: number, until: Date): Promise<void> {
    await insertOnce(() =>
      this.cursors.create({
        _id: stepId(accountId, source, seq + 1),
        accountId,
        source,
        seq: seq + 1,
        until,
        writtenAt: new Date(),
      }),
    );
  }

  async seen(caseId: string): Promise<IntakeItem | null> {
    return this.items.findById(String(caseId)).lean();
  }

  async record(item: Omit<IntakeItem, 'at'>): Promise<void> {
    await insertOnce(() => this.items.create({ ...item, at: new Date() }));
  }

  /** Every item of one account, for tests and the operator's look. */
  async itemsOf(accountId: string): Promise<IntakeItem[]> {
    return this.items.find({ accountId: String(accountId) }).lean();
  }
}

async function insertOnce(insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}
