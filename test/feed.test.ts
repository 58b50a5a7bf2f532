// The Atom feed (issue 17 "The feed", issue 18 item 3), parsed back by a strict XML 1.0 parser (saxes)
// and an Atom parser (feedparser, strict mode). Each test reproduces a bug seen in the old feed: scraped
// markup run as HTML and control characters breaking the XML; no author, self link or published date;
// one `updated` shared by most entries; placeholder ids; machine-talk titles; only the last run's
// entries; an entry titled with another release's headline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import FeedParser from 'feedparser';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { buildFeed, entryTitle, feedEntries, feedSite, writeFeeds, xmlText, type FeedSite } from '../src/report/feed.ts';
import { runNightly, type CrawlFn } from '../src/nightly/index.ts';
import type { ForceRunSummary as ForceCrawlResult } from '../src/domain/run.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { put, tempDir, type TestRelease } from './diff.helpers.ts';
import { spo } from './helpers/cli.ts';

const ESC = '\u001b';
const BEL = '\u0007';

const RHYL: TestRelease = {
  url: 'https://www.northwales.police.uk/news/north-wales/news/2024/rhyl-spo/',
  force: 'north-wales',
  published: '2024-03-05T14:20',
  title: 'Rhyl man handed Stalking Protection Order',
  orders: [{ age: 34, sex: 'male', town: 'Rhyl', kind: 'full', duration: 'P5Y', prohibitions: ['attend_address', 'contact'] }],
};
// Scraped title with markup, a literal "<", ESC and BEL, and a town with markup: what issue 18 saw.
const HOSTILE: TestRelease = {
  url: 'https://www.kent.police.uk/news/kent/news/2024/hostile/',
  force: 'kent',
  published: '2024-03-06',
  title: `<img src=x onerror=alert(1)> Order ${ESC}[2Jmade${BEL} as 3 < 4 ]]> done`,
  orders: [{ age: 50, sex: 'female', town: `<b>Dover</b>${ESC}]0;pwned${BEL}`, prohibitions: ['contact'] }],
};
const SPECIFIC: TestRelease = {
  url: 'https://www.kent.police.uk/news/kent/news/2024/margate-spo/',
  force: 'kent',
  published: '2024-02-01T10:00',
  title: 'Margate man given stalking order',
  orders: [{ age: 41, sex: 'male', town: 'Margate', court: "Margate Magistrates' Court", made_on: '2024-01-30', kind: 'interim', prohibitions: ['contact'] }],
};
// A later round-up reporting the same order beside another one: its headline is not the Margate order's.
const ROUNDUP: TestRelease = {
  url: 'https://www.kent.police.uk/news/kent/news/2024/roundup/',
  force: 'kent',
  published: '2024-04-10T09:00',
  title: 'Folkestone woman and others: orders round-up',
  orders: [
    { age: 41, sex: 'male', town: 'Margate', court: "Margate Magistrates' Court", made_on: '2024-01-30', kind: 'interim', prohibitions: ['contact'] },
    { age: 29, sex: 'female', town: 'Folkestone', kind: 'full', duration: 'P2Y', prohibitions: ['surveillance'] },
  ],
};

/** Well-formed XML 1.0 or an exception (saxes checks characters, entities and nesting strictly). */
function strictXml(xml: string): void {
  const p = new SaxesParser({ xmlns: true });
  p.on('error', (e) => {
    throw e;
  });
  p.write(xml).close();
}

/** The text of every element with this local name, as a strict parser reads it (markup in text stays text). */
function elementTexts(xml: string, name: string): string[] {
  const p = new SaxesParser({ xmlns: true });
  const out: string[] = [];
  let depth = 0;
  let buf = '';
  p.on('opentag', (t) => {
    if (t.local === name) {
      depth++;
      buf = '';
    } else if (depth) throw new Error(`element <${t.name}> inside <${name}>`);
  });
  p.on('text', (t) => {
    if (depth) buf += t;
  });
  p.on('closetag', (t) => {
    if (t.local === name) {
      depth--;
      out.push(buf);
    }
  });
  p.write(xml).close();
  return out;
}

interface ParsedFeed {
  meta: FeedParser.Meta & { 'atom:link'?: unknown };
  items: FeedParser.Item[];
}

