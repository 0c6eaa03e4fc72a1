import { trusted } from 'mongoose';
import type { AccessScope } from '../auth/identity.ts';
import type { CaseScope } from './flow-selection.ts';

const DIMENSIONS = [
  ['brands', 'brand'],
  ['marketplaces', 'marketplace'],
  ['stores', 'store'],
] as const;

/** True when the scope limits at least one dimension; an empty scope sees every case. */
export const restrictsCases = (scope: AccessScope | undefined): scope is AccessScope =>
  DIMENSIONS.some(([listed]) => scope?.[listed] !== undefined);

/**
 * A user limited to some brands, marketplaces or stores acts only on cases that name one of
 * them; a case that leaves a limited dimension blank is outside such a scope.
 */
export function scopeCovers(scope: AccessScope | undefined, target: CaseScope): boolean {
  return DIMENSIONS.every(([listed, field]) => {
    const allowed = scope?.[listed];
    if (!allowed) return true;
    const value = target[field];
    return value !== undefined && allowed.includes(value);
  });
}

/** The same rule as a MongoDB filter over case records. */
export function scopeFilter(scope: AccessScope | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [listed, field] of DIMENSIONS) {
    const allowed = scope?.[listed];
    if (allowed) filter[field] = trusted({ $in: allowed.map(String) });
  }
  return filter;
}
