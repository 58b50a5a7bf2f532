// The web-archive source (issue 15): finds captures of each force's pages with the CDX API, picks the
// article captures worth fetching, and fetches their raw snapshots (`id_`) politely, yielding each page
// to its consumer (the pipeline). It reads what is already known through `ArchiveKnown` and never
// touches the database.
import iconv from 'iconv-lite';
import { FORCE_SITES, forceSite, type ForceSite } from '../../scrapers/index.ts';
import { forceById } from '../domain/forces.ts';
import { cdxPages, type CdxQuery } from './cdx.ts';
import { cdxTimestamp, pickCandidates, type Candidate } from './candidates.ts';
import { ArchiveHttpError, PoliteClient, type PoliteOptions } from './http.ts';

export { ArchiveHttpError, PoliteClient, retryAfterMs, ARCHIVE_USER_AGENT, DEFAULT_DELAY_MS } from './http.ts';
export { cdxPages, cdxUrl, parseCdxJson, CdxFormatError, type CdxRecord, type CdxQuery } from './cdx.ts';
export { cdxTimestamp, isArticleCapture, isGenericArticleUrl, liveFormUrl, pickCandidates, urlSuggestsSpo, type Candidate } from './candidates.ts';

export const DEFAULT_ARCHIVE = 'https://web.archive.org';
/** No SPO existed before the Stalking Protection Act 2019 commenced (20 January 2020). */
export const DEFAULT_FROM = '2020-01-20';
/** The CDX filter for URLs that say stalking or SPO (a whole-value Java regex; urlSuggestsSpo checks again). */
export const SPO_URL_FILTER = 'original:(?i).*(stalk|\\bspos?\\b).*';

export interface ArchiveOptions {
  /** Force ids (default: all 44). */
  forces?: string[];
  /** Archive origin (default https://web.archive.org). */
  archive?: string;
  /** YYYY[-MM[-DD]]: captures from (default 2020-01-20) and to (default: now). */
  from?: string;
  to?: string;
  /** Every article capture, not only URLs that say stalking or SPO. */
  all?: boolean;
  /** The force's live site at another origin (`--origin`): its host is queried too, and its URLs are the releases' identity. */
  origins?: Record<string, string>;
  /** CDX rows per request (default 5000). */
  cdxPageSize?: number;
  http?: PoliteOptions;
}

/** What the consumer already has: captures fetched before, and pages known from the live site. */
export interface ArchiveKnown {
  captureFetched(c: Candidate): boolean;
  knownLive(forceId: string, url: string): boolean;
}

export interface ArchivedPage {
  forceId: string;
  /** The page in the form the live crawl stores it (the release's URL). */
  url: string;
  /** The URL as the archive holds it. */
  original: string;
  /** The raw snapshot URL (`<archive>/web/<timestamp>id_/<original>`). */
  archived: string;
  /** Capture time, ISO 8601 UTC. */
  archivedAt: string;
  candidate: Candidate;
  status: number;
  headers: Headers;
  html: string;
}

export type ArchiveEvent =
  | { type: 'force'; forceId: string; hosts: string[]; captures: number; candidates: number; toFetch: number; fetchedBefore: number; knownLive: number }
  | { type: 'page'; page: ArchivedPage }
  /** A capture that will never give a page (404 or a redirect elsewhere): recorded so it is not asked again. */
  | { type: 'dead'; forceId: string; candidate: Candidate; snapshot: string; reason: string }
  /** A capture that failed this time (network, 5xx after retries): asked again next run. */
  | { type: 'capture-error'; forceId: string; candidate: Candidate; error: string }
  | { type: 'force-error'; forceId: string; error: string }
  | { type: 'force-done'; forceId: string };

