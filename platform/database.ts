import mongoose from 'mongoose';

/**
 * One mongoose connection per process. Code that touches MongoDB receives this connection
 * (never the global `mongoose` default) so tests can point it at their own database.
 *
 * `sanitizeFilter` makes mongoose wrap any `$`-key object that arrives inside a filter value
 * with `$eq`, so user input such as `{"$gt": ""}` is compared as data, never run as an operator.
 */
export async function connectDatabase(uri: string): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5_000,
    sanitizeFilter: true,
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
