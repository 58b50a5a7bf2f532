// The web-archive source against the Wayback replica on 127.0.0.1: the replica's CDX API and snapshots
// behave as the real ones do, and the CDX client, candidate picking and polite fetcher read them right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArchiveReplica, surt, type ArchiveReplica } from '../src/replica/archive.ts';
import {
  ARCHIVE_USER_AGENT,
  archiveHosts,
  archiveSources,
  cdxPages,
  cdxTimestamp,
  isGenericArticleUrl,
  liveFormUrl,
  parseCdxJson,
  pickCandidates,
  PoliteClient,
  urlSuggestsSpo,
  type ArchiveStats,
  type CdxRecord,
} from '../src/archive/index.ts';
import type { FetchedPage, KnownPages } from '../src/domain/pages.ts';
import { forceSite } from '../scrapers/index.ts';

let ar: ArchiveReplica;
beforeAll(async () => {
  ar = await startArchiveReplica();
});
afterAll(async () => {
  await ar.stop();
});

const cdx = async (query: string): Promise<{ status: number; text: string; json: unknown }> => {
  const res = await fetch(`${ar.origin}/cdx/search/cdx?${query}`);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json };
};
const rowsOf = (json: unknown): string[][] => (json as string[][]).slice(1).filter((r) => r.length === 7);
const slash = (u: string): string => (u.endsWith('/') ? u : `${u}/`);

describe('replica CDX API', () => {
  it('answers JSON with a header row of field names, every value a string, sorted by urlkey then timestamp', async () => {
    const { status, json } = await cdx('url=www.kent.police.uk&matchType=host&output=json');
    expect(status).toBe(200);
    const data = json as string[][];
    expect(data[0]).toEqual(['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length']);
    const rows = data.slice(1);
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      expect(r).toHaveLength(7);
      for (const v of r) expect(typeof v).toBe('string');
      expect(r[0]!.startsWith('uk,police,kent)')).toBe(true);
      expect(r[1]).toMatch(/^\d{14}$/);
    }
    const keys = rows.map((r) => `${r[0]} ${r[1]}`);
    expect(keys).toEqual([...keys].sort());
    // The archive holds more than articles: revisits, redirects, 404s, PDFs, images, robots.txt.
    const types = new Set(rows.map((r) => `${r[3]} ${r[4]}`));
    for (const t of ['text/html 200', 'text/html 301', 'text/html 404', 'warc/revisit -', 'application/pdf 200', 'image/jpeg 200', 'text/plain 200']) expect(types).toContain(t);
  });

  it('answers [] when nothing matches, and plain text without output=json', async () => {
    expect((await cdx('url=nowhere.example.org&output=json')).text.trim()).toBe('[]');
    const text = (await cdx('url=www.wiltshire.police.uk/robots.txt')).text.trim().split('\n');
    expect(text).toHaveLength(1);
    expect(text[0]!.split(' ')).toHaveLength(7);
  });

  it('refuses bad parameters with 400', async () => {
    for (const q of ['output=json', 'url=kent.police.uk&from=2020x', 'url=kent.police.uk&to=202001011200000', 'url=kent.police.uk&matchType=everything', 'url=kent.police.uk&filter=colour:red', 'url=kent.police.uk&filter=statuscode', 'url=kent.police.uk&collapse=nothing', 'url=kent.police.uk&limit=ten', 'url=kent.police.uk&fl=urlkey,size']) {
      expect((await cdx(q)).status, q).toBe(400);
    }
  });

  it('filters (also negated, case-insensitive, whole-value), collapses and limits to a date window', async () => {
    const all = rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json')).json);
    const ok = rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json&filter=statuscode:200&filter=mimetype:text/html')).json);
    expect(ok.length).toBe(all.filter((r) => r[4] === '200' && r[3] === 'text/html').length);
    const not200 = rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json&filter=!statuscode:200')).json);
    expect(not200.length).toBe(all.filter((r) => r[4] !== '200').length);
    // Whole-value match: "text" alone matches no mimetype.
    expect(rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json&filter=mimetype:text')).json)).toHaveLength(0);
    const stalk = rowsOf((await cdx(`url=www.kent.police.uk&matchType=host&output=json&filter=${encodeURIComponent('original:(?i).*STALK.*')}`)).json);
    expect(stalk.length).toBeGreaterThan(5);
    expect(stalk.every((r) => /stalk/i.test(r[2]!))).toBe(true);
    // collapse=digest drops repeat captures of unchanged content (adjacent rows with one digest).
    const collapsed = rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json&filter=statuscode:200&filter=mimetype:text/html&collapse=digest')).json);
    expect(collapsed.length).toBeLessThan(ok.length);
    expect(new Set(collapsed.map((r) => `${r[0]} ${r[5]}`)).size).toBe(collapsed.length);
    const perUrl = rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json&collapse=urlkey')).json);
    expect(perUrl.length).toBe(new Set(all.map((r) => r[0])).size);
    // from/to: 1-14 digits, `to` padded with 9s (to=2020 takes the whole of 2020).
    const y2020 = rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json&from=2020&to=2020')).json);
    expect(y2020.length).toBe(all.filter((r) => r[1]!.startsWith('2020')).length);
    expect(y2020.length).toBeGreaterThan(0);
    const last3 = rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json&limit=-3')).json);
    expect(last3).toEqual(all.slice(-3));
  });

  it('matches by prefix (url=.../*), host and domain', async () => {
    const prefix = rowsOf((await cdx(`url=${encodeURIComponent('www.kent.police.uk/news/kent/news2/*')}&output=json`)).json);
    expect(prefix.length).toBeGreaterThan(50);
    expect(prefix.every((r) => r[0]!.startsWith('uk,police,kent)/news/kent/news2'))).toBe(true);
    const host = rowsOf((await cdx('url=kent.police.uk&matchType=host&output=json')).json);
    const domain = rowsOf((await cdx('url=police.uk&matchType=domain&output=json')).json);
    expect(domain.length).toBe(ar.captureCount());
    expect(host.length).toBeLessThan(domain.length);
  });

  it('pages with showResumeKey/resumeKey: an empty row, then the key; the pieces add up to the whole', async () => {
    const base = 'url=www.wiltshire.police.uk&matchType=host&output=json&filter=statuscode:200';
    const whole = rowsOf((await cdx(base)).json);
    const first = (await cdx(`${base}&limit=40&showResumeKey=true`)).json as string[][];
    expect(first[first.length - 2]).toEqual([]);
    expect(first[first.length - 1]).toHaveLength(1);
    const pieces: string[][] = [];
    let key: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page = parseCdxJson((await cdx(`${base}&limit=40&showResumeKey=true${key ? `&resumeKey=${key}` : ''}`)).text);
      pieces.push(...page.records.map((r) => [r.urlkey, r.timestamp, r.original, r.mimetype, r.statuscode, r.digest, r.length]));
      key = page.resumeKey;
      if (!key) break;
    }
    expect(pieces).toEqual(whole);
    expect(whole.length).toBeGreaterThan(80);
  });
});

