import { describe, expect, it } from 'vitest';
import { marketplacePostcodes } from '../../../worker/activities/store/postcode-areas.ts';
import { nearestEligibleStore, storesIn } from '../../../worker/activities/store/routing.ts';
import { DEMO_STORES } from '../../../worker/activities/store/seed-demo-stores.ts';
import { createStoreActivities } from '../../../worker/activities/store/store-activities.ts';
import type { StoreSystem } from '../../../worker/activities/store/store-system.ts';
import type { Rma } from '../../../worker/activities/store/store-types.ts';

const near = (latitude: number, longitude: number) => ({
  latitude: expect.closeTo(latitude, 1),
  longitude: expect.closeTo(longitude, 1),
});

describe("a buyer's postcode in each marketplace's country", () => {
  it('reads UK postcodes by outward code letters, so SW is London and S is Sheffield', () => {
    expect(marketplacePostcodes('SW1A 1AA', 'GB')).toEqual(near(51.47, -0.17));
    expect(marketplacePostcodes('s1 2hh', 'UK')).toEqual(near(53.38, -1.47));
    expect(marketplacePostcodes('M1 1AE', 'GB')).toEqual(near(53.48, -2.24));
  });

  it('reads German postcodes by region and Japanese ones by area', () => {
    expect(marketplacePostcodes('10115', 'DE')).toEqual(near(52.52, 13.4));
    expect(marketplacePostcodes('80331', 'DE')).toEqual(near(48.14, 11.58));
    expect(marketplacePostcodes('104-0061', 'JP')).toEqual(near(35.67, 139.77));
    expect(marketplacePostcodes('5300001', 'JP')).toEqual(near(34.71, 135.5));
  });

  it('keeps US ZIP codes as before, and the same digits mean another place in another country', () => {
    expect(marketplacePostcodes('60602')).toEqual(near(41.88, -87.63));
    expect(marketplacePostcodes('10115', 'US')).toEqual(near(40.78, -73.97));
    expect(marketplacePostcodes('10115', 'DE')).toEqual(near(52.52, 13.4));
  });

  it('knows nothing of an unknown area or a malformed postcode', () => {
    expect(marketplacePostcodes('ZE1 0AA', 'GB')).toBeUndefined();
    expect(marketplacePostcodes('1011', 'DE')).toBeUndefined();
    expect(marketplacePostcodes('10115', 'FR')).toBeUndefined();
  });
});

describe('the nearest store in the buyer’s country', () => {
  it.each([
    ['GB', 'W1D 3QF', false, 'london-soho'],
    ['GB', 'M4 1HN', false, 'manchester-arndale'],
    // Manchester cannot inspect: a quality problem goes to London.
    ['GB', 'M4 1HN', true, 'london-soho'],
    ['DE', '10178', false, 'berlin-mitte'],
    ['DE', '80331', false, 'muenchen-altstadt'],
    ['JP', '104-0061', false, 'tokyo-ginza'],
    ['JP', '530-0001', false, 'osaka-umeda'],
    ['JP', '530-0001', true, 'tokyo-ginza'],
  ])('%s %s (inspection %s) goes to %s', (country, postcode, inspect, storeId) => {
    const buyer = marketplacePostcodes(postcode, country);
    if (!buyer) throw new Error(`no centroid for ${postcode}`);
    const choice = nearestEligibleStore(storesIn(DEMO_STORES, country), buyer, inspect);
    expect(choice?.store.storeId).toBe(storeId);
  });

  it('routes a return through store.routeReturn with the marketplace country', async () => {
    const rma: Rma = {
      rmaId: 'RMA-DE-1',
      orderId: '302-0000000-0000001',
      items: [{ sku: 'ACN-KETTLE-01', quantity: 1, needsInspection: false, ungraded: 1 }],
      status: 'created',
      createdAt: '2026-12-01T00:00:00.000Z',
    };
    const system = {
      listStores: async () => [...DEMO_STORES],
      getRma: async () => rma,
      assignRoute: async (_rmaId: string, route: { storeId: string; distanceKm: number }) => ({
        ...rma,
        route: { ...route, at: 'now' },
      }),
    } as unknown as StoreSystem;
    const route = createStoreActivities({ system }).find(
      (activity) => activity.descriptor.name === 'store.routeReturn',
    );
    await expect(
      route?.run({ rmaId: rma.rmaId, postcode: '80331', country: 'DE' }),
    ).resolves.toMatchObject({ storeId: 'muenchen-altstadt', city: 'München' });
    // Without a country, a postcode is a US ZIP code: 80331 is no known US area.
    await expect(route?.run({ rmaId: rma.rmaId, postcode: '80331' })).rejects.toThrow(
      /unknown postcode 80331/,
    );
  });
});