/** The hosts to ask the archive about for a force: its news host, its other domains' hosts and former hosts, any `--origin`. */
export function archiveHosts(site: ForceSite, origin?: string): string[] {
  const hosts = [new URL(site.origin).host];
  const entry = forceById(site.id);
  for (const h of entry?.formerHosts ?? []) hosts.push(h);
  if (origin) hosts.push(new URL(origin).host);
  // www.x and x are one host to the archive (its keys drop www).
  const seen = new Set<string>();
  return hosts.filter((h) => {
    const k = h.toLowerCase().replace(/^www\d*\./, '');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function selectArchiveForces(ids: string[] | undefined): ForceSite[] {
  if (!ids?.length) return [...FORCE_SITES];
  return ids.map((id) => {
    const s = forceSite(id);
    if (!s) throw new Error(`unknown force "${id}" (see \`spo forces\`)`);
    return s;
  });
}

/** The snapshot URL of a capture, raw (`id_`: no banner, links as captured). */
export function snapshotUrl(archive: string, timestamp: string, original: string): string {
  return `${new URL(archive).origin}/web/${timestamp}id_/${original}`;
}

function isoOf(ts: string): string {
  return `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}Z`;
}

function decode(body: Buffer, contentType: string | null): string {
  const cs = contentType?.match(/charset=["']?([\w-]+)/i)?.[1];
  if (cs && !/^utf-?8$/i.test(cs) && iconv.encodingExists(cs)) return iconv.decode(body, cs);
  return body.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * Every force in turn: its hosts' captures (CDX, paged), the candidates, then each snapshot, one
 * request at a time. Per-force failures are events, never thrown; the walk goes on with the next force.
 */
export async function* archivePages(opts: ArchiveOptions, known: ArchiveKnown, client?: PoliteClient): AsyncGenerator<ArchiveEvent> {
  const archive = new URL(opts.archive ?? DEFAULT_ARCHIVE).origin;
  const http = client ?? new PoliteClient(opts.http);
  const from = cdxTimestamp(opts.from ?? DEFAULT_FROM);
  const to = opts.to ? cdxTimestamp(opts.to, true) : undefined;
  for (const site of selectArchiveForces(opts.forces)) {
    const liveOrigin = opts.origins?.[site.id];
    const liveOrigins = [site.origin, ...(liveOrigin ? [liveOrigin] : [])];
    const hosts = archiveHosts(site, liveOrigin);
    let candidates: Candidate[];
    let captures = 0;
    try {
      const records = [];
      for (const host of hosts) {
        const q: CdxQuery = {
          url: host,
          matchType: 'host',
          from,
          ...(to ? { to } : {}),
          filters: [
            'statuscode:200',
            'mimetype:text/html',
            // The archive filters by URL too: a national backfill reads a few thousand rows, not millions.
            ...(opts.all ? [] : [SPO_URL_FILTER]),
          ],
          collapse: ['digest'],
          ...(opts.cdxPageSize ? { pageSize: opts.cdxPageSize } : {}),
        };
        for await (const page of cdxPages(http, archive, q)) {
          captures += page.length;
          records.push(...page);
        }
      }
      candidates = pickCandidates(records, site, liveOrigins, { all: opts.all ?? false, from, ...(to ? { to } : {}) });
    } catch (e) {
      yield { type: 'force-error', forceId: site.id, error: (e as Error).message };
      continue;
    }
    const fetchedBefore = candidates.filter((c) => known.captureFetched(c)).length;
    const live = candidates.filter((c) => !known.captureFetched(c) && known.knownLive(site.id, c.url));
    const todo = candidates.filter((c) => !known.captureFetched(c) && !known.knownLive(site.id, c.url));
    yield { type: 'force', forceId: site.id, hosts, captures, candidates: candidates.length, toFetch: todo.length, fetchedBefore, knownLive: live.length };
    for (const c of todo) yield await fetchCapture(http, archive, c);
    yield { type: 'force-done', forceId: site.id };
  }
}

/** Fetch one capture's raw snapshot, following the archive's own redirects to the nearest capture of the same page. */
async function fetchCapture(http: PoliteClient, archive: string, c: Candidate): Promise<ArchiveEvent> {
  let url = snapshotUrl(archive, c.timestamp, c.original);
  const start = url;
  try {
    for (let hops = 0; hops <= 5; hops++) {
      const res = await http.get(url);
      if (res.status >= 300 && res.status < 400) {
        const loc = res.headers.get('location');
        const next = loc ? new URL(loc, url) : null;
        const m = next?.pathname.match(/^\/web\/(\d{14})id_\/(.+)$/s);
        // Only the same page at another time: a capture that redirects to another page (the article
        // moved, or a retired scheme sent to a news index) is not this release's text.
        if (!next || next.origin !== archive || !m || !samePage(m[2]! + next.search, c.original)) {
          return { type: 'dead', forceId: c.forceId, candidate: c, snapshot: start, reason: `capture redirects to ${loc ?? '(no location)'}` };
        }
        url = next.toString();
        continue;
      }
      if (res.status === 404 || res.status === 410) return { type: 'dead', forceId: c.forceId, candidate: c, snapshot: start, reason: `${res.status} from the archive` };
      if (res.status !== 200) return { type: 'capture-error', forceId: c.forceId, candidate: c, error: `${url}: status ${res.status}` };
      const type = res.headers.get('content-type');
      if (type && !/html/i.test(type)) return { type: 'dead', forceId: c.forceId, candidate: c, snapshot: start, reason: `not HTML (${type})` };
      const ts = url.match(/\/web\/(\d{14})id_\//)?.[1] ?? c.timestamp;
      return {
        type: 'page',
        page: { forceId: c.forceId, url: c.url, original: c.original, archived: url, archivedAt: isoOf(ts), candidate: c, status: res.status, headers: res.headers, html: decode(res.body, type) },
      };
    }
    return { type: 'capture-error', forceId: c.forceId, candidate: c, error: `${start}: too many redirects` };
  } catch (e) {
    return { type: 'capture-error', forceId: c.forceId, candidate: c, error: e instanceof ArchiveHttpError ? e.message : `${url}: ${(e as Error).message}` };
  }
}

function samePage(a: string, b: string): boolean {
  const norm = (s: string): string => {
    try {
      const u = new URL(/^https?:\/+/i.test(s) ? s.replace(/^(https?):\/+/i, '$1://') : `http://${s}`);
      return `${u.hostname.replace(/^www\d*\./, '')}${u.pathname.replace(/\/$/, '')}${u.search}`.toLowerCase();
    } catch {
      return s;
    }
  };
  return norm(a) === norm(b);
}
