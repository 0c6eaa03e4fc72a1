import type { AccessScope } from '../auth/identity.ts';

const DIMENSIONS = ['brands', 'marketplaces', 'stores'] as const;

/**
 * Whether everything a backtest read (`read`: its scope, undefined for every case) lies in
 * `viewer`'s scope: each dimension the viewer is limited to must be limited for the backtest
 * too, to values the viewer holds.
 */
export function scopeWithin(
  read: AccessScope | undefined,
  viewer: AccessScope | undefined,
): boolean {
  return DIMENSIONS.every((dimension) => {
    const allowed = viewer?.[dimension];
    if (!allowed) return true;
    return read?.[dimension]?.every((value) => allowed.includes(value)) ?? false;
  });
}
