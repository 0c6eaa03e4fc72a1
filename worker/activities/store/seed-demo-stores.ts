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
  country = 'US',
): Store {
  const address = { line1, city, region, postcode, country };
  return { storeId, name, address, location: { latitude, longitude }, capabilities };
}

/**
 * A small chain across US metros (flagships inspect, outlets resell open-box, one is
 * pickup-only) and a few stores in the UK, German and Japanese marketplaces' countries.
 */
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
  store(
    'london-soho',
    'Acorn London Soho',
    ['25 Carnaby St', 'London', 'England', 'W1F 7DE'],
    [51.5131, -0.1389],
    flagship,
    'GB',
  ),
  store(
    'manchester-arndale',
    'Acorn Manchester',
    ['49 High St', 'Manchester', 'England', 'M4 3AH'],
    [53.4831, -2.2386],
    { acceptsReturns: true, inspection: false, outlet: true },
    'GB',
  ),
  store(
    'berlin-mitte',
    'Acorn Berlin Mitte',
    ['Rosenthaler Str. 40', 'Berlin', 'BE', '10178'],
    [52.5259, 13.4023],
    flagship,
    'DE',
  ),
  store(
    'muenchen-altstadt',
    'Acorn München',
    ['Kaufingerstr. 9', 'München', 'BY', '80331'],
    [48.1374, 11.5714],
    { acceptsReturns: true, inspection: true, outlet: true },
    'DE',
  ),
  store(
    'tokyo-ginza',
    'Acorn Ginza',
    ['4-6-16 Ginza, Chuo-ku', 'Tokyo', 'Tokyo', '104-0061'],
    [35.6717, 139.765],
    flagship,
    'JP',
  ),
  store(
    'osaka-umeda',
    'Acorn Umeda',
    ['3-1-3 Umeda, Kita-ku', 'Osaka', 'Osaka', '530-0001'],
    [34.7025, 135.4959],
    { acceptsReturns: true, inspection: false, outlet: true },
    'JP',
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