describe('replica snapshots', () => {
  const spo = (): { url: string } => ar.spoReleases('wiltshire')[0]!;
  const capturesOf = async (url: string): Promise<string[][]> => rowsOf((await cdx(`url=${encodeURIComponent(url)}&output=json`)).json);

  it('id_ gives the page as captured: no banner, links untouched, original headers; the plain form has the banner and rewritten links', async () => {
    const rows = (await capturesOf(spo().url)).filter((r) => r[4] === '200' && r[3] === 'text/html');
    const [, ts, original] = rows[0]!;
    const raw = await fetch(`${ar.origin}/web/${ts}id_/${original}`, { redirect: 'manual' });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('x-archive-src')).toMatch(/\.warc\.gz$/);
    expect(raw.headers.get('memento-datetime')).toBeTruthy();
    const rawHtml = await raw.text();
    expect(rawHtml).not.toContain('WAYBACK TOOLBAR');
    expect(rawHtml).toContain('href="/article/news"');
    const banner = await (await fetch(`${ar.origin}/web/${ts}/${original}`)).text();
    expect(banner).toContain('BEGIN WAYBACK TOOLBAR INSERT');
    expect(banner).not.toContain('href="/article/news"');
    expect(banner).toContain(`/web/${ts}/http`);
  });

  it('redirects a timestamp without a capture to the nearest one; answers 404 for what it never captured', async () => {
    const rows = await capturesOf(spo().url);
    const near = await fetch(`${ar.origin}/web/2020id_/${rows[0]![2]}`, { redirect: 'manual' });
    expect(near.status).toBe(302);
    expect(near.headers.get('location')).toMatch(new RegExp(`/web/\\d{14}id_/`));
    const none = await fetch(`${ar.origin}/web/20200301000000id_/https://www.wiltshire.police.uk/article/1/Never-Captured-Page`, { redirect: 'manual' });
    expect(none.status).toBe(404);
    expect(await none.text()).toContain('has not archived that URL');
  });

  it('replays redirect captures as 3xx into the archive, 404 captures as 404, and other types as they were', async () => {
    const all = rowsOf((await cdx('url=police.uk&matchType=domain&output=json')).json);
    const redirect = all.find((r) => r[4] === '301')!;
    const r1 = await fetch(`${ar.origin}/web/${redirect[1]}id_/${redirect[2]}`, { redirect: 'manual' });
    expect(r1.status).toBe(301);
    expect(r1.headers.get('location')).toMatch(new RegExp(`^${ar.origin}/web/${redirect[1]}id_/https://`));
    const gone = all.find((r) => r[4] === '404')!;
    expect((await fetch(`${ar.origin}/web/${gone[1]}id_/${gone[2]}`, { redirect: 'manual' })).status).toBe(404);
    const pdf = all.find((r) => r[3] === 'application/pdf')!;
    const r3 = await fetch(`${ar.origin}/web/${pdf[1]}id_/${pdf[2]}`, { redirect: 'manual' });
    expect(r3.headers.get('content-type')).toBe('application/pdf');
  });
});

