// Replica police news sites on loopback: one HTTP origin per force, serving SOH, Mynewsdesk (Met) and
// Lancashire pages built from a deterministic history, with a request log, ground truth, live edits and
// fault injection (issue 4 "Replicas", issue 7 "Faults").

import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { generateForce } from './content.ts';
import { ALL_FORCE_IDS, DEFAULT_FORCES, MONTHS, REPLICA_FORCES } from './forces.ts';
import { ReplicaSite, type Rel } from './model.ts';
import { drupalArticle, drupalHome, drupalListing, drupalNotFound, drupalRobots, drupalRss, drupalSitemap, drupalSitemapIndex, drupalStatic, drupalTag, DRUPAL_LISTING, DRUPAL_STATIC, type DrupalCtx } from './render-drupal.ts';
import { lancsArticle, lancsHome, lancsListing, lancsNotFound, LANCS_ROBOTS } from './render-lancs.ts';
import { mndArticle, mndHome, mndListing, mndNotFound, mndRss, MND_NEWSROOM_ID, MND_ROBOTS } from './render-mnd.ts';
import {
  pageParam,
  sitemapXml,
  sohArticle,
  sohHome,
  sohListing,
  sohMediaCentre,
  sohNewsSearch,
  sohNotFound,
  sohPaginatedResults,
  sohRss,
  SOH_ROBOTS,
  type RenderCtx,
} from './render-soh.ts';
import { hash32, isoLocal, localFromUtc, parseLocal, rng, utcFromLocal } from './util.ts';

export { ALL_FORCE_IDS, DEFAULT_FORCES, GENERIC_FORCES, REPLICA_FORCES } from './forces.ts';
export type { ReplicaForce, ReplicaPlatform } from './forces.ts';
export { SOH_ROBOTS } from './render-soh.ts';

export interface ReplicaOptions {
  /** Force ids to serve (default DEFAULT_FORCES; ALL_FORCE_IDS lists every force the replica knows). */
  forces?: string[];
  /** Ordinary (non-SPO) releases per force, default 300. */
  ordinaryPerForce?: number;
  /** Written SPO releases per force besides the real corpus texts, default 4. */
  writtenSpoPerForce?: number;
  seed?: number;
  host?: string;
  /**
   * Origins written into absolute URLs in pages (og:url, RSS links, sitemap), per force. Default: the
   * loopback origin. save-fixtures uses the real sites' origins so fixtures look like the real pages.
   */
  publicOrigins?: Record<string, string>;
  /** Deterministic per-path tokens instead of a new random token per request (fixtures). */
  stableTokens?: boolean;
}

export interface ReplicaRequest {
  forceId: string;
  method: string;
  /** Path and query as requested, e.g. `/news/kent/latest/?page=2`. */
  path: string;
  url: string;
  /** Status sent; 0 when the connection was reset or left hanging. */
  status: number;
  at: number;
  userAgent: string | undefined;
}

export type FaultKind =
  | '500'
  | 'reset'
  | '429'
  | '503'
  | 'slow'
  | 'hang'
  | 'truncated'
  | 'redirect-loop'
  | 'redirect-offhost'
  | 'huge'
  | 'cp1252'
  | '403-wall'
  | 'robots-disallow-all'
  | 'robots-500'
  | 'rate-limit';

export interface Fault {
  kind: FaultKind;
  /** Only requests whose path+query matches are faulted (robots-* faults always target /robots.txt). */
  paths?: RegExp;
  /** Fault only the first N matching requests, then serve normally. */
  times?: number;
  /** 'slow': delay before responding (default 3000 ms). */
  delayMs?: number;
  /** '429' / '503': Retry-After seconds (default 1). */
  retryAfter?: number;
  /** 'redirect-offhost': Location (default http://127.0.0.2:<trap port><same path>, a logged trap server). */
  location?: string;
  /** 'huge': bytes to stream (default 6 MiB). */
  bytes?: number;
  /** 'cp1252': charset stated in Content-Type (default 'utf-8'; 'none' for no charset). */
  charset?: 'utf-8' | 'none';
  /** 'rate-limit': a request arriving sooner than this after the previous one to the origin gets 429 (default 500 ms). */
  minIntervalMs?: number;
}

export type SiteVariant = 'healthy' | 'redesigned' | 'walled';

