import type { RoleName } from '#api-contract/users';

export interface NavItem {
  to: string;
  label: string;
}

const ITEMS = {
  flows: { to: '/flows', label: 'Flows' },
  inbox: { to: '/inbox', label: 'Inbox' },
  runs: { to: '/runs', label: 'Runs' },
  audit: { to: '/audit', label: 'Audit log' },
  metrics: { to: '/metrics', label: 'Metrics' },
  refunds: { to: '/refunds', label: 'Refunds in doubt' },
} satisfies Record<string, NavItem>;

const BY_ROLE: Record<RoleName, NavItem[]> = {
  admin: [ITEMS.flows, ITEMS.runs, ITEMS.refunds, ITEMS.metrics],
  reviewer: [ITEMS.inbox],
  auditor: [ITEMS.runs, ITEMS.audit, ITEMS.refunds, ITEMS.metrics],
  requester: [],
};

/** The screens a caller's roles open, each once, in the order of their first role. */
export function navFor(roles: readonly RoleName[]): NavItem[] {
  const seen = new Set<string>();
  return roles
    .flatMap((role) => BY_ROLE[role])
    .filter((item) => !seen.has(item.to) && seen.add(item.to) !== undefined);
}

export function hasAnyRole(roles: readonly RoleName[], allowed: readonly RoleName[]): boolean {
  return roles.some((role) => allowed.includes(role));
}
