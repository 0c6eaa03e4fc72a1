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

export interface SessionOptions {
  connection: Connection;
  secret: string;
  /** True behind HTTPS: the browser then never sends the cookie over plain HTTP. */
  secureCookie: boolean;
}

/**
 * Cookie sessions kept in the `sessions` collection of the API's own database, through the
 * mongoose connection's client (no second connection pool). FerretDB v1 refuses TTL indexes
 * ("expireAfterSeconds is not implemented yet"), so connect-mongo's default `autoRemove: 'native'`
 * would fail every session call there; expired sessions are instead deleted every few minutes,
 * and the store ignores them on read, so expiry never depends on that sweep.
 */
export function sessionMiddleware({
  connection,
  secret,
  secureCookie,
}: SessionOptions): RequestHandler {
  const store = MongoStore.create({
    client: connection.getClient(),
    dbName: connection.name,
    collectionName: 'sessions',
    ttl: SESSION_HOURS * 3600,
    autoRemove: 'interval',
    autoRemoveInterval: 10,
    stringify: false,
  });
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
