// A replica of the Internet Archive's Wayback Machine on loopback (issue 15): the CDX API and raw and
// rewritten snapshots, holding forces' former URL schemes and copies of the live replica's pages.
//
// Formats follow the real service (wayback-cdx-server documentation and observed replies):
// - `/cdx/search/cdx?url=...`: rows sorted by urlkey (SURT) then timestamp; `output=json` gives an array
//   whose first row names the fields (`urlkey,timestamp,original,mimetype,statuscode,digest,length`
//   by default, or `fl=`), every value a string; an empty result is `[]`. `filter=[!]field:regex` (a
//   whole-value Java-style match, `(?i)` allowed), `collapse=field[:N]` (drops rows equal to the row
//   before), `from`/`to` (1-14 digit timestamps; `to` is padded with 9s), `matchType=exact|prefix|host|
//   domain` (or `url=host/*`, `url=*.domain`), `limit` (negative: the last N), `showResumeKey=true`
//   (after the rows an empty row, then the key) and `resumeKey=`; bad parameters answer 400.
//   Repeat captures of unchanged content carry the same digest; some are `warc/revisit` rows (status `-`).
// - `/web/<timestamp>id_/<original>`: the capture as archived (no banner, links untouched), the
//   original headers as `x-archive-orig-*`, `memento-datetime`, `x-archive-src`; a timestamp with no
//   capture redirects (302) to the nearest one; a redirect capture replays its 3xx with Location
//   pointing into the archive; a 404 capture replays 404; an uncaptured URL answers 404.
// - `/web/<timestamp>/<original>`: the same capture with the archive's banner and every link rewritten
//   to `/web/<timestamp>/...`: what a scraper must not read, and why the backfill asks for `id_`.
//
// Former sites (facts: ../shared/notes/force-sites.md and issue 15): Kent's pre-2021 scheme
// `/news/kent/news2/policing-news/<yymm>/<slug>/` (under the SOH `/news/kent/` tree) and Wiltshire's old
// CMS `/article/<id>/<Title-Slug>` (not SOH: generic rules must read it). Their contents come from the
// live replica's generator (content.ts), dated between the SPO commencement and each site's retirement.

import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateForce, type ReleaseKind } from './content.ts';
import { REPLICA_FORCES, MONTHS, replicaForce, type ReplicaForce } from './forces.ts';
import { buildSites, type ReplicaOptions } from './index.ts';
import { ReplicaSite, type Rel } from './model.ts';
import { lancsArticle } from './render-lancs.ts';
import { mndArticle } from './render-mnd.ts';
import { sohArticle, type RenderCtx } from './render-soh.ts';
import { bodyToHtml, esc, hash32, isoLocal, parseLocal, rng, sohSlugify, utcFromLocal, type Rng } from './util.ts';

export const CDX_FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'] as const;
export type CdxField = (typeof CDX_FIELDS)[number];

/** One capture as the archive indexes it (every CDX field), plus what replay needs. */
interface Capture {
  urlkey: string;
  timestamp: string;
  original: string;
  mimetype: string;
  statuscode: string;
  digest: string;
  length: string;
  /** Replay: status, body, headers of the page as captured. */
  status: number;
  body: Buffer;
  location?: string;
  /** The release the capture is of, for ground truth. */
  rel?: ArchivedRelease;
}

export type FormerSiteId = 'kent' | 'wiltshire';

export interface ArchivedRelease {
  forceId: string;
  /** Canonical original URL (https, the site's host, trailing slash as published). */
  url: string;
  title: string;
  published: string;
  kind: ReleaseKind;
  /** Where it was published: a former URL scheme, or the live replica. */
  site: 'former' | 'live';
  /** Whether a 200 HTML capture of it exists (what a backfill can find). */
  archived: boolean;
  /** Whether its URL says stalking or SPO (what a backfill finds without --all). */
  urlSaysSo: boolean;
}

export interface ArchiveFault {
  kind: '429' | '503' | '500' | 'reset' | 'rate-limit';
  /** Path+query regexp; default every request. */
  paths?: RegExp;
  times?: number;
  /** Retry-After seconds for 429/503 (default 1). */
  retryAfter?: number;
  /** 'rate-limit': 429 when a request comes sooner than this after the previous one (default 1000 ms). */
  minIntervalMs?: number;
}

export interface ArchiveRequest {
  method: string;
  path: string;
  status: number;
  at: number;
  userAgent: string | undefined;
  /** 'cdx', 'snapshot' (id_), 'banner' (rewritten replay) or 'other'. */
  kind: 'cdx' | 'snapshot' | 'banner' | 'other';
}

