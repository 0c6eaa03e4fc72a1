import type { Coordinates } from './geo.ts';

/** Looks up a US ZIP code; undefined when unknown. */
type ZipDirectory = (postcode: string) => Coordinates | undefined;

// Approximate metro centroids by US ZIP3 prefix (the first three digits), enough to pick the
// nearest store of a chain; a buyer's exact coordinates, when known, always win.
const ZIP3_CENTROIDS: Record<string, readonly [number, number]> = {
  '021': [42.3601, -71.0589], // Boston
  '022': [42.3601, -71.0589],
  '070': [40.7357, -74.1724], // Newark
  '071': [40.7357, -74.1724],
  '100': [40.7831, -73.9712], // Manhattan
  '101': [40.7831, -73.9712],
  '102': [40.7831, -73.9712],
  '103': [40.5795, -74.1502], // Staten Island
  '104': [40.8448, -73.8648], // Bronx
  '111': [40.7447, -73.9485], // Long Island City
  '112': [40.6782, -73.9442], // Brooklyn
  '113': [40.7282, -73.7949], // Queens
  '114': [40.7282, -73.7949],
  '191': [39.9526, -75.1652], // Philadelphia
  '200': [38.9072, -77.0369], // Washington DC
  '212': [39.2904, -76.6122], // Baltimore
  '282': [35.2271, -80.8431], // Charlotte
  '303': [33.749, -84.388], // Atlanta
  '328': [28.5383, -81.3792], // Orlando
  '331': [25.7617, -80.1918], // Miami
  '372': [36.1627, -86.7816], // Nashville
  '482': [42.3314, -83.0458], // Detroit
  '554': [44.9778, -93.265], // Minneapolis
  '606': [41.8781, -87.6298], // Chicago
  '631': [38.627, -90.1994], // St. Louis
  '752': [32.7767, -96.797], // Dallas
  '770': [29.7604, -95.3698], // Houston
  '787': [30.2672, -97.7431], // Austin
  '802': [39.7392, -104.9903], // Denver
  '841': [40.7608, -111.891], // Salt Lake City
  '850': [33.4484, -112.074], // Phoenix
  '891': [36.1699, -115.1398], // Las Vegas
  '900': [34.0522, -118.2437], // Los Angeles
  '921': [32.7157, -117.1611], // San Diego
  '941': [37.7749, -122.4194], // San Francisco
  '972': [45.5152, -122.6784], // Portland
  '981': [47.6062, -122.3321], // Seattle
};

const US_ZIP = /^(\d{3})\d{2}(?:-\d{4})?$/;

export const usZip3Directory: ZipDirectory = (postcode) => {
  const prefix = US_ZIP.exec(postcode.trim())?.[1];
  const centroid = prefix === undefined ? undefined : ZIP3_CENTROIDS[prefix];
  return centroid && { latitude: centroid[0], longitude: centroid[1] };
};
