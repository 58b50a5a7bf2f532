// The store's rules for archived copies (issue 15), on SQLite on disk.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../src/domain/types.ts';
import { contentHash } from '../src/release/index.ts';
import { openStore, type ReleaseInput, type Store } from '../src/store/index.ts';
import { tempDir } from './helpers/paths.ts';

const URL_ = 'https://www.kent.police.uk/news/kent/news2/policing-news/2003/man-given-stalking-protection-order/';

function extraction(duration: string): Extraction {
  return {
    id: 'x', is_spo: true, force: 'Kent Police', published: '2020-03-02', evidence: [],
    orders: [{ age: 40, sex: 'male', town: 'Dover', court: null, kind: 'full', made_on: '2020-02-28', duration, prohibitions: ['contact'], requirements: [], town_location: null, evidence: [] }],
  };
}

function item(source: ReleaseInput['source'], body: string, archivedAt?: string): ReleaseInput {
  return {
    releaseId: 'r1', forceId: 'kent', url: URL_, title: 'Man given Stalking Protection Order', published: '2020-03-02',
    frontMatter: { title: 'Man given Stalking Protection Order', url: URL_ }, body, contentHash: contentHash(body), documentPath: null, source,
    archived: archivedAt ? { url: `https://web.archive.org/web/${archivedAt.replace(/\D/g, '').slice(0, 14)}id_/${URL_}`, at: archivedAt } : null,
    extraction: extraction(body.includes('ten') ? 'P10Y' : 'P5Y'),
  };
}

function fresh(): Store {
  const store = openStore(join(tempDir('spo-store-archive-'), 'spo.sqlite'));
  store.ensureForce('kent', 'Kent Police');
  return store;
}

const current = (store: Store): string => store.latestRevision('r1')!.body;
const sources = (store: Store): string[] => store.revisionOrigins('r1').map((r) => r.source);

describe('archived copies in the store', () => {
  it('an archived release takes a newer capture\'s text, then the live text when seen live', () => {
    const store = fresh();
    expect(store.storeReleases([item('archive', 'Order for five years.', '2020-03-05T10:00:00Z')])[0]!.event).toBe('new');
    expect(store.release('r1')!.source).toBe('archive');
    // Known only from an archive: the live walk does not count it as known, so it fetches it.
    expect(store.releasesOfForce('kent')).toEqual([]);
    expect(store.storeReleases([item('archive', 'Order for ten years (corrected).', '2020-06-01T10:00:00Z')])[0]!.event).toBe('changed');
    expect(current(store)).toMatch(/ten years/);
    expect(store.storeReleases([item('crawl', 'Order for ten years (corrected). Live.')])[0]!.event).toBe('changed');
    expect(sources(store)).toEqual(['archive', 'archive', 'live']);
    expect(store.release('r1')!.source).toBe('crawl');
    // Once seen live, the live walk knows it (and a backfill skips it).
    expect(store.releasesOfForce('kent').map((r) => r.url)).toEqual([URL_]);
    store.close();
  });

  it('an archived copy never replaces a live text, and a live text equal to the archived one makes that revision live', () => {
    const store = fresh();
    store.storeReleases([item('crawl', 'Live text.')]);
    expect(store.storeReleases([item('archive', 'Older archived text.', '2020-03-05T10:00:00Z')])[0]!.event).toBe('unchanged');
    expect(current(store)).toBe('Live text.');
    expect(sources(store)).toEqual(['live']);

    const other = fresh();
    other.storeReleases([item('archive', 'Same text.', '2020-03-05T10:00:00Z')]);
    expect(other.storeReleases([item('crawl', 'Same text.')])[0]!.event).toBe('unchanged');
    const [rev] = other.revisionOrigins('r1');
    expect(rev!.source).toBe('live');
    expect(rev!.archived_url).toMatch(/^https:\/\/web\.archive\.org\/web\/20200305100000id_\//);
    store.close();
    other.close();
  });

  it('a withdrawn release stays withdrawn when an archived copy comes, and keeps it', () => {
    const store = fresh();
    store.storeReleases([item('archive', 'Archived text.', '2020-03-05T10:00:00Z')]);
    store.storeReleases([item('crawl', 'Live text.')]);
    expect(store.markGone(['r1'])).toBe(1);
    store.storeReleases([item('archive', 'A later capture.', '2020-09-05T10:00:00Z')]);
    expect(store.release('r1')!.status).toBe('withdrawn');
    expect(current(store)).toBe('Live text.');
    expect(store.revisionOrigins('r1').map((r) => [r.source, r.archived_at])).toEqual([['archive', '2020-03-05T10:00:00Z'], ['live', null]]);
    store.close();
  });

  it('records captures fetched, keyed by page and capture time', () => {
    const store = fresh();
    const c = { url: URL_, timestamp: '20200305100000', forceId: 'kent', original: URL_.replace('https:', 'http:'), snapshot: 'https://web.archive.org/web/20200305100000id_/x', outcome: 'not-spo' as const, releaseId: null, detail: null };
    store.transaction(() => store.recordCapture(c));
    store.transaction(() => store.recordCapture({ ...c, outcome: 'dead', detail: '404 from the archive' }));
    expect(store.fetchedCaptures('kent')).toEqual(new Set([`${URL_} 20200305100000`]));
    expect(store.captureCounts()).toEqual({ dead: 1 });
    expect(store.fetchedCaptures('wiltshire').size).toBe(0);
    store.close();
  });
});