describe('CDX client', () => {
  it('reads fields by name in any order, empty replies and resume keys; refuses what is not the format', () => {
    const text = JSON.stringify([['original', 'timestamp', 'statuscode'], ['http://a.example/x', '20200101000000', '200'], [], ['key+1']]);
    expect(parseCdxJson(text)).toEqual({ records: [{ urlkey: '', timestamp: '20200101000000', original: 'http://a.example/x', mimetype: '', statuscode: '200', digest: '', length: '' }], resumeKey: 'key+1' });
    expect(parseCdxJson('[]')).toEqual({ records: [], resumeKey: null });
    expect(() => parseCdxJson('<html>error</html>', 'http://x/cdx')).toThrow(/http:\/\/x\/cdx: not JSON/);
    expect(() => parseCdxJson('[["urlkey"]]')).toThrow(/no "timestamp" field/);
  });

  it('walks every page of a host and stops; a 4xx is an error naming the URL', async () => {
    ar.clearLog();
    const http = new PoliteClient({ delayMs: 0 });
    const pages: CdxRecord[][] = [];
    for await (const p of cdxPages(http, ar.origin, { url: 'www.kent.police.uk', matchType: 'host', pageSize: 25 })) pages.push(p);
    const whole = rowsOf((await cdx('url=www.kent.police.uk&matchType=host&output=json')).json);
    expect(pages.flat().length).toBe(whole.length);
    expect(pages.length).toBe(Math.ceil(whole.length / 25));
    const bad = async (): Promise<void> => {
      for await (const _ of cdxPages(http, ar.origin, { url: 'www.kent.police.uk', from: 'yesterday' })) void _;
    };
    await expect(bad()).rejects.toThrow(/cdx\/search\/cdx\?url=www.kent.police.uk.*: CDX answered 400/);
  });
});

