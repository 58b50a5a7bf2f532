// The web-archive source (issue 15): finds captures of each force's pages with the CDX API, picks the
// article captures worth fetching, and fetches their raw snapshots (`id_`) politely, handing each page
// to the pipeline's sink as an archived page (a PageSource, as the live crawl is). It reads what is
// known through KnownPages and a `captureFetched` check its caller supplies, never the database.
import iconv from 'iconv-lite';
import { FORCE_SITES, forceSite, PLATFORMS, siteConfig, type ForceSite, type PlatformId } from '../../scrapers/index.ts';
import { forceById } from '../domain/forces.ts';
import { roomFor, type FetchedPage, type KnownPages, type PageSink, type PageSource, type SourceResult } from '../domain/pages.ts';
import { cdxPages, type CdxQuery, type CdxRecord } from './cdx.ts';
import { cdxTimestamp, pickCandidates, type Candidate } from './candidates.ts';
import { ArchiveHttpError, type PoliteClient } from './http.ts';

export { ArchiveHttpError, PoliteClient, retryAfterMs, ARCHIVE_USER_AGENT, DEFAULT_DELAY_MS } from './http.ts';
export { cdxPages, cdxUrl, parseCdxJson, CdxFormatError, type CdxRecord, type CdxQuery } from './cdx.ts';
export { cdxTimestamp, isArticleCapture, isGenericArticleUrl, liveFormUrl, pickCandidates, urlSuggestsSpo, type Candidate } from './candidates.ts';

export const DEFAULT_ARCHIVE = 'https://web.archive.org';
/** No SPO existed before the Stalking Protection Act 2019 commenced (20 January 2020). */
export const DEFAULT_FROM = '2020-01-20';
/** The CDX filter for URLs that say stalking or SPO (a whole-value Java regex; urlSuggestsSpo checks again). */
export const SPO_URL_FILTER = 'original:(?i).*(stalk|\\bspos?\\b).*';

export interface ArchiveOptions {
  /** Archive origin (default https://web.archive.org). */
  archive?: string;
  /** YYYY[-MM[-DD]]: captures from (default 2020-01-20) and to (default: now). */
  from?: string;
  to?: string;
  /** Every article capture, not only URLs that say stalking or SPO. */
  all?: boolean;
  /** The force's live site at another origin (`--origin`): its host is asked too, and its URLs are the releases' identity. */
  origins?: Record<string, string>;
  /** CDX rows per request (default 5000). */
  cdxPageSize?: number;
  /** Whether a capture was fetched by an earlier run (read from the store by the caller). */
  captureFetched?: (c: Candidate) => boolean;
  /** After each snapshot: how far the force is, and the time left at the pace so far. */
  onProgress?: (p: ArchiveProgress) => void;
  /** Lines worth printing (candidates found, errors). */
  log?: (line: string) => void;
}

export interface ArchiveProgress {
  forceId: string;
  done: number;
  toFetch: number;
  /** Estimated milliseconds left for this force (pause plus the archive's answer time, as measured so far). */
  etaMs: number;
}

/** What the archive source found for a force, besides what it handed to the pipeline. */
export interface ArchiveStats {
  hosts: string[];
  /** CDX rows read (after the archive's filters and collapse). */
  captures: number;
  candidates: number;
  /** Captures fetched by an earlier run (not asked again). */
  fetchedBefore: number;
  /** Pages the live site's walk already knows (not asked: the live text is the release). */
  knownLive: number;
  toFetch: number;
  /** Snapshots asked for in this run. */
  fetched: number;
}