/** The feed as an Atom reader sees it (feedparser, strict). */
function atom(xml: string): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ strict: true, normalize: true, addmeta: false });
    const items: FeedParser.Item[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      let item: FeedParser.Item | null;
      while ((item = parser.read())) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

function site(dir: string, baseUrl: string | null = null): FeedSite {
  return feedSite(dir, baseUrl);
}

function storeWith(releases: TestRelease[]): { store: Store; dir: string } {
  const dir = tempDir('spo-feed-');
  const store = openStore(join(dir, 'spo.sqlite'));
  put(store, releases);
  return { store, dir };
}

const NOW = new Date();

describe('the Atom feed', () => {
  it('writes scraped text as text: markup stays literal, control characters removed, the XML parses strictly (issue 18.3)', async () => {
    const { store, dir } = storeWith([HOSTILE, RHYL]);
    const xml = buildFeed(feedEntries(store, site(dir), { now: NOW }), site(dir), { path: 'feed.xml', title: 'T', subtitle: 'S' });
    store.close();
    expect(() => strictXml(xml)).not.toThrow();
    expect(xml).not.toMatch(/type="html"|CDATA/);
    expect([...xml].filter((c) => c < ' ' && !'\t\n\r'.includes(c))).toEqual([]);
    const feed = await atom(xml);
    const kent = feed.items.find((i) => i.link === HOSTILE.url)!;
    // The reader gets the characters, not an <img> or <b> element.
    expect(elementTexts(xml, 'title')).toContain('Kent Police: an order against a 50-year-old woman from <b>Dover</b>]0;pwned: no contact');
    expect(kent.title).toMatch(/^Kent Police: an order against a 50-year-old woman from/);
    expect(kent.summary).toContain('“<img src=x onerror=alert(1)> Order [2Jmade as 3 < 4 ]]> done”');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(xmlText(`a${ESC}b${BEL}c\uFFFE\uD800d`)).toBe('abcd');
  });

  it('is RFC 4287 complete: author, self and alternate links, published, distinct updated, stable per-install ids', async () => {
    const { store, dir } = storeWith([SPECIFIC, RHYL, HOSTILE]);
    const base = 'https://data.example.org/spo/';
    const xml = buildFeed(feedEntries(store, site(dir, base), { now: NOW }), site(dir, base), { path: 'feed.xml', title: 'T', subtitle: 'S' });
    strictXml(xml);
    const feed = await atom(xml);
    const raw = (xml.match(/<feed[\s\S]*?<entry>/) ?? [''])[0];
    expect(raw).toMatch(/<author>\s*<name>spo-tracker<\/name>/);
    expect(raw).toContain(`<link rel="self" type="application/atom+xml" href="${base}feed.xml"/>`);
    expect(raw).toContain(`<link rel="alternate" type="text/html" href="${base}report.html"/>`);
    expect(raw).toContain(`<id>${base}feed.xml</id>`);
    expect(feed.items).toHaveLength(3);
    for (const i of feed.items) {
      expect(i.guid).toMatch(new RegExp(`^${base}orders/[0-9a-f]{12}$`));
      expect(i.pubdate).toBeInstanceOf(Date);
      expect(i.date).toBeInstanceOf(Date);
      expect(i.author).toMatch(/Police$/);
    }
    // Each entry carries its own dates, from the releases, not the run's clock.
    expect(new Set(feed.items.map((i) => i.date!.toISOString())).size).toBe(3);
    const rhyl = feed.items.find((i) => i.link === RHYL.url)!;
    expect(rhyl.pubdate!.toISOString()).toBe('2024-03-05T14:20:00.000Z'); // GMT in March
    // Newest first.
    const dates = feed.items.map((i) => i.date!.getTime());
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);

    // Ids are the same on every build of one install, and differ between installs without a base URL.
    const again = feedEntries(store, site(dir, base), { now: NOW }).map((e) => e.id);
    expect(again.sort()).toEqual(feed.items.map((i) => i.guid).sort());
    const other = tempDir('spo-feed-other-');
    const a = feedEntries(store, site(dir), { now: NOW }).map((e) => e.id);
    const b = feedEntries(store, site(other), { now: NOW }).map((e) => e.id);
    expect(a[0]).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feedEntries(store, site(dir), { now: NOW }).map((e) => e.id)).toEqual(a);
    expect(a.some((id) => b.includes(id))).toBe(false);
    store.close();
  });

  it('summer times keep their offset: a UK wall-clock time in July is an hour ahead of UTC', () => {
    const { store, dir } = storeWith([{ ...RHYL, published: '2024-07-05T14:20' }]);
    const [e] = feedEntries(store, site(dir), { now: NOW });
    store.close();
    expect(e!.published.toISOString()).toBe('2024-07-05T13:20:00.000Z');
  });

  it('titles are written for people, the force is a category, and each force has its own feed', async () => {
    const { store, dir } = storeWith([RHYL, SPECIFIC]);
    const r = writeFeeds(store, site(dir), { now: NOW });
    store.close();
    expect(r.forces.map((f) => [f.force_id, f.entries])).toEqual([
      ['kent', 1],
      ['north-wales', 1],
    ]);
    const all = await atom(readFileSync(r.path, 'utf8'));
    const rhyl = all.items.find((i) => i.link === RHYL.url)!;
    expect(rhyl.title).toBe('North Wales Police: a 5-year order against a 34-year-old man from Rhyl: must not go to the victim’s address, no contact');
    expect(rhyl.categories).toEqual(['north-wales']);
    expect(all.items.find((i) => i.link === SPECIFIC.url)!.title).toBe('Kent Police: an interim order against a 41-year-old man from Margate: no contact');
    expect(all.items.find((i) => i.link === SPECIFIC.url)!.summary).toBe(
      'An interim Stalking Protection Order made at Margate Magistrates\' Court on 30 January 2024. Prohibitions: no contact. Source: “Margate man given stalking order”, Kent Police, 1 February 2024.',
    );
    const wales = readFileSync(join(dir, 'feeds', 'north-wales.xml'), 'utf8');
    strictXml(wales);
    const w = await atom(wales);
    expect(w.items.map((i) => i.link)).toEqual([RHYL.url]);
    expect(w.meta.title).toBe('Stalking Protection Orders: North Wales Police');
  });

  it('an entry belongs to the release its order came from, not to a later round-up that reports it too', async () => {
    const { store, dir } = storeWith([SPECIFIC, ROUNDUP]);
    const entries = feedEntries(store, site(dir), { now: NOW });
    store.close();
    const margate = entries.find((e) => e.title.includes('Margate'))!;
    expect(margate.link).toBe(SPECIFIC.url);
    expect(margate.summary).toContain(SPECIFIC.title);
    expect(margate.summary).not.toContain(ROUNDUP.title);
    expect(margate.published.toISOString()).toBe('2024-02-01T10:00:00.000Z');
    expect(margate.updated.toISOString()).toBe('2024-04-10T08:00:00.000Z'); // BST: the round-up reported it again
    const folkestone = entries.find((e) => e.title.includes('Folkestone'))!;
    expect(folkestone.link).toBe(ROUNDUP.url);
    expect(entryTitle).toBeTypeOf('function');
  });

  it('rolls: a quiet night keeps earlier orders, the window and the entry cap are honoured', async () => {
    const dir = tempDir('spo-feed-nightly-');
    const db = join(dir, 'spo.sqlite');
    const plan: TestRelease[][] = [[SPECIFIC], [RHYL], []];
    let run = 0;
    const crawl: CrawlFn = async (store, opts) => {
      const releases = plan[run++]!;
      put(store, releases, opts.runId ?? null);
      store.ensureForce('kent', 'Kent Police');
      const r: ForceCrawlResult = { forceId: 'kent', ok: true, requests: 1, new: releases.length, changed: 0, unchanged: 0, gone: 0, seen: 0, errors: [], durationMs: 1, newestPublished: null, releaseIds: [] };
      return { forces: [r] };
    };
    for (let i = 0; i < 3; i++) await runNightly({ db, dataDir: dir }, { crawl });
    const feed = await atom(readFileSync(join(dir, 'feed.xml'), 'utf8'));
    // The old feed held only the last run's changes: after the quiet third run, neither order.
    expect(feed.items.map((i) => i.link)).toEqual([RHYL.url, SPECIFIC.url]);

    const store = openStore(db);
    const s = site(dir);
    expect(feedEntries(store, s, { window: { entries: 1, days: null }, now: NOW }).map((e) => e.link)).toEqual([RHYL.url]);
    const later = new Date(NOW.getTime() + 40 * 86_400_000);
    expect(feedEntries(store, s, { window: { entries: null, days: 30 }, now: later })).toEqual([]);
    expect(feedEntries(store, s, { window: { entries: null, days: 60 }, now: later })).toHaveLength(2);
    store.close();

    // `spo feed` writes the same from the command line; a bad base URL is refused by name.
    const cli = spo(['feed', '--db', db, '--data-dir', dir, '--base-url', 'https://example.org/spo']);
    expect(cli.status).toBe(0);
    expect(readFileSync(join(dir, 'feed.xml'), 'utf8')).toContain('<id>https://example.org/spo/orders/');
    const bad = spo(['feed', '--db', db, '--data-dir', dir, '--base-url', 'example.org']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--base-url .*"example.org"/);
  });
});
