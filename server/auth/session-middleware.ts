import MongoStore from 'connect-mongo';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Connection } from 'mongoose';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    /** Milliseconds since the epoch; a password reset after it ends the session. */
    signedInAt: number;
  }
}

export const SESSION_COOKIE = 'acorn.sid';
const SESSION_HOURS = 8;
const SESSIONS_COLLECTION = 'sessions';
const SWEEP_EVERY_MS = 10 * 60 * 1000;

export interface SessionOptions {
  connection: Connection;
  secret: string;
  /** True behind HTTPS: the browser then never sends the cookie over plain HTTP. */
  secureCookie: boolean;
}

/**
 * Cookie sessions kept in the `sessions` collection of the API's own database, through the
 * mongoose connection's client (no second connection pool). connect-mongo's own clean-ups do not
 * work on FerretDB v1: `autoRemove: 'native'` needs a TTL index, which it refuses
 * ("expireAfterSeconds is not implemented yet") and then fails every session call; `'interval'`
 * deletes with `w: 0`, and FerretDB answers that unacknowledged write anyway, so the driver hands
 * the stray reply to the next command on the connection, which then fails. So expired sessions
 * are swept here with an acknowledged delete; the store ignores them on read in any case.
 */
export function sessionMiddleware({
  connection,
  secret,
  secureCookie,
}: SessionOptions): RequestHandler {
  const store = MongoStore.create({
    client: connection.getClient(),
    dbName: connection.name,
    collectionName: SESSIONS_COLLECTION,
    ttl: SESSION_HOURS * 3600,
    autoRemove: 'disabled',
    stringify: false,
  });
  setInterval(() => {
    sweepExpiredSessions(connection).catch(() => undefined);
  }, SWEEP_EVERY_MS).unref();
  return session({
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Behind a TLS-terminating proxy the connection itself is plain HTTP; trust X-Forwarded-Proto.
    proxy: secureCookie,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie,
      maxAge: SESSION_HOURS * 3600 * 1000,
    },
  });
}

/** Deletes sessions past their expiry; returns how many went. */
export async function sweepExpiredSessions(connection: Connection): Promise<number> {
  const { deletedCount } = await connection
    .collection(SESSIONS_COLLECTION)
    .deleteMany({ expires: { $lt: new Date() } });
  return deletedCount;
}