/** The hosts to ask the archive about for a force: its news host, its former hosts, any `--origin`. */
export function archiveHosts(site: ForceSite, origin?: string): string[] {
  const hosts = [new URL(site.origin).host];
  const entry = forceById(site.id);
  // Former hosts from the force table, and any a force file adds.
  for (const h of [...(entry?.formerHosts ?? []), ...(site.formerHosts ?? [])]) hosts.push(h);
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

/** The forces to backfill (default all), from the force table or the sites a force file gave. */
export function selectArchiveForces(ids: string[] | undefined, sites: readonly ForceSite[] = FORCE_SITES): ForceSite[] {
  if (!ids?.length) return [...sites];
  return ids.map((id) => {
    const s = sites.find((x) => x.id === id) ?? forceSite(id);
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

/** The archive sources of the forces, sharing one polite client: the archive is one origin for all of them. */
export function archiveSources(forceIds: string[] | undefined, opts: ArchiveOptions, http: PoliteClient, sites?: readonly ForceSite[]): ArchiveSource[] {
  return selectArchiveForces(forceIds, sites).map((site) => new ArchiveSource(site, opts, http));
}

/**
 * One force's pages from a web archive: its hosts' captures (CDX, paged), the candidates, then each
 * raw snapshot, one request at a time, handed to the pipeline as archived pages. Pages the live walk
 * knows and captures fetched before are not asked for.
 */
export class ArchiveSource implements PageSource {
  readonly via = 'archive' as const;
  readonly forceId: string;
  readonly stats: ArchiveStats = { hosts: [], captures: 0, candidates: 0, fetchedBefore: 0, knownLive: 0, toFetch: 0, fetched: 0 };
  private readonly archive: string;

  constructor(
    private readonly site: ForceSite,
    private readonly o: ArchiveOptions,
    private readonly http: PoliteClient,
  ) {
    this.forceId = site.id;
    this.archive = new URL(o.archive ?? DEFAULT_ARCHIVE).origin;
  }

  /** The candidates of the force, from the archive's index. */
  async candidates(): Promise<Candidate[]> {
    const from = cdxTimestamp(this.o.from ?? DEFAULT_FROM);
    const to = this.o.to ? cdxTimestamp(this.o.to, true) : undefined;
    const liveOrigin = this.o.origins?.[this.site.id];
    const hosts = archiveHosts(this.site, liveOrigin);
    this.stats.hosts = hosts;
    const records: CdxRecord[] = [];
    for (const host of hosts) {
      const q: CdxQuery = {
        url: host,
        matchType: 'host',
        from,
        ...(to ? { to } : {}),
        // The archive filters by URL too: a national backfill reads a few thousand rows, not millions.
        filters: ['statuscode:200', 'mimetype:text/html', ...(this.o.all ? [] : [SPO_URL_FILTER])],
        collapse: ['digest'],
        ...(this.o.cdxPageSize ? { pageSize: this.o.cdxPageSize } : {}),
      };
      for await (const page of cdxPages(this.http, this.archive, q)) records.push(...page);
    }
    this.stats.captures = records.length;
    return pickCandidates(records, this.site, [this.site.origin, ...(liveOrigin ? [liveOrigin] : [])], { all: this.o.all ?? false, from, ...(to ? { to } : {}) });
  }

  async run(known: KnownPages, sink: PageSink): Promise<SourceResult> {
    const started = Date.now();
    const requestsBefore = this.http.requests;
    const result: SourceResult = { forceId: this.forceId, ok: true, requests: 0, errors: [], durationMs: 0, newestPublished: null };
    const log = this.o.log ?? (() => {});
    try {
      const all = await this.candidates();
      const fetched = this.o.captureFetched ?? (() => false);
      const todo: Candidate[] = [];
      for (const c of all) {
        if (fetched(c)) this.stats.fetchedBefore++;
        else if (known.get(c.url)) this.stats.knownLive++;
        else todo.push(c);
      }
      Object.assign(this.stats, { candidates: all.length, toFetch: todo.length });
      log(`${this.forceId}: ${this.stats.captures} capture(s) on ${this.stats.hosts.join(', ')}; ${all.length} candidate page(s): ${todo.length} to fetch, ${this.stats.fetchedBefore} fetched before, ${this.stats.knownLive} known live`);
      const fetchStart = Date.now();
      for (const c of todo) {
        const page = await this.fetchCapture(c, result);
        this.stats.fetched++;
        if (page) {
          const outcome = sink(page);
          if (outcome.kind === 'mismatch') result.errors.push(outcome.reason);
          await roomFor(outcome);
        }
        const per = (Date.now() - fetchStart) / this.stats.fetched;
        this.o.onProgress?.({ forceId: this.forceId, done: this.stats.fetched, toFetch: todo.length, etaMs: Math.round(per * (todo.length - this.stats.fetched)) });
      }
    } catch (e) {
      result.ok = false;
      result.errors.unshift((e as Error).message);
    }
    result.requests = this.http.requests - requestsBefore;
    result.durationMs = Date.now() - started;
    return result;
  }

  /** The force's platform scraper for URLs of its shape; the generic one for a former scheme it does not know. */
  private scraperFor(url: string): PlatformId {
    const p = this.site.platform;
    if (p && p !== 'generic' && this.site.listingPath) {
      try {
        if (PLATFORMS[p].isArticleUrl(url, siteConfig(this.site, new URL(url).origin))) return p;
      } catch {
        /* the generic one reads it */
      }
    }
    return 'generic';
  }

  /**
   * One capture's raw snapshot as an archived page, following the archive's own redirects to the
   * nearest capture of the same page. A capture that redirects to another page, answers 404 or is not
   * HTML is handed on with its status (the pipeline notes it, never as the live site's answer); one
   * that failed this time (network, 5xx after retries) is left for the next run.
   */
  private async fetchCapture(c: Candidate, result: SourceResult): Promise<FetchedPage | null> {
    let url = snapshotUrl(this.archive, c.timestamp, c.original);
    const page = (status: number, headers: Headers, html: string, finalUrl: string, ts: string): FetchedPage => ({
      forceId: c.forceId,
      url: c.url,
      finalUrl,
      status,
      headers: Object.fromEntries(headers),
      html,
      via: 'archive',
      archivedAt: isoOf(ts),
      scraper: this.scraperFor(c.url),
      capture: { timestamp: c.timestamp, original: c.original },
      listed: null,
    });
    try {
      for (let hops = 0; hops <= 5; hops++) {
        const res = await this.http.get(url);
        const ts = url.match(/\/web\/(\d{14})id_\//)?.[1] ?? c.timestamp;
        if (res.status >= 300 && res.status < 400) {
          const loc = res.headers.get('location');
          const next = loc ? new URL(loc, url) : null;
          const m = next?.pathname.match(/^\/web\/(\d{14})id_\/(.+)$/s);
          // Only the same page at another time: a capture redirecting to another page (the article moved,
          // or a retired scheme sent to a news index) is not this release's text.
          if (!next || next.origin !== this.archive || !m || !samePage(m[2]! + next.search, c.original)) return page(res.status, res.headers, '', url, ts);
          url = next.toString();
          continue;
        }
        const type = res.headers.get('content-type');
        if (res.status === 200 && type && !/html/i.test(type)) return page(415, res.headers, '', url, ts);
        if (res.status !== 200 && res.status !== 404 && res.status !== 410) {
          result.errors.push(`${url}: status ${res.status} (asked again next run)`);
          return null;
        }
        return page(res.status, res.headers, decode(res.body, type), url, ts);
      }
      result.errors.push(`${url}: too many redirects (asked again next run)`);
      return null;
    } catch (e) {
      result.errors.push(`${e instanceof ArchiveHttpError ? e.message : `${url}: ${(e as Error).message}`} (asked again next run)`);
      return null;
    }
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
