import type { Request } from 'express';

/**
 * `store-staff` receive and grade returns routed to their store: they work the tasks of their
 * store's group and nothing else, so grading a return never lets them approve a refund.
 */
export const roles = ['admin', 'reviewer', 'auditor', 'requester', 'store-staff'] as const;
export type Role = (typeof roles)[number];

/** Where a user may act; an absent list means every brand, marketplace or store. */
export interface AccessScope {
  brands?: string[];
  marketplaces?: string[];
  stores?: string[];
}

/** Who is calling: a signed-in user (session cookie) or an integration (API token). */
export interface ApiIdentity {
  userId: string;
  name: string;
  roles: Role[];
  groups?: string[];
  scope?: AccessScope;
  via: 'session' | 'token';
  /**
   * Set when no person stands behind the credentials: an API token that acts for no user, or the
   * bootstrap admin token. Such callers may administer and integrate, but never decide, claim or
   * take over an approval task (four eyes count people, not credentials).
   */
  agent?: 'integration' | 'bootstrap';
}

/** A signed-in user, or a token acting for one: someone who may count as one pair of eyes. */
export const isPerson = (caller: ApiIdentity): boolean => caller.agent === undefined;

/** Resolves the caller of a request, or undefined when it carries no valid credentials. */
export type Authenticate = (request: Request) => Promise<ApiIdentity | undefined>;
