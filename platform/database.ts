import mongoose from 'mongoose';

/**
 * Sockets per process unless MONGODB_URI sets `maxPoolSize`. FerretDB v1 on SQLite gives each
 * database a pool of 100 SQLite connections, and an update holds one while it takes a second:
 * about 50 updates at once on one database deadlock it for good. 20 per process keeps the API
 * and a worker (or two) clear of that; on MongoDB, raise it through the URI if you need more.
 */
export const DEFAULT_MAX_POOL_SIZE = 20;

/**
 * One mongoose connection per process. Code that touches MongoDB receives this connection
 * (never the global `mongoose` default) so tests can point it at their own database.
 *
 * `sanitizeFilter` makes mongoose wrap any `$`-key object that arrives inside a filter value
 * with `$eq`, so user input such as `{"$gt": ""}` is compared as data, never run as an operator.
 */
export async function connectDatabase(uri: string): Promise<mongoose.Connection> {
  const poolSizeInUri = /[?&]maxPoolSize=/i.test(uri);
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5_000,
    sanitizeFilter: true,
    ...(poolSizeInUri ? {} : { maxPoolSize: DEFAULT_MAX_POOL_SIZE }),
  });
  await connection.asPromise();
  return connection;
}

export async function pingDatabase(connection: mongoose.Connection): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) {
    throw new Error('database connection is not open');
  }
  await db.admin().command({ ping: 1 });
}

const DUPLICATE_KEY = 11000;

/** The write met an existing `_id` (or unique key): for idempotent writes, "already done". */
export const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === DUPLICATE_KEY;

/**
 * Inserts the documents whose `_id` is not stored yet and leaves the others as they are.
 * Preferred over a batch of upserts: FerretDB v1 holds one SQLite connection per upsert that
 * matches until the whole command ends, so re-sending 100 saved documents as upserts (a retry)
 * deadlocks the database for good. A driver insert, not a mongoose one: callers build whole
 * records, and mongoose's per-document casting and validation was most of the worker's time
 * saving a case trail (bench/interpreter-overhead.ts).
 */
export async function insertMissing<Record extends mongoose.mongo.Document>(
  collection: mongoose.mongo.Collection<Record>,
  documents: mongoose.mongo.OptionalUnlessRequiredId<Record>[],
): Promise<void> {
  try {
    await collection.insertMany(documents, { ordered: false, ignoreUndefined: true });
  } catch (error) {
    const failures = (error as { writeErrors?: unknown[] }).writeErrors;
    if (!failures?.length || !failures.every((failure) => isDuplicateKey(failure))) throw error;
  }
}

/**
 * The connection's model of a record, compiled on first use and the same model after that.
 * Compiling again on every call (mongoose's `overwriteModels`) re-ran `Model.init()` each time:
 * one `createIndex` command per index, on every case submitted and every request that asked.
 * A schema that is not the compiled one (a test's own) still replaces it.
 */
export function recordModel<Record>(
  connection: mongoose.Connection,
  name: string,
  schema: mongoose.Schema<Record>,
): mongoose.Model<Record> {
  const compiled = connection.models[name];
  if (compiled?.schema === schema) return compiled as mongoose.Model<Record>;
  return connection.model<Record>(name, schema, undefined, { overwriteModels: true });
}
