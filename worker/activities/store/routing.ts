import { type Coordinates, haversineKm } from './geo.ts';
import type { Store } from './store-types.ts';

export interface RouteChoice {
  store: Store;
  distanceKm: number;
}

/** A return may go to a store that takes returns, and one that can inspect when it must be. */
export function isEligible(store: Store, needsInspection: boolean): boolean {
  const { acceptsReturns, inspection } = store.capabilities;
  return acceptsReturns && (!needsInspection || inspection);
}

// Amazon's UK marketplace says UK; addresses carry ISO's GB.
const sameCountry = (a: string, b: string) =>
  a.toUpperCase().replace(/^UK$/, 'GB') === b.toUpperCase().replace(/^UK$/, 'GB');

/** The stores in a country (ISO 3166-1 alpha-2, as store addresses carry it). */
export function storesIn(stores: readonly Store[], country: string): Store[] {
  return stores.filter((store) => sameCountry(store.address.country, country));
}

/** The nearest eligible store; ties go to the lower store id so a retry picks the same one. */
export function nearestEligibleStore(
  stores: readonly Store[],
  buyer: Coordinates,
  needsInspection: boolean,
): RouteChoice | undefined {
  const candidates = stores
    .filter((store) => isEligible(store, needsInspection))
    .map((store) => ({ store, distanceKm: haversineKm(buyer, store.location) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.store.storeId.localeCompare(b.store.storeId));
  const nearest = candidates[0];
  return nearest && { ...nearest, distanceKm: Math.round(nearest.distanceKm * 10) / 10 };
}
