import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FORCE_IDS, buildSites, SOH_ROBOTS, startReplica, type Replica } from '../src/replica/index.ts';
import { sohSlugify } from '../src/replica/util.ts';

const UA = 'spo-tracker-test/0.1 (+https://example.org/spo-tracker)';
let rep: Replica;

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { ...init, headers: { 'user-agent': UA, ...(init.headers ?? {}) } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}
const page = async (url: string): Promise<cheerio.CheerioAPI> => cheerio.load((await get(url)).text);
const PUBLISHED = /Published: (\d{2}):(\d{2}) (\d{2})\/(\d{2})\/(\d{4})/;

beforeAll(async () => {
  rep = await startReplica({ ordinaryPerForce: 80 });
});
afterAll(async () => {
  await rep.stop();
});

describe('generation', () => {
  it('is deterministic', () => {
    const a = buildSites({ ordinaryPerForce: 300 });
    expect(a.size).toBe(7);
    const b = buildSites({ ordinaryPerForce: 300 });
    for (const [id, site] of a) {
      expect(site.releases.length).toBeGreaterThanOrEqual(300);
      expect(site.releases.map((r) => `${r.path} ${r.local} ${r.body.length}`)).toEqual(b.get(id)!.releases.map((r) => `${r.path} ${r.local} ${r.body.length}`));
    }
    const c = buildSites({ ordinaryPerForce: 300, seed: 7 });
    expect(c.get('kent')!.releases.map((r) => r.path)).not.toEqual(a.get('kent')!.releases.map((r) => r.path));
  });

  it('makes SOH slugs with hyphen runs and dots', () => {
    expect(sohSlugify('Rise in vehicle crime in Folkestone – advice')).toBe('rise-in-vehicle-crime-in-folkestone---advice');
    expect(sohSlugify('£7.5m lost to fraud')).toBe('7.5m-lost-to-fraud');
  });

  it('has a handful of SPO releases per force, real corpus texts included, some deep in the history', async () => {
    const spo = rep.spoReleases();
    for (const id of Object.keys(rep.origins)) {
      const n = rep.spoReleases(id).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(8);
    }
    expect(spo.filter((s) => s.source).map((s) => s.source)).toEqual(expect.arrayContaining(['seeds/000_a29348eabcdd0f55.txt', 'dev/h106.md', 'dev/h017.md']));
    // newest first per force, and the real 2020 Kent text is far down the listing
    const kent = rep.allReleases('kent');
    const idx = kent.findIndex((r) => r.source === 'seeds/000_a29348eabcdd0f55.txt');
    expect(idx).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < kent.length; i++) expect(kent[i - 1]!.published >= kent[i]!.published).toBe(true);
    expect(rep.allReleases().filter((r) => r.kind === 'near-miss').length).toBeGreaterThanOrEqual(7);
  });
});

