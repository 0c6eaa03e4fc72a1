import type { MongoStoreSystem } from './mongo/mongo-store-system.ts';
import type { StockField, Store } from './store-types.ts';

type Capabilities = Store['capabilities'];
const flagship: Capabilities = { acceptsReturns: true, inspection: true, outlet: false };

function store(
  storeId: string,
  name: string,
  [line1, city, region, postcode]: [string, string, string, string],
  [latitude, longitude]: [number, number],
  capabilities: Capabilities,
): Store {
  const address = { line1, city, region, postcode, country: 'US' };
  return { storeId, name, address, location: { latitude, longitude }, capabilities };
}

/** A small chain across US metros: flagships inspect, outlets resell open-box, one is pickup-only. */
export const DEMO_STORES: readonly Store[] = [
  store(
    'nyc-soho',
    'Acorn SoHo',
    ['520 Broadway', 'New York', 'NY', '10012'],
    [40.7233, -73.9985],
    flagship,
  ),
  store(
    'brooklyn-outlet',
    'Acorn Outlet Brooklyn',
    ['445 Albee Square W', 'Brooklyn', 'NY', '11201'],
    [40.6915, -73.9833],
    { acceptsReturns: true, inspection: false, outlet: true },
  ),
  store(
    'chicago-loop',
    'Acorn Chicago Loop',
    ['111 N State St', 'Chicago', 'IL', '60602'],
    [41.8837, -87.6278],
    flagship,
  ),
  store(
    'dallas-uptown',
    'Acorn Dallas Uptown',
    ['2501 N Harwood St', 'Dallas', 'TX', '75201'],
    [32.7926, -96.8047],
    { acceptsReturns: true, inspection: true, outlet: true },
  ),
  store(
    'la-downtown',
    'Acorn Los Angeles',
    ['735 S Figueroa St', 'Los Angeles', 'CA', '90017'],
    [34.0484, -118.2606],
    flagship,
  ),
  store(
    'sf-union-square',
    'Acorn Union Square',
    ["170 O'Farrell St", 'San Francisco', 'CA', '94102'],
    [37.7862, -122.4075],
    { acceptsReturns: true, inspection: false, outlet: false },
  ),
  store(
    'seattle-pike',
    'Acorn Pike Place (pickup)',
    ['1st Ave & Pike St', 'Seattle', 'WA', '98101'],
    [47.6097, -122.3422],
    { acceptsReturns: false, inspection: false, outlet: false },
  ),
];

export const DEMO_SKUS = ['ACN-KETTLE-01', 'ACN-BLENDER-02', 'ACN-HEADPHONES-03'] as const;

const OPENING_STOCK: Record<string, Partial<Record<StockField, number>>> = {
  'ACN-KETTLE-01': { sellable: 24, outlet: 3 },
  'ACN-BLENDER-02': { sellable: 12, outlet: 1 },
  'ACN-HEADPHONES-03': { sellable: 40 },
};

/** Idempotent: stores are replaced, opening stock is one movement per store and SKU. */
export async function seedDemoStores(system: MongoStoreSystem): Promise<readonly Store[]> {
  await system.ready();
  for (const demo of DEMO_STORES) {
    await system.saveStore(demo);
    for (const sku of DEMO_SKUS) {
      const counts = OPENING_STOCK[sku] ?? {};
      await system.addStock(`demo-v1:${demo.storeId}:${sku}`, demo.storeId, sku, counts);
    }
  }
  return DEMO_STORES;
}
