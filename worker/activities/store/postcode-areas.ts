import { readFileSync } from 'node:fs';
import type { Coordinates } from './geo.ts';
import { usZip3Directory } from './us-postcodes.ts';

/** Looks up a buyer's postcode in a country (ISO 3166-1 alpha-2); undefined when unknown. */
export type PostcodeDirectory = (postcode: string, country?: string) => Coordinates | undefined;

type AreaTable = Record<string, Record<string, readonly [number, number]>>;

/**
 * Approximate centroids of postcode areas in the marketplaces sold in beyond the US: UK
 * postcode areas and London districts (the letters of the outward code), German postcode
 * regions (first two digits), Japanese postcode areas (first three digits). Enough to pick
 * the nearest store of a chain; a buyer's exact coordinates, when known, always win.
 */
const AREAS = JSON.parse(
  readFileSync(new URL('./postcode-areas.json', import.meta.url), 'utf8'),
) as AreaTable;

/** The keys to try for a postcode, most precise first, per country's postcode grammar. */
const AREA_KEYS: Record<string, (postcode: string) => string[] | undefined> = {
  // "SW1A 1AA": outward code SW1A, area SW (letters only, so SW is never taken for S).
  GB: (postcode) => {
    const match = /^([A-Z]{1,2})(\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(postcode);
    return match?.[1] && match[2] ? [`${match[1]}${match[2]}`, match[1]] : undefined;
  },
  DE: (postcode) => (/^\d{5}$/.test(postcode) ? [postcode.slice(0, 2)] : undefined),
  JP: (postcode) => (/^\d{7}$/.test(postcode) ? [postcode.slice(0, 3)] : undefined),
};
// Amazon's UK marketplace says UK; ISO says GB.
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB' };

export function areaDirectory(areas: AreaTable = AREAS): PostcodeDirectory {
  return (postcode, country = 'US') => {
    const code = COUNTRY_ALIASES[country.toUpperCase()] ?? country.toUpperCase();
    if (code === 'US') return usZip3Directory(postcode);
    const normalised = postcode.toUpperCase().replace(/[\s-]/g, '');
    const table = areas[code] ?? {};
    const key = AREA_KEYS[code]?.(normalised)?.find((candidate) => table[candidate]);
    const centroid = key === undefined ? undefined : table[key];
    return centroid && { latitude: centroid[0], longitude: centroid[1] };
  };
}

/** The US ZIP3 table and the areas above: "nearest store" in every marketplace sold in. */
export const marketplacePostcodes: PostcodeDirectory = areaDirectory();