describe('SOH', () => {
  it('serves the GMP robots.txt byte for byte', async () => {
    const r = await get(rep.origins['greater-manchester'] + '/robots.txt');
    expect(r.status).toBe(200);
    expect(r.text).toBe(SOH_ROBOTS);
    expect(r.text).toContain('user-agent: *\r\nDisallow: /*/mediacentre\r\n');
    expect(r.text).toContain('Disallow: /*/GetPaginatedResults/?\r\nDisallow: /*.aspx$\r\n');
    expect(r.text).toContain('Sitemap: /sitemap.xml\r\n');
  });

  it('pages the listing with h3 > a titles, summaries and Published dates', async () => {
    const $ = await page(rep.listings.kent!);
    expect(rep.listings.kent).toMatch(/\/news\/kent\/latest\/$/);
    const titles = $('h3 > a');
    expect(titles.length).toBe(10);
    const first = titles.first();
    expect(first.attr('href')).toMatch(/^\/news\/kent\/news\/news\/\d{4}\/[a-z]+\/[a-z0-9.-]+\/$/);
    const item = first.closest('li');
    expect(item.find('img').parent('a').attr('href')).toBe(first.attr('href'));
    expect(item.find('p').first().text().length).toBeGreaterThan(20);
    expect(item.text()).toMatch(PUBLISHED);
    const next = $('a').filter((_, a) => $(a).text().trim() === 'Next');
    expect(next.attr('href')).toBe('/news/kent/latest/?page=2');
    // walking every page finds every live release exactly once
    const seen: string[] = [];
    for (let n = 1; ; n++) {
      const $p = await page(`${rep.listings.kent}?page=${n}`);
      const hrefs = $p('h3 > a').map((_, a) => $p(a).attr('href')!).get();
      if (!hrefs.length) break;
      seen.push(...hrefs);
    }
    expect(seen.map((h) => rep.origins.kent + h)).toEqual(rep.allReleases('kent').map((r) => r.url));
  });

  it('shapes article URLs per force as the notes record', () => {
    const paths = (id: string): string[] => rep.allReleases(id).map((r) => new URL(r.url).pathname);
    expect(paths('greater-manchester').every((p) => /^\/news\/greater-manchester\/news\/news\/20\d\d\/[a-z]+\/[^/]+\/$/.test(p))).toBe(true);
    expect(paths('merseyside').filter((p) => p.includes('/2026/')).every((p) => /\/news\/merseyside\/news\/2026\/[a-z]+-2026\/[^/]+\/$/.test(p))).toBe(true);
    expect(paths('merseyside').some((p) => /\/news\/merseyside\/news\/2024\/[a-z]+\/[^/]+\/$/.test(p))).toBe(true);
    expect(paths('cheshire').every((p) => /^\/news\/cheshire\/news\/articles\/20\d\d\/\d{1,2}\/[^/]+\/$/.test(p))).toBe(true);
    expect(paths('btp').every((p) => /^\/news\/btp\/news\/(england|wales|scotland)\/[^/]+\/$/.test(p))).toBe(true);
    expect(paths('metropolitan').every((p) => /^\/news\/[a-z0-9-]+-\d{6}$/.test(p))).toBe(true);
    expect(paths('lancashire').every((p) => /^\/news\/20\d\d\/[a-z]+\/[^/]+\/$/.test(p))).toBe(true);
  });

  it('serves articles with h1, meta description, og tags, Published, lists, furniture and a per-request token', async () => {
    const truth = rep.spoReleases('kent').find((r) => r.source === 'seeds/000_a29348eabcdd0f55.txt')!;
    const a = await get(truth.url);
    const b = await get(truth.url);
    expect(a.status).toBe(200);
    expect(a.text).not.toBe(b.text); // cache-busting token: never hash raw HTML
    const $ = cheerio.load(a.text);
    expect($('h1').text()).toBe('Man served with Kent’s first full Stalking Protection Order');
    expect($('meta[name="description"]').attr('content')).toContain('Maidstone Magistrates');
    expect($('meta[property="og:title"]').attr('content')).toBe($('h1').text());
    expect($('meta[property="og:url"]').attr('content')).toBe(truth.url);
    expect($('meta[property="og:image"]').attr('content')).toContain('/SysSiteAssets/');
    expect($('body').text()).toContain('Published: 12:31 27/02/2020');
    expect(truth.published).toBe('2020-02-27T12:31');
    expect($('ul li').filter((_, li) => $(li).text().includes('make a note of anything you were sent')).length).toBe(1);
    expect($('script').length).toBeGreaterThan(0);
    expect($('noscript').length).toBe(1);
    for (const s of ['We use some essential cookies', 'Quickly exit this site by pressing the Escape key', 'Leave this site', 'Share this page', 'Is there a problem with this page?'])
      expect($('body').text()).toContain(s);
    expect(a.headers.get('last-modified')).toBeTruthy();
  });

  it('serves RSS, news search, the disallowed load-more endpoint, the sitemap and the media centre', async () => {
    const rss = await get(rep.origins['greater-manchester'] + '/news/greater-manchester/news/GetNewsRss/');
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    const $r = cheerio.load(rss.text, { xml: true });
    expect($r('item').length).toBe(20);
    expect($r('item pubDate').first().text()).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect($r('item link').first().text()).toBe(rep.allReleases('greater-manchester')[0]!.url);

    const $s = await page(rep.origins.kent + '/news/news-search/?ct=News&fdte=&page=2&tdte=');
    expect($s('h3 > a').length).toBe(10);
    expect($s('h3 > a').first().attr('href')).toBe(new URL(rep.allReleases('kent')[10]!.url).pathname);
    expect($s('a.js-load-more').attr('href')).toContain('/news/news-search/GetPaginatedResults/?');
    const q = await page(rep.origins.kent + '/news/news-search/?q=Stalking+Protection+Order&ct=News');
    expect(q('h3 > a').length).toBeGreaterThan(0);
    expect((await get(rep.origins.kent + '/news/news-search/GetPaginatedResults/?page=2')).status).toBe(200);

    const sm = await get(rep.origins.kent + '/sitemap.xml');
    const $m = cheerio.load(sm.text, { xml: true });
    expect($m('url loc').map((_, l) => $m(l).text()).get()).toEqual(expect.arrayContaining(rep.spoReleases('kent').map((r) => r.url)));
    expect((await get(rep.origins.kent + '/news/kent/mediacentre/')).status).toBe(200);
    expect((await get(rep.origins.kent + '/news/kent/news/news/2099/may/nothing-here/')).status).toBe(404);
  });

  it('logs every request with time, status and user agent', async () => {
    rep.clearLog();
    await get(rep.origins.cheshire + '/robots.txt');
    await get(rep.origins.cheshire + '/nope/');
    const log = rep.requests.filter((r) => r.forceId === 'cheshire');
    expect(log.map((r) => [r.method, r.path, r.status, r.userAgent])).toEqual([
      ['GET', '/robots.txt', 200, UA],
      ['GET', '/nope/', 404, UA],
    ]);
    expect(log[0]!.url).toBe(rep.origins.cheshire + '/robots.txt');
    expect(log[1]!.at).toBeGreaterThanOrEqual(log[0]!.at);
  });
});