export interface ArchiveReplicaOptions {
  /** Former sites held (default both). */
  formerSites?: FormerSiteId[];
  /** Ordinary releases per former site (default 150). */
  ordinaryPerSite?: number;
  /** Written SPO releases per former site (default 10; one in four titled without saying stalking). */
  writtenSpoPerSite?: number;
  seed?: number;
  host?: string;
  /**
   * A live replica whose pages the archive also holds (captures of `origin + path` for its SPO releases
   * and one in eight of the others): the same options as given to startReplica, plus its origins.
   */
  live?: { origins: Record<string, string>; options?: ReplicaOptions };
}

export interface ArchiveReplica {
  /** `http://127.0.0.1:PORT`: use as `--archive`. */
  origin: string;
  requests: ArchiveRequest[];
  /** Ground truth: every release the archive holds a capture of (any status), newest first. */
  releases(forceId?: string): ArchivedRelease[];
  /** The SPO releases a backfill should find: archived with a 200 HTML capture and a URL that says so. */
  spoReleases(forceId?: string): ArchivedRelease[];
  /** Number of CDX rows held (every capture, all statuses and types). */
  captureCount(): number;
  setFault(fault: ArchiveFault | null): void;
  clearLog(): void;
  stop(): Promise<void>;
}

// ---- SURT and digests ----------------------------------------------------------------------------

/**
 * The SURT form the archive sorts and keys captures by: scheme and `www.` dropped, host labels
 * reversed with commas, `)` then the lower-cased path without a trailing slash and the sorted query.
 * An IP host is not reversed; default ports are dropped.
 */