describe('polite client', () => {
  it('sends one request at a time with the pause between, and a User-Agent naming the tool and a contact URL', async () => {
    ar.clearLog();
    const http = new PoliteClient({ delayMs: 120 });
    await Promise.all([1, 2, 3, 4].map(() => http.get(`${ar.origin}/cdx/search/cdx?url=nowhere.example&output=json`)));
    expect(ar.requests).toHaveLength(4);
    for (let i = 1; i < 4; i++) expect(ar.requests[i]!.at - ar.requests[i - 1]!.at).toBeGreaterThanOrEqual(115);
    expect(ar.requests[0]!.userAgent).toBe(ARCHIVE_USER_AGENT);
    expect(ARCHIVE_USER_AGENT).toMatch(/^spo-tracker\/[\d.]+ \(.*\+https:\/\/\S+\)$/);
  });

  it('waits as long as Retry-After says after a 429, and backs off after 5xx, then gets the page', async () => {
    ar.clearLog();
    ar.setFault({ kind: '429', retryAfter: 1, times: 2 });
    const http = new PoliteClient({ delayMs: 10 });
    const res = await http.get(`${ar.origin}/cdx/search/cdx?url=nowhere.example&output=json`);
    expect(res.status).toBe(200);
    expect(ar.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(ar.requests[1]!.at - ar.requests[0]!.at).toBeGreaterThanOrEqual(990);
    expect(ar.requests[2]!.at - ar.requests[1]!.at).toBeGreaterThanOrEqual(990);
    expect(http.throttled).toBe(2);

    ar.clearLog();
    ar.setFault({ kind: '500', times: 2 });
    const res2 = await new PoliteClient({ delayMs: 0, retryBaseMs: 200 }).get(`${ar.origin}/cdx/search/cdx?url=nowhere.example&output=json`);
    expect(res2.status).toBe(200);
    expect(ar.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    // Exponential: the second wait is about twice the first (jitter is +-20%).
    expect(ar.requests[1]!.at - ar.requests[0]!.at).toBeGreaterThanOrEqual(155);
    expect(ar.requests[2]!.at - ar.requests[1]!.at).toBeGreaterThanOrEqual(315);

    ar.setFault({ kind: '503', times: 10, retryAfter: 3600 });
    await expect(new PoliteClient({ delayMs: 0 }).get(`${ar.origin}/cdx/search/cdx?url=nowhere.example&output=json`)).rejects.toThrow(/503 with Retry-After 3600 s, over the/);
    ar.setFault(null);
  });
});

describe('candidates', () => {
  it('tells article URLs and URLs that say stalking or SPO', () => {
    expect(isGenericArticleUrl('https://www.wiltshire.police.uk/article/4561/Jail-and-Stalking-Protection-Order-for-Lee-Jackson')).toBe(true);
    expect(isGenericArticleUrl('https://www.kent.police.uk/news/kent/news2/policing-news/')).toBe(false);
    expect(isGenericArticleUrl('https://www.kent.police.uk/SysSiteAssets/media/downloads/kent/stalking-protection-orders-guidance.pdf')).toBe(false);
    expect(isGenericArticleUrl('https://www.kent.police.uk/news/news-search/?q=stalking-protection-order')).toBe(false);
    expect(urlSuggestsSpo('https://x.police.uk/news/2021/interim-stalking-order-granted/')).toBe(true);
    expect(urlSuggestsSpo('https://x.police.uk/news/2021/first-spo-granted/')).toBe(true);
    expect(urlSuggestsSpo('https://x.police.uk/news/2021/transport-police-respond/')).toBe(false);
  });

  it('identifies a page however the archive spells its URL (scheme, :80, www, trailing slash)', () => {
    const live = ['https://www.kent.police.uk'];
    const want = 'https://www.kent.police.uk/news/kent/news2/policing-news/2002/a-b-c/';
    for (const v of ['http://www.kent.police.uk/news/kent/news2/policing-news/2002/a-b-c/', 'http://www.kent.police.uk:80/news/kent/news2/policing-news/2002/a-b-c/', 'https://kent.police.uk/news/kent/news2/policing-news/2002/a-b-c', want]) {
      expect(liveFormUrl(v, live)).toBe(want);
    }
    expect(liveFormUrl('http://127.0.0.1:4567/news/x-y-z/', ['https://www.kent.police.uk', 'http://127.0.0.1:4567'])).toBe('http://127.0.0.1:4567/news/x-y-z/');
    expect(surt('http://www.Kent.police.uk:80/News/A/?b=2&a=1')).toBe('uk,police,kent)/news/a?a=1&b=2');
  });

  it('reads dates as CDX bounds and refuses what is not a date', () => {
    expect(cdxTimestamp('2020-01-20')).toBe('20200120000000');
    expect(cdxTimestamp('2021-02', true)).toBe('20210228235959');
    expect(cdxTimestamp('2020', true)).toBe('20201231235959');
    expect(() => cdxTimestamp('2021-02-30')).toThrow(/not a date/);
    expect(() => cdxTimestamp('last week')).toThrow(/"last week" is not a date/);
  });

  it('picks one capture per page, the newest 200 HTML one in the window', () => {
    const site = forceSite('kent')!;
    const u = 'https://www.kent.police.uk/news/kent/news2/policing-news/2003/man-given-stalking-protection-order/';
    const rec = (timestamp: string, original: string, statuscode = '200', mimetype = 'text/html'): CdxRecord => ({ urlkey: surt(original), timestamp, original, mimetype, statuscode, digest: timestamp, length: '1' });
    const records = [rec('20200301000000', u), rec('20200601000000', u.replace('https:', 'http:').replace(/\/$/, '')), rec('20210901000000', u, '301'), rec('20210902000000', u, '200', 'warc/revisit'), rec('20200401000000', 'http://www.kent.police.uk/news/kent/news2/policing-news/2003/road-safety-week-of-action/')];
    expect(pickCandidates(records, site, [site.origin])).toEqual([{ forceId: 'kent', url: u, original: u.replace('https:', 'http:').replace(/\/$/, ''), timestamp: '20200601000000' }]);
    expect(pickCandidates(records, site, [site.origin], { to: '20200501000000' })[0]!.timestamp).toBe('20200301000000');
    expect(pickCandidates(records, site, [site.origin], { all: true })).toHaveLength(2);
  });

  it('queries a force\'s current and former hosts, once each', () => {
    expect(archiveHosts(forceSite('bedfordshire')!)).toEqual(['www.beds.police.uk', 'www.bedfordshire.police.uk']);
    expect(archiveHosts(forceSite('kent')!, 'http://127.0.0.1:4567')).toEqual(['www.kent.police.uk', '127.0.0.1:4567']);
  });
});

describe('archive source on the replica', () => {
  const nothingKnown: KnownPages = { lastSuccess: null, get: () => undefined, entries: () => [], retries: () => [], refusal: () => null };
  const run = async (all: boolean, fetched = new Set<string>(), known = nothingKnown): Promise<{ pages: FetchedPage[]; snapshots: number; stats: ArchiveStats[] }> => {
    ar.clearLog();
    const pages: FetchedPage[] = [];
    const sources = archiveSources(['kent', 'wiltshire'], { archive: ar.origin, all, cdxPageSize: 40, captureFetched: (c) => fetched.has(`${c.url} ${c.timestamp}`) }, new PoliteClient({ delayMs: 0 }));
    for (const s of sources) {
      const r = await s.run(known, (p) => {
        pages.push(p);
        return { kind: 'accepted' };
      });
      if (!r.ok || r.errors.length) throw new Error(JSON.stringify(r));
    }
    return { pages, snapshots: ar.requests.filter((r) => r.kind === 'snapshot').length, stats: sources.map((s) => s.stats) };
  };

  it('finds every archived SPO release whose URL says so, fetching each page once and raw', async () => {
    const truth = ar.spoReleases();
    expect(truth.length).toBeGreaterThanOrEqual(14);
    const { pages, snapshots } = await run(false);
    const urls = pages.map((p) => p.url);
    for (const t of truth) expect(urls).toContain(slash(t.url));
    expect(new Set(urls).size).toBe(urls.length);
    expect(snapshots).toBe(pages.length);
    expect(ar.requests.some((r) => r.kind === 'banner')).toBe(false);
    for (const p of pages) {
      expect(p.via).toBe('archive');
      expect(p.finalUrl).toMatch(new RegExp(`^${ar.origin}/web/\\d{14}id_/`));
      expect(p.archivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(p.capture?.timestamp).toMatch(/^\d{14}$/);
      expect(p.status).toBe(200);
      expect(p.html).toContain('<h1');
    }
    // Captures already fetched are not asked for again.
    const again = await run(false, new Set(pages.map((p) => `${p.url} ${p.capture!.timestamp}`)));
    expect(again.pages).toHaveLength(0);
    expect(again.snapshots).toBe(0);
    expect(again.stats.reduce((n, s) => n + s.fetchedBefore, 0)).toBe(pages.length);
    // Nor are pages the live walk knows: the live text is the release.
    const liveKnown: KnownPages = { lastSuccess: null, get: (u) => (u === pages[0]!.url ? { firstSeen: '2026-01-01T00:00:00Z', isSpo: true, published: null } : undefined), entries: () => [], retries: () => [], refusal: () => null };
    const skipped = await run(false, new Set(), liveKnown);
    expect(skipped.pages.map((p) => p.url)).not.toContain(pages[0]!.url);
    expect(skipped.stats.reduce((n, s) => n + s.knownLive, 0)).toBe(1);
  });

  it('with all, also finds SPO releases whose URL says nothing of stalking', async () => {
    const hidden = ar.releases().filter((r) => r.kind === 'spo' && r.archived && !r.urlSaysSo);
    expect(hidden.length).toBeGreaterThan(0);
    const { pages } = await run(true);
    const urls = new Set(pages.map((p) => p.url));
    for (const t of [...hidden, ...ar.spoReleases()]) expect(urls).toContain(slash(t.url));
  });
});