describe('all forces', () => {
  it('serves every corpus text under its own force, reachable from the listing', async () => {
    const all = await startReplica({ forces: ALL_FORCE_IDS, ordinaryPerForce: 25, writtenSpoPerForce: 2 });
    try {
      expect(Object.keys(all.origins).sort()).toEqual([...ALL_FORCE_IDS].sort());
      const sources = all.spoReleases().filter((r) => r.source);
      expect(sources.length).toBe(9);
      for (const r of sources) expect(r.url.startsWith(all.origins[r.forceId]!)).toBe(true);
      expect(sources.find((r) => r.forceId === 'northamptonshire')!.url).toMatch(/\/news\/northants\/news\/news\/2020\/may-20\/countys-first-ever-stalking-ban-issued-today\/$/);
      expect(sources.find((r) => r.forceId === 'sussex')!.url).toMatch(/\/news\/sussex\/news\/force-news\/sussex-police-leading-the-way-on-stalking-protection-orders\/$/);
      // Welsh forces: /cy-GB/ serves the same article with the same canonical URL
      const nw = all.spoReleases('north-wales')[0]!;
      const $cy = cheerio.load((await get(all.origins['north-wales'] + '/cy-GB' + new URL(nw.url).pathname)).text);
      expect($cy('html').attr('lang')).toBe('cy-GB');
      expect($cy('meta[property="og:url"]').attr('content')).toBe(nw.url);
      // every SPO release is linked from some listing page
      for (const id of ['northamptonshire', 'sussex']) {
        const found = new Set<string>();
        for (let n = 1; n < 20; n++) {
          const $ = cheerio.load((await get(`${all.listings[id]}?page=${n}`)).text);
          const hrefs = $('h3 > a').map((_, a) => all.origins[id]! + $(a).attr('href')!).get();
          if (!hrefs.length) break;
          for (const h of hrefs) found.add(h);
        }
        for (const r of all.spoReleases(id)) expect(found.has(r.url)).toBe(true);
      }
    } finally {
      await all.stop();
    }
  });
});

describe('Met Mynewsdesk', () => {
  it('serves /latest_news, articles and the RSS in the newsroom markup', async () => {
    const $ = await page(rep.origins.metropolitan + '/latest_news');
    const cards = $('.grid.js-material-grid a');
    expect(cards.length).toBe(20);
    expect(cards.first().find('time').attr('datetime')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(cards.first().find('.panel__heading').text().length).toBeGreaterThan(5);
    expect($('a[rel="next"]').attr('href')).toBe('/latest_news?page=2');
    const spo = rep.spoReleases('metropolitan')[0]!;
    const $a = await page(spo.url);
    expect($a('h1.panel__title').text()).toBe(spo.title);
    expect($a('.entry-content p').length).toBeGreaterThan(1);
    expect($a('.type__date time[datetime]').length).toBe(1);
    expect($a('meta[property="og:url"]').attr('content')).toBe(spo.url);
    const rss = cheerio.load((await get(rep.origins.metropolitan + '/rss/current_news/66871')).text, { xml: true });
    expect(rss('item').length).toBe(20);
    expect(rss('item guid').first().text()).toMatch(/\/news\/[a-z0-9-]+-\d{6}$/);
  });
});

describe('Lancashire', () => {
  it('serves Our Latest News cards, archives and articles', async () => {
    const $ = await page(rep.origins.lancashire + '/news/');
    expect($('h1').text()).toBe('Our Latest News');
    const cards = $('.news-card');
    expect(cards.length).toBe(12);
    expect(cards.first().find('img').attr('alt')).toBe('News Image');
    expect(cards.first().text()).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}/);
    expect($('a').filter((_, a) => $(a).text() === 'Next').attr('href')).toBe('/news/?page=2');
    const $m = await page(rep.origins.lancashire + '/news/2023/june/');
    expect($m('.news-card').length).toBeGreaterThan(0);
    const $old = await page(rep.origins.lancashire + '/news/2021/');
    expect($old('.news-card__date').first().text()).toMatch(/^[A-Z][a-z]+ \d{2}, 2021$/);
    const spo = rep.spoReleases('lancashire')[0]!;
    const $a = await page(spo.url);
    expect($a('h1').text()).toBe(spo.title);
    expect($a('meta[name="description"]').attr('content')!.length).toBeGreaterThan(20);
  });
});

