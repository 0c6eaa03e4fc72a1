import type { Request } from 'express';

export const roles = ['admin', 'reviewer', 'auditor', 'requester'] as const;
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
}

/** Resolves the caller of a request, or undefined when it carries no valid credentials. */
export type Authenticate = (request: Request) => Promise<ApiIdentity | undefined>;
