import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIT_END, HIT_START, SearchSyntaxError, literalQuery, searchReleases } from '../src/report/index.ts';
import type { Store } from '../src/store/index.ts';
import { spo } from './helpers/cli.ts';
import { tempDir } from './helpers/paths.ts';
import { sampleStore } from './report.helpers.ts';

let dbPath: string;
let store: Store;
beforeAll(() => {
  dbPath = join(tempDir('spo-search-'), 'spo.sqlite');
  store = sampleStore(dbPath);
});
afterAll(() => store.close());

describe('search', () => {
  it('finds releases with a highlighted snippet, force and date', () => {
    const r = searchReleases(store, 'Lancing');
    expect(r.notice).toBeNull();
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]).toMatchObject({ force_id: 'sussex', force_name: 'Sussex Police', published: '2020-03-12T10:15' });
    expect(r.hits[0]!.snippet).toContain(`${HIT_START}Lancing${HIT_END}`);
  });

  it('ranks title matches and closer matches first (bm25)', () => {
    const r = searchReleases(store, 'interim');
    expect(r.hits[0]!.title).toBe('Interim Stalking Protection Order for Lichfield man');
    const scores = r.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('supports FTS5 syntax: phrases, prefixes, columns, boolean operators', () => {
    expect(searchReleases(store, '"first full"').hits).toHaveLength(1);
    expect(searchReleases(store, 'lanc*').hits.map((h) => h.force_id)).toEqual(['sussex']);
    expect(searchReleases(store, 'title:interim').hits).toHaveLength(1);
    expect(searchReleases(store, 'stalking NOT interim').hits.every((h) => h.force_id !== 'staffordshire')).toBe(true);
  });

  it('falls back to the words as typed when the syntax is invalid, with a notice', () => {
    for (const q of ['stalking-protection', 'AND', '"unbalanced', 'order)', 'NEAR(', '*', 'court:']) {
      const r = searchReleases(store, q);
      expect(r.notice, q).toMatch(/not valid search syntax/);
    }
    expect(searchReleases(store, "Maidstone Magistrates' Court").hits.length).toBe(1);
    expect(searchReleases(store, 'stalking-protection').hits.length).toBeGreaterThan(0);
  });

  it('raw mode reports the syntax error; literal mode never parses syntax', () => {
    expect(() => searchReleases(store, '"unbalanced', { mode: 'raw' })).toThrow(SearchSyntaxError);
    expect(() => searchReleases(store, '"unbalanced', { mode: 'raw' })).toThrow(/invalid search syntax/);
    expect(searchReleases(store, 'NOT interim', { mode: 'literal' }).query).toBe('"NOT" "interim"');
    expect(literalQuery('a "b" c')).toBe('"a" """b""" "c"');
    expect(() => searchReleases(store, '   ')).toThrow(/empty/);
  });

  it('limits and filters by force', () => {
    expect(searchReleases(store, 'stalking', { limit: 2 }).hits).toHaveLength(2);
    expect(searchReleases(store, 'stalking', { force: 'kent' }).hits.every((h) => h.force_id === 'kent')).toBe(true);
  });
});

describe('spo search (CLI)', () => {
  it('prints ranked hits with the snippet highlighted', () => {
    const r = spo(['search', 'Lancing', '--db', dbPath]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1. First Stalking Protection Order granted in Sussex');
    expect(r.stdout).toContain('Sussex Police · 2020-03-12');
    expect(r.stdout).toContain('**Lancing**');
  });

  it('explains a bad query instead of failing', () => {
    const r = spo(['search', '"unbalanced', 'order', '--db', dbPath]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/not valid search syntax/);
    const raw = spo(['search', '--raw', '"unbalanced', '--db', dbPath]);
    expect(raw.status).toBe(2);
    expect(raw.stderr).toMatch(/invalid search syntax/);
    const json = JSON.parse(spo(['search', 'magistrates', '--json', '--limit', '1', '--db', dbPath]).stdout);
    expect(json.hits).toHaveLength(1);
    expect(json.hits[0].snippet).toMatch(/\[Magistrates\]/i);
  });
});