export interface GroundTruthRelease {
  forceId: string;
  url: string;
  title: string;
  /** UK local publication date-time `YYYY-MM-DDTHH:MM` (what parseSourceDate gives for `Published: HH:MM DD/MM/YYYY`). */
  published: string;
  kind: 'ordinary' | 'near-miss' | 'spo';
  /** Corpus file the text came from, for real texts. */
  source?: string;
}

export interface Replica {
  /** forceId -> 'http://127.0.0.1:PORT' */
  origins: Record<string, string>;
  /** The listing URL of each force (SOH listing, Met /latest_news, Lancashire /news/). */
  listings: Record<string, string>;
  /** Origin of the off-host trap server used by 'redirect-offhost' (its requests are logged with forceId 'offhost'). */
  offhostOrigin: string;
  /** Every request served, in arrival order. */
  requests: ReplicaRequest[];
  /** Ground truth: live SPO releases, newest first per force. */
  spoReleases(forceId?: string): GroundTruthRelease[];
  /** Every live release (ordinary, near-miss and SPO), newest first per force. */
  allReleases(forceId?: string): GroundTruthRelease[];
  addRelease(forceId: string, r: { title: string; body: string; published?: string; spo?: boolean }): string;
  changeRelease(url: string, newBody: string): void;
  removeRelease(url: string): void;
  setFault(forceId: string, fault: Fault | null): void;
  /**
   * How a force's site looks: 'healthy' (as built), 'redesigned' (a new theme: markup changed, see
   * render-soh.ts / render-drupal.ts) or 'walled' (every path answers a Cloudflare-style 403, robots.txt
   * included; the same as setFault(id, { kind: '403-wall' }), cleared by 'healthy').
   */
  setVariant(forceId: string, variant: SiteVariant): void;
  clearLog(): void;
  stop(): Promise<void>;
}

/** "Today" for generated histories (UK local); fixed so generation is deterministic. */
const GEN_NOW = Date.UTC(2026, 10, 23, 8, 0);
const GEN_START = Date.UTC(2020, 0, 6, 9, 0);

interface FaultState {
  fault: Fault;
  remaining: number;
}

export function buildSites(opts: ReplicaOptions = {}): Map<string, ReplicaSite> {
  const ids = opts.forces ?? DEFAULT_FORCES;
  const seed = opts.seed ?? 20261123;
  const sites = new Map<string, ReplicaSite>();
  for (const id of ids) {
    const f = REPLICA_FORCES[id];
    if (!f) throw new Error(`replica: unknown force ${JSON.stringify(id)} (known: ${ALL_FORCE_IDS.join(', ')})`);
    const site = new ReplicaSite(f);
    const gen = generateForce(f, rng(seed ^ hash32(id)), { ordinary: opts.ordinaryPerForce ?? 300, writtenSpo: opts.writtenSpoPerForce ?? 4, now: GEN_NOW, start: GEN_START });
    // oldest first, so Mynewsdesk ids grow with time as on the real newsroom
    for (let i = gen.length - 1; i >= 0; i--) site.add(gen[i]!);
    sites.set(id, site);
  }
  return sites;
}