describe('ground truth', () => {
  it('every SPO release names an SPO and no near-miss does', async () => {
    for (const r of rep.spoReleases()) {
      const $ = await page(r.url);
      expect($('h1').text()).toBe(r.title);
      expect($('body').text()).toMatch(/Stalking (Protection|Prevention) Order|stalking protection order|SPO/);
    }
    for (const r of rep.allReleases().filter((x) => x.kind === 'near-miss')) {
      // the article body only: "Related news" links on the same page may well name an SPO release
      const $ = await page(r.url);
      const t = $('.article__body, .entry-content, .panel__text, .news-article__content').text();
      expect(t).toMatch(/stalk|Protection Order|Prevention Order|restraining/i);
      expect(t).not.toMatch(/Stalking (Protection|Prevention) Order|\bSPO\b/i);
    }
  });
});

describe('edits', () => {
  it('adds, changes and removes releases', async () => {
    const url = rep.addRelease('merseyside', { title: 'Wirral man handed Stalking Protection Order – update', body: 'A man from Wallasey has been made subject to a Stalking Protection Order.\n\nIt prohibits him from:\n\n- contacting the victim\n- attending her address', spo: true });
    expect(url.startsWith(rep.origins.merseyside!)).toBe(true);
    expect(rep.spoReleases('merseyside')[0]!.url).toBe(url);
    const $l = await page(rep.listings.merseyside!);
    expect(rep.origins.merseyside! + $l('h3 > a').first().attr('href')!).toBe(url);
    const $a = await page(url);
    expect($a('ul li').map((_, li) => $a(li).text()).get()).toEqual(expect.arrayContaining(['contacting the victim', 'attending her address']));
    expect(new URL(url).pathname).toMatch(/---update\/$/);

    rep.changeRelease(url, 'A man from Wallasey has been made subject to a full Stalking Protection Order for ten years.');
    expect((await page(url))('body').text()).toContain('for ten years');

    const rss = (await get(rep.origins.merseyside + '/news/merseyside/news/GetNewsRss/')).text;
    expect(rss).toContain(url);
    rep.removeRelease(url);
    expect((await get(url)).status).toBe(404);
    expect(rep.spoReleases('merseyside').some((r) => r.url === url)).toBe(false);
    expect((await get(rep.origins.merseyside + '/news/merseyside/news/GetNewsRss/')).text).not.toContain(url);
    const $l2 = await page(rep.listings.merseyside!);
    expect(rep.origins.merseyside! + $l2('h3 > a').first().attr('href')!).not.toBe(url);

    const dated = rep.addRelease('lancashire', { title: 'Old news', body: 'Something from 2021.', published: '2021-03-04T10:00' });
    expect(dated).toMatch(/\/news\/2021\/march\/old-news\/$/);
    rep.removeRelease(dated);
  });
});

