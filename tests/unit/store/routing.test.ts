import { describe, expect, it } from 'vitest';
import { ActivityCatalogSchema } from '#flow-language';
import { haversineKm } from '../../../worker/activities/store/geo.ts';
import { dispositionFor } from '../../../worker/activities/store/grading.ts';
import { nearestEligibleStore } from '../../../worker/activities/store/routing.ts';
import { DEMO_STORES } from '../../../worker/activities/store/seed-demo-stores.ts';
import { storeCatalog } from '../../../worker/activities/store/store-catalog.ts';
import { usZip3Directory } from '../../../worker/activities/store/us-postcodes.ts';

const timesSquare = { latitude: 40.758, longitude: -73.9855 };

describe('haversineKm', () => {
  it('measures great-circle distances between US cities', () => {
    const chicago = { latitude: 41.8781, longitude: -87.6298 };
    expect(haversineKm(timesSquare, chicago)).toBeCloseTo(1146, -1);
    expect(haversineKm(chicago, chicago)).toBe(0);
  });
});

describe('nearestEligibleStore', () => {
  it('picks the nearest store that accepts returns', () => {
    const choice = nearestEligibleStore(DEMO_STORES, timesSquare, false);
    expect(choice?.store.storeId).toBe('nyc-soho');
    expect(choice?.distanceKm).toBeCloseTo(4.1, 0);
  });

  it('skips stores that cannot inspect when the item needs inspection', () => {
    const downtownBrooklyn = { latitude: 40.6928, longitude: -73.9903 };
    expect(nearestEligibleStore(DEMO_STORES, downtownBrooklyn, false)?.store.storeId).toBe(
      'brooklyn-outlet',
    );
    expect(nearestEligibleStore(DEMO_STORES, downtownBrooklyn, true)?.store.storeId).toBe(
      'nyc-soho',
    );
  });

  it('never routes to a pickup-only store, and says so when nothing is eligible', () => {
    const seattle = { latitude: 47.6062, longitude: -122.3321 };
    expect(nearestEligibleStore(DEMO_STORES, seattle, true)?.store.storeId).toBe('la-downtown');
    expect(nearestEligibleStore(DEMO_STORES, seattle, false)?.store.storeId).toBe(
      'sf-union-square',
    );
    expect(nearestEligibleStore([], seattle, false)).toBeUndefined();
  });
});

describe('usZip3Directory', () => {
  it('finds the metro centroid of a ZIP or ZIP+4, and nothing for unknown codes', () => {
    expect(usZip3Directory('60614')).toEqual({ latitude: 41.8781, longitude: -87.6298 });
    expect(usZip3Directory(' 75201-1234 ')).toMatchObject({ latitude: 32.7767 });
    expect(usZip3Directory('99999')).toBeUndefined();
    expect(usZip3Directory('SW1A 1AA')).toBeUndefined();
  });
});

describe('grading policy and catalog', () => {
  it('sends new to sellable, open-box to outlet, damaged and scrap to write-off', () => {
    expect(['new', 'open-box', 'damaged', 'scrap'].map((g) => dispositionFor(g as 'new'))).toEqual([
      'sellable',
      'outlet',
      'writtenOff',
      'writtenOff',
    ]);
  });

  it('is a valid activity catalog', () => {
    expect(ActivityCatalogSchema.safeParse(storeCatalog).success).toBe(true);
  });
});