export function surt(url: string): string {
  const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
  const host = u.hostname.toLowerCase().replace(/^www\d*\./, '');
  const hostKey = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[') ? host : host.split('.').reverse().join(',');
  const port = u.port ? `:${u.port}` : '';
  let path = u.pathname.toLowerCase();
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const params = [...u.searchParams].map(([k, v]) => `${k}=${v}`.toLowerCase()).sort();
  return `${hostKey}${port})${path}${params.length ? `?${params.join('&')}` : ''}`;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** The archive's digest: SHA-1 of the payload in base 32. */
function digestOf(body: Buffer): string {
  const h = createHash('sha1').update(body).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of h) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** 14-digit UTC timestamp of a UK-local time. */
function timestampOf(localMs: number): string {
  return new Date(utcFromLocal(localMs)).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function timestampMs(ts: string): number {
  const p = ts.padEnd(14, '0');
  return Date.UTC(+p.slice(0, 4), +p.slice(4, 6) - 1 || 0, +p.slice(6, 8) || 1, +p.slice(8, 10), +p.slice(10, 12), +p.slice(12, 14));
}

// ---- former sites --------------------------------------------------------------------------------

const DAY = 86_400_000;
/** SPOs commenced on 20 January 2020: the former sites' histories start then. */
const SPO_START = parseLocal('2020-01-20T09:00');

interface FormerSite {
  id: FormerSiteId;
  force: ReplicaForce;
  origin: string;
  /** Retirement of the scheme: captures after this are redirects or 404s. */
  retired: number;
  path(rel: Rel, n: number): string;
  render(site: ReplicaSite, rel: Rel, url: string): string;
}

// Name and origin from the force table; the old CMS's listing is the archive replica's choice.
const WILTSHIRE: ReplicaForce = replicaForce('wiltshire', {
  site: { platform: 'soh', listingPath: '/news/' },
  towns: ['Swindon', 'Salisbury', 'Chippenham', 'Trowbridge', 'Devizes', 'Melksham', 'Warminster', 'Calne', 'Marlborough', 'Westbury'],
  courts: ["Swindon Magistrates' Court", "Salisbury Magistrates' Court", "Chippenham Magistrates' Court"],
  crown: 'Swindon Crown Court', pcc: 'Philip Wilkinson', unit: 'Public Protection Department',
});

/** Wiltshire's old CMS slug: the title's words, capitals kept, joined by hyphens. */
function titleSlug(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9 ]+/g, ' ').trim().split(/\s+/).join('-');
}

function formerSites(): Record<FormerSiteId, FormerSite> {
  return {
    kent: {
      id: 'kent',
      force: REPLICA_FORCES.kent!,
      origin: 'https://www.kent.police.uk',
      retired: parseLocal('2021-05-10T09:00'),
      path: (rel) => {
        const d = new Date(rel.local);
        const yymm = `${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
        return `/news/kent/news2/policing-news/${yymm}/${rel.slug}/`;
      },
      // Kent was already on an early Single Online Home: its pages look like today's.
      render: (site, rel, url) => sohArticle({ site, base: 'https://www.kent.police.uk', token: hash32(url).toString(16), renderedAt: new Date(utcFromLocal(rel.local)).toISOString() }, rel),
    },
    wiltshire: {
      id: 'wiltshire',
      force: WILTSHIRE,
      origin: 'https://www.wiltshire.police.uk',
      retired: parseLocal('2020-11-16T09:00'),
      path: (rel, n) => `/article/${4100 + n * 3 + (hash32(rel.title) % 3)}/${titleSlug(rel.title)}`,
      render: (_site, rel, url) => wiltshireArticle(rel, url),
    },
  };
}

/** Wiltshire Police's pre-SOH article page (its own CMS): not the SOH markup. */
function wiltshireArticle(rel: Rel, url: string): string {
  const d = new Date(rel.local);
  const pretty = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!.replace(/^./, (c) => c.toUpperCase())} ${d.getUTCFullYear()}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${esc(rel.title)} - Wiltshire Police</title>
<meta name="description" content="${esc(rel.description)}">
<meta property="og:title" content="${esc(rel.title)}">
<meta property="og:url" content="${esc(url)}">
<meta property="og:type" content="article">
<link rel="stylesheet" href="/Content/site.min.css">
<script src="/Scripts/jquery-1.12.4.min.js"></script>
</head>
<body class="page-article">
<div id="header"><a href="/" class="logo"><img src="/Content/images/wiltshire-police-logo.png" alt="Wiltshire Police"></a>
<ul class="nav"><li><a href="/article/news">News</a></li><li><a href="/contact-us">Contact us</a></li><li><a href="/report-a-crime">Report a crime</a></li></ul></div>
<div id="content" class="container">
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/article/news">News</a> &gt; ${esc(rel.title)}</div>
<div class="article-detail">
<h1>${esc(rel.title)}</h1>
<div class="article-date"><time datetime="${isoLocal(rel.local)}">${pretty}</time></div>
<div class="article-text">
${bodyToHtml(rel.body)}
</div>
<div class="article-share">Share: <a href="https://twitter.com/share?url=${encodeURIComponent(url)}">Twitter</a> <a href="https://www.facebook.com/sharer.php?u=${encodeURIComponent(url)}">Facebook</a></div>
</div>
</div>
<div id="footer"><p>&copy; Wiltshire Police ${d.getUTCFullYear()}</p><p><a href="/accessibility">Accessibility</a> | <a href="/privacy">Privacy</a> | <a href="/cookies">Cookies</a></p></div>
</body>
</html>
`;
}

function notFoundPage(siteName: string): string {
  return `<!DOCTYPE html><html><head><title>Page not found - ${esc(siteName)}</title></head><body><h1>Page not found</h1><p>Sorry, the page you are looking for cannot be found.</p></body></html>`;
}

// ---- building the index ---------------------------------------------------------------------------

class Index {
  readonly captures: Capture[] = [];
  readonly releases: ArchivedRelease[] = [];
  private seq = 0;

  add(c: Omit<Capture, 'urlkey' | 'digest' | 'length'> & { digest?: string }): Capture {
    const cap: Capture = {
      ...c,
      urlkey: surt(c.original),
      digest: c.digest ?? digestOf(c.body),
      // The real field is the compressed WARC record's length; the body's is close enough.
      length: String(Math.max(200, Math.round(c.body.length * 0.31) + 380 + (this.seq++ % 97))),
    };
    this.captures.push(cap);
    return cap;
  }

  sort(): void {
    this.captures.sort((a, b) => (a.urlkey < b.urlkey ? -1 : a.urlkey > b.urlkey ? 1 : a.timestamp.localeCompare(b.timestamp)));
  }
}

/** The forms the same page's URL takes in an archive's index (scheme, port, www, trailing slash). */
function originalVariant(url: string, r: Rng): string {
  const u = new URL(url);
  const roll = r.int(0, 9);
  if (roll <= 3) return url;
  if (roll <= 6) return url.replace(/^https:/, 'http:');
  if (roll === 7 && !u.port) return `http://${u.hostname}:80${u.pathname}${u.search}`;
  if (roll === 8 && u.pathname.endsWith('/') && u.pathname.length > 1) return url.replace(/\/$/, '');
  return url.replace('://www.', '://');
}

const html = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Captures of one page: the first soon after publication, some repeats, sometimes a later edit. */
function captureRelease(ix: Index, r: Rng, truth: ArchivedRelease, page: (body: string) => string, rel: Rel, retired: number | null, archivedEnd: number): void {
  let t = rel.local + r.int(1, 20 * 24) * 3_600_000;
  const edit = r.chance(0.12);
  const count = r.int(1, 4);
  let body = page(rel.body);
  for (let i = 0; i < count && t < (retired ?? archivedEnd); i++) {
    if (edit && i === count - 1 && count > 1) {
      body = page(`${rel.body}\n\nUpdate: this release was amended after publication to correct a detail.`);
    }
    const buf = html(body);
    const cap = ix.add({ timestamp: timestampOf(t), original: originalVariant(truth.url, r), mimetype: 'text/html', statuscode: '200', status: 200, body: buf, rel: truth });
    truth.archived = true;
    // A crawl of unchanged content may be stored as a revisit record, not a second copy.
    if (r.chance(0.25)) {
      const t2 = t + r.int(2, 40) * DAY;
      if (t2 < (retired ?? archivedEnd)) ix.add({ timestamp: timestampOf(t2), original: truth.url, mimetype: 'warc/revisit', statuscode: '-', status: 200, body: buf, digest: cap.digest, rel: truth });
    }
    t += r.int(15, 200) * DAY;
  }
  if (retired !== null && r.chance(0.5)) {
    // After the scheme was retired: a redirect to the new site's news page, or a 404.
    const after = retired + r.int(5, 300) * DAY;
    if (r.chance(0.6)) {
      const location = `${new URL(truth.url).origin}/news/${truth.forceId}/news/`;
      ix.add({ timestamp: timestampOf(after), original: truth.url, mimetype: 'text/html', statuscode: '301', status: 301, location, body: html(`<html><body>Moved <a href="${location}">here</a></body></html>`), rel: truth });
    } else {
      ix.add({ timestamp: timestampOf(after), original: truth.url, mimetype: 'text/html', statuscode: '404', status: 404, body: html(notFoundPage(truth.forceId)), rel: truth });
    }
  }
}

/** Whether a URL's path mentions stalking or an SPO: what the default backfill keys on. */
function pathSaysSo(url: string): boolean {
  return new URL(url).pathname.toLowerCase().split(/[^a-z0-9]+/).some((w) => w.startsWith('stalk') || w === 'spo' || w === 'spos');
}

function buildIndex(opts: ArchiveReplicaOptions): Index {
  const ix = new Index();
  const seed = opts.seed ?? 20261123;
  const archivedEnd = parseLocal('2026-11-20T12:00');
  const sites = formerSites();
  for (const id of opts.formerSites ?? (['kent', 'wiltshire'] as FormerSiteId[])) {
    const fs = sites[id];
    const r = rng(seed ^ hash32(`archive:${id}`));
    const gen = generateForce(fs.force, r, { ordinary: opts.ordinaryPerSite ?? 150, writtenSpo: opts.writtenSpoPerSite ?? 10, now: fs.retired - 3 * DAY, start: SPO_START }).filter(
      (g) => g.local >= SPO_START && g.local < fs.retired,
    );
    // Some SPO releases are titled without a word about stalking: only `--all` finds those.
    gen.filter((g) => g.kind === 'spo' && !g.source).forEach((g, i) => {
      if (i % 4 === 3) g.title = `Court order protects ${r.pick(fs.force.towns)} woman from former partner`;
    });
    const site = new ReplicaSite(fs.force);
    for (let i = gen.length - 1; i >= 0; i--) site.add(gen[i]!);
    // Paths in the former scheme (ReplicaSite built them in today's): oldest first, ids growing with time.
    const seen = new Set<string>();
    site.releases
      .slice()
      .reverse()
      .forEach((rel, n) => {
        let p = fs.path(rel, n);
        for (let k = 2; seen.has(p); k++) p = fs.path({ ...rel, slug: `${rel.slug}-${k}`, title: `${rel.title} ${k}` }, n);
        seen.add(p);
        rel.path = p;
      });
    // One SPO release in ten was never captured: the archive is not complete.
    for (const rel of site.releases) {
      const url = fs.origin + rel.path;
      const truth: ArchivedRelease = { forceId: id, url, title: rel.title, published: isoLocal(rel.local), kind: rel.kind, site: 'former', archived: false, urlSaysSo: pathSaysSo(url) };
      ix.releases.push(truth);
      if (rel.kind === 'spo' && r.chance(0.1)) continue;
      if (rel.kind !== 'spo' && r.chance(0.15)) continue;
      captureRelease(ix, r, truth, (body) => fs.render(site, { ...rel, body }, url), rel, fs.retired, archivedEnd);
    }
    // The rest of a site's captures: listings, images, a guidance PDF whose name says stalking, robots.txt.
    const listing = id === 'kent' ? '/news/kent/news2/policing-news/' : '/article/news';
    for (let p = 1; p <= 3; p++) {
      const u = `${fs.origin}${listing}${p > 1 ? `?page=${p}` : ''}`;
      ix.add({ timestamp: timestampOf(SPO_START + p * 40 * DAY), original: u, mimetype: 'text/html', statuscode: '200', status: 200, body: html(`<html><head><title>News</title></head><body><h1>News</h1><p>Page ${p}</p></body></html>`) });
    }
    const pdf = Buffer.from('%PDF-1.4\n% stalking protection orders guidance\n%%EOF\n');
    ix.add({ timestamp: timestampOf(SPO_START + 90 * DAY), original: `${fs.origin}/SysSiteAssets/media/downloads/${id}/stalking-protection-orders-guidance.pdf`, mimetype: 'application/pdf', statuscode: '200', status: 200, body: pdf });
    ix.add({ timestamp: timestampOf(SPO_START + 95 * DAY), original: `${fs.origin}/Content/images/stalking-awareness-week-banner.jpg`, mimetype: 'image/jpeg', statuscode: '200', status: 200, body: Buffer.from('GIF89a') });
    ix.add({ timestamp: timestampOf(SPO_START + 5 * DAY), original: `${fs.origin}/robots.txt`, mimetype: 'text/plain', statuscode: '200', status: 200, body: Buffer.from('User-agent: *\nDisallow:\n') });
  }

  if (opts.live) {
    const liveSites = buildSites(opts.live.options ?? {});
    for (const [id, site] of liveSites) {
      const origin = opts.live.origins[id];
      if (!origin) continue;
      const r = rng(seed ^ hash32(`archive-live:${id}`));
      const ctx = (url: string): RenderCtx => ({ site, base: origin, token: hash32(url).toString(16), renderedAt: '2026-11-01T09:00:00.000Z' });
      const render = site.force.platform === 'mynewsdesk' ? mndArticle : site.force.platform === 'lancashire' ? lancsArticle : sohArticle;
      site.releases.forEach((rel, n) => {
        if (rel.kind !== 'spo' && n % 8 !== 0) return;
        const url = origin + rel.path;
        const truth: ArchivedRelease = { forceId: id, url, title: rel.title, published: isoLocal(rel.local), kind: rel.kind, site: 'live', archived: false, urlSaysSo: pathSaysSo(url) };
        ix.releases.push(truth);
        captureRelease(ix, r, truth, (body) => render(ctx(url), { ...rel, body }), rel, null, archivedEnd);
      });
    }
  }
  ix.releases.sort((a, b) => b.published.localeCompare(a.published));
  ix.sort();
  return ix;
}

// ---- the CDX API ---------------------------------------------------------------------------------

class BadRequest extends Error {}

const TS = /^\d{1,14}$/;

interface Filter {
  field: CdxField;
  negate: boolean;
  re: RegExp;
}

function parseFilter(spec: string): Filter {
  const m = spec.match(/^(!?)([a-z]+):(.*)$/s);
  if (!m) throw new BadRequest(`Invalid filter "${spec}": expected [!]field:regex`);
  const field = m[2] as CdxField;
  if (!CDX_FIELDS.includes(field)) throw new BadRequest(`Invalid filter field "${m[2]}"`);
  let src = m[3]!;
  let flags = '';
  // Java patterns take inline flags; JavaScript takes them as a flag.
  if (src.startsWith('(?i)')) {
    src = src.slice(4);
    flags = 'i';
  }
  try {
    // Java's Matcher.matches(): the whole value must match.
    return { field, negate: m[1] === '!', re: new RegExp(`^(?:${src})$`, flags) };
  } catch {
    throw new BadRequest(`Invalid filter regex "${m[3]}"`);
  }
}

function cdxQuery(ix: Index, params: URLSearchParams): { rows: Capture[]; fields: CdxField[]; json: boolean; resumeKey: string | null } {
  let url = params.get('url');
  if (!url) throw new BadRequest('Missing required parameter: url');
  let matchType = params.get('matchType') ?? 'exact';
  if (!['exact', 'prefix', 'host', 'domain'].includes(matchType)) throw new BadRequest(`Invalid matchType "${matchType}"`);
  if (url.startsWith('*.')) {
    url = url.slice(2);
    matchType = 'domain';
  } else if (url.endsWith('*')) {
    url = url.slice(0, -1);
    matchType = 'prefix';
  }
  let key: string;
  try {
    key = surt(url);
  } catch {
    throw new BadRequest(`Invalid url "${url}"`);
  }
  const hostKey = key.slice(0, key.indexOf(')'));
  const match = (k: string): boolean => {
    switch (matchType) {
      case 'exact':
        return k === key;
      case 'prefix':
        // url=host/* or url=host/path*: everything under that path.
        return k.startsWith(key.endsWith(')/') ? key.slice(0, -1) : key);
      case 'host':
        return k.startsWith(`${hostKey})`);
      default:
        return k.startsWith(`${hostKey})`) || k.startsWith(`${hostKey},`);
    }
  };
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null && !TS.test(from)) throw new BadRequest(`Invalid from "${from}": expected 1 to 14 digits`);
  if (to !== null && !TS.test(to)) throw new BadRequest(`Invalid to "${to}": expected 1 to 14 digits`);
  const lo = from ? from.padEnd(14, '0') : null;
  const hi = to ? to.padEnd(14, '9') : null;
  const filters = params.getAll('filter').map(parseFilter);
  const collapses = params.getAll('collapse').map((c) => {
    const m = c.match(/^([a-z]+)(?::(\d+))?$/);
    if (!m || !CDX_FIELDS.includes(m[1] as CdxField)) throw new BadRequest(`Invalid collapse "${c}"`);
    return { field: m[1] as CdxField, n: m[2] ? Number(m[2]) : null };
  });
  const fl = params.get('fl');
  const fields = fl ? (fl.split(',') as CdxField[]) : [...CDX_FIELDS];
  for (const f of fields) if (!CDX_FIELDS.includes(f)) throw new BadRequest(`Invalid field "${f}" in fl`);
  const limitRaw = params.get('limit');
  if (limitRaw !== null && !/^-?\d+$/.test(limitRaw)) throw new BadRequest(`Invalid limit "${limitRaw}"`);
  const limit = limitRaw === null ? null : Number(limitRaw);
  const output = params.get('output');
  if (output !== null && output !== 'json' && output !== 'text') throw new BadRequest(`Invalid output "${output}"`);
  const resume = params.get('resumeKey');
  let after: { urlkey: string; timestamp: string } | null = null;
  if (resume) {
    const m = decodeURIComponent(resume.replace(/\+/g, ' ')).match(/^(\S+) (\d{14})(?:!)?$/);
    if (!m) throw new BadRequest(`Invalid resumeKey "${resume}"`);
    after = { urlkey: m[1]!, timestamp: m[2]! };
  }

  const out: Capture[] = [];
  let prev: Capture | null = null;
  for (const c of ix.captures) {
    if (!match(c.urlkey)) continue;
    if (after && (c.urlkey < after.urlkey || (c.urlkey === after.urlkey && c.timestamp <= after.timestamp))) continue;
    if (lo && c.timestamp < lo) continue;
    if (hi && c.timestamp > hi) continue;
    if (!filters.every((f) => f.re.test(c[f.field]) !== f.negate)) continue;
    // Collapsing compares with the previous row kept: only adjacent duplicates go.
    if (prev && collapses.length && collapses.some((k) => (k.n ? c[k.field].slice(0, k.n) === prev![k.field].slice(0, k.n) : c[k.field] === prev![k.field]))) continue;
    out.push(c);
    prev = c;
  }
  let rows = out;
  let resumeKey: string | null = null;
  if (limit !== null && limit < 0) rows = out.slice(limit);
  else if (limit !== null) {
    rows = out.slice(0, limit);
    if (params.get('showResumeKey') === 'true' && out.length > limit && rows.length) {
      const last = rows[rows.length - 1]!;
      resumeKey = encodeURIComponent(`${last.urlkey} ${last.timestamp}`).replace(/%20/g, '+');
    }
  }
  return { rows, fields, json: output === 'json', resumeKey };
}

// ---- replay --------------------------------------------------------------------------------------

const BANNER = (ts: string, original: string): string =>
  `<script src="//archive.org/includes/athena.js" type="text/javascript"></script>
<script type="text/javascript">window.addEventListener('DOMContentLoaded',function(){var v=archive_analytics.values;v.service='wb';v.server_name='wwwb-app220.us.archive.org';v.server_ms=412;archive_analytics.send_pageview({});});</script>
<script type="text/javascript" src="/_static/js/bundle-playback.js?v=t1Bf4PY_" charset="utf-8"></script>
<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=S1zqJCYt" />
<!-- End Wayback Rewrite JS Include -->
<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base" lang="en" style="display:none;direction:ltr;"><div id="wm-ipp" style="position:fixed;left:0;top:0;right:0;"><div id="donato"></div>
<div id="wm-ipp-inside"><div id="wm-toolbar"><div id="wm-logo"><a href="/web/" title="Wayback Machine home page">Wayback Machine</a></div>
<div class="c"><form target="_top" method="get" action="/web/submit"><input type="text" name="url" value="${esc(original)}"></form>
<div class="n">${Number(ts.slice(0, 4))} captures</div><p>Stalking Protection Order news and more: explore more than 866 billion web pages saved over time.</p></div></div></div></div></div>
<!-- END WAYBACK TOOLBAR INSERT -->
`;

/** The archive's rewritten replay: banner inserted after <body>, every link sent back into the archive. */
function rewritten(origin: string, ts: string, original: string, page: string): string {
  const rewrite = (href: string): string => {
    if (/^(#|mailto:|javascript:|data:)/i.test(href)) return href;
    try {
      return `${origin}/web/${ts}/${new URL(href, original).toString()}`;
    } catch {
      return href;
    }
  };
  return page
    .replace(/\b(href|src)="([^"]*)"/g, (_m, attr: string, v: string) => `${attr}="${rewrite(v)}"`)
    .replace(/<head>/i, `<head><script type="text/javascript" src="/_static/js/wombat.js?v=txqj7nKC" charset="utf-8"></script>\n`)
    .replace(/<body([^>]*)>/i, (m) => `${m}\n${BANNER(ts, original)}`)
    .concat(`\n<!--\n     FILE ARCHIVED ON ${ts} AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON ${new Date().toUTCString()}.\n-->`);
}

function notArchived(original: string): string {
  return `<!DOCTYPE html><html lang="en"><head><title>Wayback Machine</title></head><body><div id="error"><h2>Hrm.</h2><p>The Wayback Machine has not archived that URL.</p><p><a href="/save/${esc(original)}">Save this url in the Wayback Machine</a></p></div></body></html>`;
}

// ---- the server ----------------------------------------------------------------------------------

export async function startArchiveReplica(opts: ArchiveReplicaOptions = {}): Promise<ArchiveReplica> {
  const ix = buildIndex(opts);
  const byKey = new Map<string, Capture[]>();
  for (const c of ix.captures) {
    const list = byKey.get(c.urlkey) ?? [];
    list.push(c);
    byKey.set(c.urlkey, list);
  }
  const requests: ArchiveRequest[] = [];
  let fault: { f: ArchiveFault; remaining: number } | null = null;
  let lastAt = 0;
  let origin = '';

  const server = http.createServer((req, res) => {
    const raw = req.url ?? '/';
    const now = Date.now();
    const kind: ArchiveRequest['kind'] = raw.startsWith('/cdx/') ? 'cdx' : /^\/web\/\d{1,14}id_\//.test(raw) ? 'snapshot' : raw.startsWith('/web/') ? 'banner' : 'other';
    const entry: ArchiveRequest = { method: req.method ?? 'GET', path: raw, status: 0, at: now, userAgent: req.headers['user-agent'], kind };
    requests.push(entry);
    const prevAt = lastAt;
    lastAt = now;
    const send = (status: number, headers: Record<string, string>, body: string | Buffer): void => {
      entry.status = status;
      const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      res.writeHead(status, { server: 'nginx', ...headers, 'content-length': String(buf.length) });
      res.end(req.method === 'HEAD' ? undefined : buf);
    };

    if (fault && fault.remaining > 0 && (!fault.f.paths || fault.f.paths.test(raw))) {
      const f = fault.f;
      const applies = f.kind !== 'rate-limit' || now - prevAt < (f.minIntervalMs ?? 1000);
      if (applies) {
        fault.remaining--;
        if (f.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        const status = f.kind === 'rate-limit' ? 429 : Number(f.kind);
        const extra: Record<string, string> = status === 429 || status === 503 ? { 'retry-after': String(f.retryAfter ?? 1) } : {};
        return send(status, { 'content-type': 'text/html; charset=utf-8', ...extra }, `<html><head><title>${status}</title></head><body><h1>${status === 429 ? 'Too Many Requests' : 'Error'}</h1><p>We are sorry, but the Wayback Machine is receiving too many requests.</p></body></html>`);
      }
    }

    let url: URL;
    try {
      url = new URL(raw, 'http://archive.invalid');
    } catch {
      return send(400, { 'content-type': 'text/plain' }, 'Bad request');
    }

    if (url.pathname === '/cdx/search/cdx') {
      try {
        const q = cdxQuery(ix, url.searchParams);
        if (q.json) {
          if (!q.rows.length) return send(200, { 'content-type': 'application/json' }, '[]\n');
          const lines = [JSON.stringify(q.fields), ...q.rows.map((c) => JSON.stringify(q.fields.map((f) => c[f])))];
          if (q.resumeKey) lines.push('[]', JSON.stringify([q.resumeKey]));
          return send(200, { 'content-type': 'application/json' }, `[${lines.join(',\n')}]\n`);
        }
        const text = q.rows.map((c) => q.fields.map((f) => c[f]).join(' ')).join('\n') + (q.rows.length ? '\n' : '') + (q.resumeKey ? `\n${q.resumeKey}\n` : '');
        return send(200, { 'content-type': 'text/plain' }, text);
      } catch (e) {
        if (e instanceof BadRequest) return send(400, { 'content-type': 'text/plain' }, `java.lang.IllegalArgumentException: ${e.message}\n`);
        throw e;
      }
    }

    // /web/<timestamp>[id_]/<original>; the original keeps its scheme (sometimes as http:/ after path squashing).
    const m = raw.match(/^\/web\/(\d{1,14})(id_)?\/(.+)$/s);
    if (m) {
      const ts = m[1]!;
      const raw_ = m[2] === 'id_';
      let original = m[3]!.replace(/^(https?):\/+/i, '$1://');
      if (!/^https?:\/\//i.test(original)) original = `http://${original}`;
      let key: string;
      try {
        key = surt(original);
      } catch {
        return send(400, { 'content-type': 'text/plain' }, 'Bad request');
      }
      const caps = byKey.get(key) ?? [];
      if (!caps.length) return send(404, { 'content-type': 'text/html; charset=utf-8' }, notArchived(original));
      const exact = ts.length === 14 ? caps.find((c) => c.timestamp === ts && c.mimetype !== 'warc/revisit') : undefined;
      if (!exact) {
        // The nearest capture (a revisit record replays the capture it points to).
        const want = timestampMs(ts);
        const playable = caps.filter((c) => c.mimetype !== 'warc/revisit');
        const near = playable.reduce((a, b) => (Math.abs(timestampMs(b.timestamp) - want) < Math.abs(timestampMs(a.timestamp) - want) ? b : a), playable[0]!);
        const loc = `${origin}/web/${near.timestamp}${raw_ ? 'id_' : ''}/${near.original}`;
        return send(302, { location: loc, 'content-type': 'text/plain; charset=utf-8' }, `found capture at ${near.timestamp}`);
      }
      const at = new Date(timestampMs(exact.timestamp)).toUTCString();
      const headers: Record<string, string> = {
        'content-type': exact.mimetype === 'text/html' ? 'text/html; charset=utf-8' : exact.mimetype,
        'memento-datetime': at,
        'x-archive-src': `spo-replica-${exact.timestamp.slice(0, 8)}-crawl${hash32(exact.urlkey) % 900 + 100}.warc.gz`,
        'x-archive-orig-date': at,
        'x-archive-orig-server': 'Microsoft-IIS/10.0',
        'x-archive-orig-content-length': String(exact.body.length),
        link: `<${exact.original}>; rel="original", <${origin}/web/timemap/link/${exact.original}>; rel="timemap"; type="application/link-format"`,
      };
      if (exact.location) headers.location = `${origin}/web/${exact.timestamp}${raw_ ? 'id_' : ''}/${exact.location}`;
      if (raw_ || exact.mimetype !== 'text/html') return send(exact.status, headers, exact.body);
      return send(exact.status, headers, rewritten(origin, exact.timestamp, exact.original, exact.body.toString('utf8')));
    }
    if (url.pathname === '/' || url.pathname === '/web/') return send(200, { 'content-type': 'text/html; charset=utf-8' }, '<html><head><title>Wayback Machine</title></head><body><h1>Wayback Machine (replica)</h1></body></html>');
    return send(404, { 'content-type': 'text/html; charset=utf-8' }, '<!DOCTYPE html><html><head><title>Not Found</title></head><body><h1>Not Found</h1></body></html>');
  });
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;

  const releases = (forceId?: string): ArchivedRelease[] => ix.releases.filter((r) => !forceId || r.forceId === forceId);
  return {
    origin,
    requests,
    releases,
    spoReleases: (forceId) => releases(forceId).filter((r) => r.kind === 'spo' && r.archived && r.urlSaysSo),
    captureCount: () => ix.captures.length,
    setFault(f) {
      fault = f ? { f, remaining: f.times ?? Number.POSITIVE_INFINITY } : null;
    },
    clearLog() {
      requests.length = 0;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