describe('faults', () => {
  it('429 with Retry-After for the first N requests, then normal', async () => {
    rep.setFault('btp', { kind: '429', times: 2 });
    const a = await get(rep.listings.btp!);
    expect(a.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe('1');
    expect((await get(rep.listings.btp!)).status).toBe(429);
    expect((await get(rep.listings.btp!)).status).toBe(200);
    rep.setFault('btp', { kind: '503', retryAfter: 2, paths: /GetNewsRss/ });
    expect((await get(rep.listings.btp!)).status).toBe(200);
    const r = await get(rep.origins.btp + '/news/btp/news/GetNewsRss/');
    expect([r.status, r.headers.get('retry-after')]).toEqual([503, '2']);
    rep.setFault('btp', null);
  });

  it('rate-limit answers 429 to requests that come too fast', async () => {
    rep.setFault('btp', { kind: 'rate-limit', minIntervalMs: 200 });
    await get(rep.origins.btp + '/robots.txt');
    const fast = await get(rep.origins.btp + '/robots.txt');
    expect([fast.status, fast.headers.get('retry-after')]).toEqual([429, '1']);
    await new Promise((r) => setTimeout(r, 250));
    expect((await get(rep.origins.btp + '/robots.txt')).status).toBe(200);
    rep.setFault('btp', null);
  });

  it('500, reset, truncated, hang and slow', async () => {
    rep.setFault('cheshire', { kind: '500', times: 1 });
    expect((await get(rep.listings.cheshire!)).status).toBe(500);
    rep.setFault('cheshire', { kind: 'reset', times: 1 });
    await expect(get(rep.listings.cheshire!)).rejects.toThrow();
    expect(rep.requests.at(-1)!.status).toBe(0);
    rep.setFault('cheshire', { kind: 'truncated', times: 1 });
    await expect(get(rep.listings.cheshire!)).rejects.toThrow();
    rep.setFault('cheshire', { kind: 'hang', times: 1 });
    await expect(get(rep.listings.cheshire!, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    rep.setFault('cheshire', { kind: 'slow', delayMs: 400, times: 1 });
    const t0 = Date.now();
    expect((await get(rep.listings.cheshire!)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    expect((await get(rep.listings.cheshire!)).status).toBe(200);
    rep.setFault('cheshire', null);
  });

  it('redirect loop and off-host redirect', async () => {
    rep.setFault('kent', { kind: 'redirect-loop', paths: /^\/news\/kent\/latest\// });
    const err = await get(rep.listings.kent!).then(() => null, (e: unknown) => e as Error & { cause?: Error });
    expect(String(err?.cause?.message ?? err?.message)).toMatch(/redirect/i);
    rep.setFault('kent', { kind: 'redirect-offhost', paths: /^\/news\/kent\/latest\// });
    const res = await fetch(rep.listings.kent!, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).origin).toBe(rep.offhostOrigin);
    expect(rep.offhostOrigin).not.toBe(rep.origins.kent);
    rep.setFault('kent', null);
  });

  it('a page over 5 MB is streamed', async () => {
    rep.setFault('merseyside', { kind: 'huge', times: 1 });
    const res = await fetch(rep.listings.merseyside!);
    expect(res.headers.get('content-length')).toBeNull();
    let n = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
    }
    expect(n).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('windows-1252 bodies under a utf-8 header', async () => {
    const truth = rep.spoReleases('kent').find((r) => r.source === 'seeds/000_a29348eabcdd0f55.txt')!;
    rep.setFault('kent', { kind: 'cp1252', times: 1 });
    const res = await fetch(truth.url);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.includes(0x92)).toBe(true); // ’ in windows-1252
    expect(bytes.toString('latin1')).toContain('Kent\x92s first full');
  });

  it('403 wall, robots that disallow everything, robots 500, and faults by path prefix', async () => {
    rep.setFault('lancashire', { kind: '403-wall' });
    expect((await get(rep.origins.lancashire + '/robots.txt')).status).toBe(403);
    expect((await get(rep.origins.lancashire + '/news/')).status).toBe(403);
    rep.setFault('lancashire', { kind: 'robots-disallow-all' });
    expect((await get(rep.origins.lancashire + '/robots.txt')).text).toBe('User-agent: *\r\nDisallow: /\r\n');
    expect((await get(rep.origins.lancashire + '/news/')).status).toBe(200);
    rep.setFault('lancashire', { kind: 'robots-500' });
    expect((await get(rep.origins.lancashire + '/robots.txt')).status).toBe(500);
    rep.setFault('lancashire', null);
    expect((await get(rep.origins.lancashire + '/robots.txt')).status).toBe(200);
    const p = await get(rep.origins.kent + '/__fault/503-3/robots.txt');
    expect([p.status, p.headers.get('retry-after')]).toEqual([503, '3']);
    expect((await get(rep.origins.kent + '/__fault/slow-50/robots.txt')).text).toBe(SOH_ROBOTS);
  });
});