interface Resp {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const HTML = 'text/html; charset=utf-8';
const WELSH = new Set(['north-wales', 'south-wales', 'gwent', 'dyfed-powys']);
const TINY_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function route(site: ReplicaSite, ctx: RenderCtx, pathname: string, params: URLSearchParams, ifModifiedSince: string | undefined): Resp {
  const f = site.force;
  const html = (body: string, status = 200, extra: Record<string, string> = {}): Resp => ({ status, headers: { 'content-type': HTML, 'cache-control': 'private, no-cache', ...extra }, body });
  const xml = (body: string, type: string): Resp => ({ status: 200, headers: { 'content-type': `${type}; charset=utf-8` }, body });
  const text = (body: string): Resp => ({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
  const article = (r: Rel | undefined, render: (r: Rel) => string, notFound: () => string): Resp | undefined => {
    if (!r) return undefined;
    if (r.removed) return html(notFound(), 404);
    const lm = new Date(utcFromLocal(r.modified ?? r.local)).toUTCString();
    if (ifModifiedSince && Date.parse(ifModifiedSince) >= Date.parse(lm)) return { status: 304, headers: { 'last-modified': lm }, body: '' };
    return html(render(r), 200, { 'last-modified': lm });
  };

  if (pathname.startsWith('/SysSiteAssets/') || pathname.startsWith('/media/') || (pathname.startsWith('/sites/default/files/') && !pathname.endsWith('.css'))) return { status: 200, headers: { 'content-type': pathname.endsWith('.png') ? 'image/png' : 'image/gif', 'cache-control': 'public, max-age=31536000' }, body: TINY_GIF };
  if (pathname.startsWith('/dist/') || pathname.startsWith('/css/') || pathname.startsWith('/core/') || pathname.startsWith('/sites/default/files/css/')) return { status: 200, headers: { 'content-type': pathname.endsWith('.js') ? 'text/javascript' : 'text/css' }, body: '/* replica */\n' };

  if (f.platform === 'soh') {
    const seg = f.sohSlug!;
    // Welsh forces are bilingual: /cy-GB/<path> serves the same page (same canonical), lang="cy-GB".
    if (WELSH.has(f.id) && pathname.startsWith('/cy-GB/')) {
      const r = route(site, ctx, pathname.slice(6), params, ifModifiedSince);
      return typeof r.body === 'string' ? { ...r, body: r.body.replace('<html lang="en-GB"', '<html lang="cy-GB"') } : r;
    }
    if (pathname === '/robots.txt') return text(SOH_ROBOTS);
    if (pathname === '/sitemap.xml') return xml(sitemapXml(ctx, ['/', f.listingPath]), 'application/xml');
    if (pathname === '/') return html(sohHome(ctx));
    const listings = new Set([f.listingPath, f.listingPath.replace(/\/$/, ''), `/news/${seg}/news/`, `/news/${seg}/news`]);
    if (listings.has(pathname)) return html(sohListing(ctx, pageParam(params)));
    if (pathname === '/news/news-search/' || pathname === '/news/news-search') return html(sohNewsSearch(ctx, params));
    if (/^\/news\/news-search\/GetPaginatedResults\/?$/.test(pathname)) return html(sohPaginatedResults(ctx, params));
    if (pathname === `/news/${seg}/news/GetNewsRss/` || pathname === `/news/${seg}/news/GetNewsRss` || pathname === `${f.listingPath}GetNewsRss/`) return xml(sohRss(ctx), 'application/rss+xml');
    if (/^\/([^/]+\/)*mediacentre\/?$/.test(pathname)) return html(sohMediaCentre(ctx));
    if (/\.aspx$/.test(pathname) || pathname.startsWith('/api/') || pathname === '/500.html' || /\/GetPdf\/?$/.test(pathname))
      return html(sohPage404Like(ctx, 'Legacy page'), 200);
    return article(site.get(pathname), (r) => sohArticle(ctx, r), () => sohNotFound(ctx)) ?? html(sohNotFound(ctx), 404);
  }

  if (f.platform === 'mynewsdesk') {
    if (pathname === '/robots.txt') return text(MND_ROBOTS.replace(/\n$/, `\nSitemap: ${ctx.base}/sitemap.xml\n`));
    if (pathname === '/sitemap.xml') return xml(sitemapXml(ctx, ['/latest_news']), 'application/xml');
    if (pathname === '/') return html(mndHome(ctx));
    if (pathname === '/latest_news' || pathname === '/latest_news/' || pathname === '/news' || pathname === '/news/') return html(mndListing(ctx, pageParam(params)));
    if (pathname === `/rss/current_news/${MND_NEWSROOM_ID}`) return xml(mndRss(ctx), 'application/rss+xml');
    return article(site.get(pathname), (r) => mndArticle(ctx, r), () => mndNotFound(ctx)) ?? html(mndNotFound(ctx), 404);
  }

  if (f.platform === 'drupal') {
    const d: DrupalCtx = { ...ctx, redesigned: !!ctx.redesigned };
    if (pathname === '/robots.txt') return text(drupalRobots(ctx.base));
    if (pathname === '/sitemap.xml') return xml(drupalSitemapIndex(d), 'application/xml');
    const sm = pathname.match(/^\/sitemaps\/([a-z0-9-]+)\.xml$/);
    if (sm) {
      const body = drupalSitemap(d, sm[1]!);
      return body ? xml(body, 'application/xml') : html(drupalNotFound(d), 404);
    }
    if (pathname === '/rss.xml') return xml(drupalRss(d), 'application/rss+xml');
    if (pathname === '/') return html(drupalHome(d));
    if (pathname === DRUPAL_LISTING || pathname === `${DRUPAL_LISTING}/`) {
      const n = Number.parseInt(params.get('page') ?? '0', 10);
      return html(drupalListing(d, Number.isFinite(n) && n >= 0 ? n : 0));
    }
    const tag = pathname.match(/^\/news-and-appeals\/tags\/([a-z0-9-]+)\/?$/);
    if (tag) return html(drupalTag(d, tag[1]!));
    if (DRUPAL_STATIC.includes(pathname)) return html(drupalStatic(d, pathname));
    // Disallowed by robots.txt, served anyway so that tests can assert they are never requested.
    if (pathname.startsWith('/print/')) return article(site.get(pathname.slice(6)), (r) => drupalArticle(d, r), () => drupalNotFound(d)) ?? html(drupalNotFound(d), 404);
    if (pathname.startsWith('/node/') || pathname === '/search' || pathname.startsWith('/user/')) return html(drupalStatic(d, '/restricted-page'));
    return article(site.get(pathname), (r) => drupalArticle(d, r), () => drupalNotFound(d)) ?? html(drupalNotFound(d), 404);
  }

  // lancashire
  if (pathname === '/robots.txt') return text(LANCS_ROBOTS);
  if (pathname === '/sitemap.xml') return xml(sitemapXml(ctx, ['/', '/news/']), 'application/xml');
  if (pathname === '/') return html(lancsHome(ctx));
  if (pathname === '/news/' || pathname === '/news') return html(lancsListing(ctx, pageParam(params)));
  let m = pathname.match(/^\/news\/(\d{4})\/?$/);
  if (m) return html(lancsListing(ctx, pageParam(params), { year: +m[1]! }));
  m = pathname.match(/^\/news\/(\d{4})\/([a-z]+)\/?$/);
  if (m && MONTHS.includes(m[2]!)) return html(lancsListing(ctx, pageParam(params), { year: +m[1]!, month: MONTHS.indexOf(m[2]!) }));
  return article(site.get(pathname), (r) => lancsArticle(ctx, r), () => lancsNotFound(ctx)) ?? html(lancsNotFound(ctx), 404);
}

function sohPage404Like(ctx: RenderCtx, title: string): string {
  return sohMediaCentre(ctx).replace(/<h1>Media centre<\/h1>.*<\/p>/s, `<h1>${title}</h1><p>This page is not for robots.</p>`);
}

function parseFaultSpec(spec: string): Fault | null {
  const m = spec.match(/^(500|reset|429|503|slow|hang|truncated|redirect-loop|redirect-offhost|huge|cp1252|403-wall|robots-disallow-all|robots-500|rate-limit)(?:-(\d+))?$/);
  if (!m) return null;
  const kind = m[1] as FaultKind;
  const n = m[2] ? Number(m[2]) : undefined;
  const fault: Fault = { kind };
  if (n !== undefined) {
    if (kind === 'slow') fault.delayMs = n;
    else if (kind === '429' || kind === '503') fault.retryAfter = n;
    else if (kind === 'huge') fault.bytes = n;
  }
  return fault;
}

export async function startReplica(opts: ReplicaOptions = {}): Promise<Replica> {
  const host = opts.host ?? '127.0.0.1';
  const sites = buildSites(opts);
  const requests: ReplicaRequest[] = [];
  const faults = new Map<string, FaultState>();
  const redesigned = new Set<string>();
  const servers: http.Server[] = [];
  const origins: Record<string, string> = {};
  const listings: Record<string, string> = {};
  const hanging = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const lastAt = new Map<string, number>();
  let stopped = false;

  const listen = (server: http.Server, h: string): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, h, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  // Off-host trap: a different origin that logs whatever reaches it.
  const trap = http.createServer((req, res) => {
    requests.push({ forceId: 'offhost', method: req.method ?? 'GET', path: req.url ?? '/', url: `${offhostOrigin}${req.url ?? '/'}`, status: 200, at: Date.now(), userAgent: req.headers['user-agent'] });
    res.writeHead(200, { 'content-type': HTML });
    res.end('<!DOCTYPE html><html><head><title>Elsewhere</title></head><body><h1>Another host</h1><p>A crawler should never have come here.</p></body></html>');
  });
  let offhostOrigin: string;
  try {
    offhostOrigin = `http://127.0.0.2:${await listen(trap, '127.0.0.2')}`;
  } catch {
    offhostOrigin = `http://${host}:${await listen(trap, host)}`;
  }
  servers.push(trap);

  const handler = (forceId: string, site: ReplicaSite) => (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const rawPath = req.url ?? '/';
    const entry: ReplicaRequest = { forceId, method: req.method ?? 'GET', path: rawPath, url: `${origins[forceId]}${rawPath}`, status: 0, at: Date.now(), userAgent: req.headers['user-agent'] };
    requests.push(entry);
    const send = (r: Resp): void => {
      entry.status = r.status;
      const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
      res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length), 'x-replica-force': forceId });
      res.end(req.method === 'HEAD' ? undefined : body);
    };

    let url: URL;
    try {
      url = new URL(rawPath, 'http://replica.invalid');
    } catch {
      send({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'Bad request' });
      return;
    }
    let pathname = url.pathname;
    let fault: Fault | null = null;
    const pm = pathname.match(/^\/__fault\/([^/]+)(\/.*)?$/);
    if (pm) {
      fault = parseFaultSpec(pm[1]!);
      pathname = pm[2] ?? '/';
    }
    const prevAt = lastAt.get(forceId);
    lastAt.set(forceId, entry.at);
    if (!fault) {
      const st = faults.get(forceId);
      if (st && st.remaining > 0) {
        const k = st.fault.kind;
        let applies = k === 'robots-disallow-all' || k === 'robots-500' ? pathname === '/robots.txt' : !st.fault.paths || st.fault.paths.test(pathname + url.search);
        if (k === 'rate-limit') applies &&= prevAt !== undefined && entry.at - prevAt < (st.fault.minIntervalMs ?? 500);
        if (applies) {
          fault = st.fault;
          st.remaining--;
        }
      }
    }

    const base = opts.publicOrigins?.[forceId] ?? origins[forceId]!;
    const ctx: RenderCtx = {
      site,
      base,
      token: opts.stableTokens ? hash32(`${forceId}${pathname}${url.search}`).toString(16).padStart(8, '0') + 'a1b2c3d4' : randomBytes(8).toString('hex'),
      renderedAt: opts.stableTokens ? '2026-11-23T09:00:00.000Z' : new Date().toISOString(),
      redesigned: redesigned.has(forceId),
    };
    const normal = (): Resp => route(site, ctx, pathname, url.searchParams, req.headers['if-modified-since']);
    const errorPage = (status: number, title: string, extra: Record<string, string> = {}): Resp => ({
      status,
      headers: { 'content-type': HTML, ...extra },
      body: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>Sorry, there was a technical problem. Please try again.</p></body></html>`,
    });

    if (!fault) return send(normal());
    switch (fault.kind) {
      case '500':
        return send(errorPage(500, 'Internal Server Error'));
      case '429':
      case 'rate-limit':
        return send(errorPage(429, 'Too Many Requests', { 'retry-after': String(fault.retryAfter ?? 1) }));
      case '503':
        return send(errorPage(503, 'Service Unavailable', { 'retry-after': String(fault.retryAfter ?? 1) }));
      case '403-wall':
        return send({ status: 403, headers: { 'content-type': HTML, server: 'cloudflare', 'cf-ray': `${ctx.token}-LHR` }, body: '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1><p>You are unable to access this site.</p></body></html>' });
      case 'robots-disallow-all':
        return send({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'User-agent: *\r\nDisallow: /\r\n' });
      case 'robots-500':
        return send(errorPage(500, 'Internal Server Error'));
      case 'reset': {
        const sock = req.socket as import('node:net').Socket & { resetAndDestroy?: () => void };
        if (typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
        else sock.destroy();
        return;
      }
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'slow':
      {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed && !stopped) send(normal());
        }, fault.delayMs ?? 3000);
        timers.add(t);
        return;
      }
      case 'redirect-loop': {
        const looped = url.searchParams.has('_loop');
        const next = new URL(url.href);
        if (looped) next.searchParams.delete('_loop');
        else next.searchParams.set('_loop', '1');
        const loc = (pm ? `/__fault/redirect-loop` : '') + pathname + next.search;
        return send({ status: 302, headers: { location: loc, 'content-type': HTML }, body: `<a href="${loc}">Moved</a>` });
      }
      case 'redirect-offhost': {
        const loc = fault.location ?? `${offhostOrigin}${pathname}${url.search}`;
        return send({ status: 302, headers: { location: loc, 'content-type': HTML }, body: `<a href="${loc}">Moved</a>` });
      }
      case 'truncated': {
        const r = normal();
        const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
        entry.status = r.status;
        res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length + 4096) });
        res.write(body.subarray(0, Math.floor(body.length * 0.6)), () => res.destroy());
        return;
      }
      case 'cp1252': {
        const r = normal();
        const text = typeof r.body === 'string' ? r.body : r.body.toString('utf8');
        const type = (r.headers['content-type'] ?? HTML).split(';')[0]!;
        return send({ ...r, headers: { ...r.headers, 'content-type': fault.charset === 'none' ? type : `${type}; charset=utf-8` }, body: iconv.encode(text, 'win1252') });
      }
      case 'huge': {
        const total = fault.bytes ?? 6 * 1024 * 1024;
        entry.status = 200;
        res.writeHead(200, { 'content-type': HTML });
        const head = `<!DOCTYPE html><html><head><title>A very long page</title><meta name="description" content="Huge"></head><body><h1>A very long page</h1><p>Published: 09:00 23/11/2026</p>`;
        const chunk = Buffer.from(`<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)}</p>\n`.repeat(60));
        let sent = 0;
        const pump = (): void => {
          if (sent === 0) {
            res.write(head);
            sent += head.length;
          }
          while (sent < total && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          if (!res.destroyed) res.end('</body></html>');
        };
        pump();
        return;
      }
    }
  };

  try {
    for (const [id, site] of sites) {
      const server = http.createServer(handler(id, site));
      server.keepAliveTimeout = 5000;
      const port = await listen(server, host);
      servers.push(server);
      origins[id] = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      listings[id] = origins[id] + site.force.listingPath;
    }
  } catch (e) {
    for (const s of servers) s.close();
    throw e;
  }

  const siteOf = (u: string): { site: ReplicaSite; rel: Rel } => {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new Error(`replica: not a URL: ${u}`);
    }
    for (const [id, site] of sites) {
      const o = new URL(origins[id]!);
      const pub = opts.publicOrigins?.[id] ? new URL(opts.publicOrigins[id]) : null;
      if (parsed.host === o.host || (pub && parsed.host === pub.host)) {
        const rel = site.get(parsed.pathname);
        if (rel) return { site, rel };
      }
    }
    throw new Error(`replica: no release at ${u}`);
  };

  const truth = (kinds: Set<string>, forceId?: string): GroundTruthRelease[] => {
    const out: GroundTruthRelease[] = [];
    for (const [id, site] of sites) {
      if (forceId && id !== forceId) continue;
      for (const r of site.live()) {
        if (!kinds.has(r.kind)) continue;
        const g: GroundTruthRelease = { forceId: id, url: origins[id] + r.path, title: r.title, published: isoLocal(r.local), kind: r.kind };
        if (r.source) g.source = r.source;
        out.push(g);
      }
    }
    return out;
  };

  return {
    origins,
    listings,
    offhostOrigin,
    requests,
    spoReleases: (forceId) => truth(new Set(['spo']), forceId),
    allReleases: (forceId) => truth(new Set(['spo', 'ordinary', 'near-miss']), forceId),
    addRelease(forceId, r) {
      const site = sites.get(forceId);
      if (!site) throw new Error(`replica: force ${forceId} is not served`);
      const newest = site.releases[0]?.local ?? 0;
      const local = r.published ? parseLocal(r.published) : Math.max(Math.floor(localFromUtc(Date.now()) / 60_000) * 60_000, newest + 60_000);
      const f = site.force;
      const category = f.articleShape === 'region' ? 'england' : f.articleShape === 'category' ? 'force-news' : 'news';
      const rel = site.add({ title: r.title, body: r.body, local, kind: r.spo ? 'spo' : 'ordinary', category });
      return origins[forceId] + rel.path;
    },
    changeRelease(u, newBody) {
      const { rel } = siteOf(u);
      rel.body = newBody;
      rel.modified = Math.max(rel.local + 60_000, Math.floor(localFromUtc(Date.now()) / 60_000) * 60_000);
    },
    removeRelease(u) {
      siteOf(u).rel.removed = true;
    },
    setFault(forceId, fault) {
      if (!sites.has(forceId)) throw new Error(`replica: force ${forceId} is not served`);
      if (fault) faults.set(forceId, { fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
      else faults.delete(forceId);
    },
    setVariant(forceId, variant) {
      if (!sites.has(forceId)) throw new Error(`replica: force ${forceId} is not served`);
      if (variant === 'redesigned') redesigned.add(forceId);
      else redesigned.delete(forceId);
      if (variant === 'walled') faults.set(forceId, { fault: { kind: '403-wall' }, remaining: Number.POSITIVE_INFINITY });
      else if (faults.get(forceId)?.fault.kind === '403-wall') faults.delete(forceId);
    },
    clearLog() {
      requests.length = 0;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearTimeout(t);
      for (const res of hanging) res.destroy();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
