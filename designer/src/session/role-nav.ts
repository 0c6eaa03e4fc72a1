import type { RoleName } from '#api-contract/users';
import { i18n } from '../i18n/i18n.ts';

export interface NavItem {
  to: string;
  label: string;
}

type Screen =
  | 'flows'
  | 'inbox'
  | 'runs'
  | 'audit'
  | 'metrics'
  | 'refunds'
  | 'requests'
  | 'accounts';

const ITEMS = {
  flows: '/flows',
  inbox: '/inbox',
  runs: '/runs',
  audit: '/audit',
  metrics: '/metrics',
  refunds: '/refunds',
  requests: '/requests',
  accounts: '/accounts',
} satisfies Record<Screen, string>;

const BY_ROLE: Record<RoleName, Screen[]> = {
  admin: ['flows', 'runs', 'refunds', 'metrics', 'accounts'],
  reviewer: ['inbox'],
  auditor: ['runs', 'audit', 'refunds', 'metrics', 'accounts'],
  requester: ['requests'],
  'store-staff': ['inbox'],
};

/** The screens a caller's roles open, each once, in the order of their first role, named in the reader's language. */
export function navFor(roles: readonly RoleName[]): NavItem[] {
  const screens = new Set(roles.flatMap((role) => BY_ROLE[role]));
  return [...screens].map((screen) => ({ to: ITEMS[screen], label: i18n.t(`nav.${screen}`) }));
}

export function hasAnyRole(roles: readonly RoleName[], allowed: readonly RoleName[]): boolean {
  return roles.some((role) => allowed.includes(role));
}
