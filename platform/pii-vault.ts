import { type Connection, Schema } from 'mongoose';
import { isPiiEnvelope, type JsonValue, type PiiEnvelope } from '#flow-language';
import { isDuplicateKey, recordModel } from './database.ts';
import { openPii, sealPii } from './pii-envelope.ts';
import {
  loadPiiKeyring,
  newDataKey,
  PiiKeyError,
  type PiiKeyring,
  unwrapCaseKey,
  type WrappedCaseKey,
  wrapCaseKey,
} from './pii-keyring.ts';

/** What every screen, export and activity shows once a case's key was destroyed. */
export const ERASED_UNDER_RETENTION = 'erased under retention';

/** One wrapped data key per case, `_id` = the case id: its deletion is the erasure. */
export interface CaseKeyRecord extends WrappedCaseKey {
  _id: string;
  createdAt: Date;
  rotatedAt?: Date;
}

const caseKeySchema = new Schema<CaseKeyRecord>(
  {
    _id: { type: String, required: true },
    masterKeyId: { type: String, required: true },
    wrappedKey: { type: String, required: true },
    createdAt: { type: Date, required: true },
    rotatedAt: Date,
  },
  { collection: 'case_keys', versionKey: false },
);

export function caseKeyModel(connection: Connection) {
  return recordModel<CaseKeyRecord>(connection, 'CaseKey', caseKeySchema);
}

export type OpenedPii = { erased: false; value: JsonValue } | { erased: true };

/**
 * Seals and opens buyer data with per-case keys. Keys are read from the database on every use
 * and never cached: once the retention job deletes one, no process can open that case again.
 */
export class PiiVault {
  private readonly caseKeys;

  constructor(
    connection: Connection,
    private readonly keyring: PiiKeyring | undefined,
  ) {
    this.caseKeys = caseKeyModel(connection);
  }

  /** The case's key, created on first use; of two racing creators one insert wins. */
  async ensureCaseKey(caseId: string): Promise<Buffer> {
    const keyring = this.requireKeyring();
    const existing = await this.caseKey(caseId);
    if (existing) return existing;
    const dataKey = newDataKey();
    try {
      const wrapped = wrapCaseKey(keyring, caseId, dataKey);
      await this.caseKeys.create({ _id: caseId, ...wrapped, createdAt: new Date() });
      return dataKey;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const winner = await this.caseKey(caseId);
    if (!winner) throw new PiiKeyError(`the key of case "${caseId}" was erased`);
    return winner;
  }

  /** Undefined once erased (or never created). */
  async caseKey(caseId: string): Promise<Buffer | undefined> {
    const record = await this.caseKeys.findById(String(caseId)).lean();
    return record ? unwrapCaseKey(this.requireKeyring(), caseId, record) : undefined;
  }

  /** Replaces each named field that holds a value with its envelope; other fields stay. */
  async sealFields(
    caseId: string,
    values: Record<string, unknown>,
    fields: readonly string[],
  ): Promise<Record<string, unknown>> {
    const present = fields.filter(
      (name) => !isAbsent(values[name]) && !isPiiEnvelope(values[name]),
    );
    if (present.length === 0) return values;
    const dataKey = await this.ensureCaseKey(caseId);
    const sealed = { ...values };
    for (const name of present) sealed[name] = sealPii(dataKey, caseId, values[name] as JsonValue);
    return sealed;
  }

  async open(envelope: PiiEnvelope): Promise<OpenedPii> {
    const dataKey = await this.caseKey(envelope.keyId);
    return dataKey ? { erased: false, value: openPii(dataKey, envelope) } : { erased: true };
  }

  /** Deep copy with every envelope replaced by what `reveal` makes of it. */
  async mapEnvelopes(
    value: unknown,
    reveal: (opened: OpenedPii, envelope: PiiEnvelope) => unknown,
  ): Promise<unknown> {
    const keys = new Map<string, Promise<Buffer | undefined>>();
    const keyOf = (caseId: string) => {
      if (!keys.has(caseId)) keys.set(caseId, this.caseKey(caseId));
      return keys.get(caseId) as Promise<Buffer | undefined>;
    };
    const walk = async (node: unknown): Promise<unknown> => {
      if (isPiiEnvelope(node)) {
        const dataKey = await keyOf(node.keyId);
        const opened: OpenedPii = dataKey
          ? { erased: false, value: openPii(dataKey, node) }
          : { erased: true };
        return reveal(opened, node);
      }
      if (Array.isArray(node)) return Promise.all(node.map(walk));
      if (node !== null && typeof node === 'object' && !(node instanceof Date)) {
        const entries = await Promise.all(
          Object.entries(node).map(async ([key, item]) => [key, await walk(item)] as const),
        );
        return Object.fromEntries(entries);
      }
      return node;
    };
    return walk(value);
  }

  /** Crypto-shredding: deletes by `_id` only, the one filter FerretDB answers from its index. */
  async destroyCaseKey(caseId: string): Promise<boolean> {
    const { deletedCount } = await this.caseKeys.deleteOne({ _id: String(caseId) });
    return deletedCount === 1;
  }

  /**
   * Re-wraps a case key under the current master key, so a retired master key can be removed;
   * answers the new master key id, or undefined when there was nothing to do. A plain `$set` by
   * `_id`: the rotation job is its only writer, and without upsert it never re-creates a key
   * the retention job deleted in between.
   */
  async rewrapCaseKey(caseId: string): Promise<string | undefined> {
    const keyring = this.requireKeyring();
    const record = await this.caseKeys.findById(String(caseId)).lean();
    if (!record || record.masterKeyId === keyring.currentKeyId) return undefined;
    const wrapped = wrapCaseKey(keyring, caseId, unwrapCaseKey(keyring, caseId, record));
    // Racing rewraps all write this data key wrapped by the current master key: any of them is right.
    const { modifiedCount } = await this.caseKeys.updateOne(
      { _id: String(caseId) },
      { $set: { ...wrapped, rotatedAt: new Date() } },
    );
    return modifiedCount === 1 ? wrapped.masterKeyId : undefined;
  }

  private requireKeyring(): PiiKeyring {
    if (!this.keyring) {
      throw new PiiKeyError(
        'ACORN_PII_MASTER_KEYS is not set: buyer data can be neither encrypted nor read',
      );
    }
    return this.keyring;
  }
}

const isAbsent = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The worker's vaults, one per database it works on: catalog activities open envelopes at the
 * moment of use through the vault that holds the case's key.
 */
const workerVaults = new Map<Connection, PiiVault>();

export function registerPiiVault(connection: Connection, keyring = loadPiiKeyring()): PiiVault {
  const known = workerVaults.get(connection);
  if (known) return known;
  const vault = new PiiVault(connection, keyring);
  workerVaults.set(connection, vault);
  // Only a connection closed on purpose (a stopped test stack) leaves; one that lost its server
  // stays, so its queries wait for the database instead of reading a missing key as erased.
  connection.once('close', () => workerVaults.delete(connection));
  return vault;
}

export function registeredPiiVaults(): PiiVault[] {
  return [...workerVaults.values()];
}

/** Opens an envelope through whichever registered vault holds its case key. */
export async function openWithRegisteredVaults(envelope: PiiEnvelope): Promise<OpenedPii> {
  for (const vault of registeredPiiVaults()) {
    const opened = await vault.open(envelope);
    if (!opened.erased) return opened;
  }
  return { erased: true };
}
