// The contract between sources and the pipeline. A source (the live crawl of a force's site; later a
// generic crawl of an unknown site, a web-archive backfill) fetches pages and hands each article page
// to the pipeline, which decides what it is (ordinary release, SPO release, gone, not what the scraper
// expects) and stores it. Sources read what is already known through KnownPages, never the database.

/** Where a page came from: the force's site as it is now, or a web archive's copy. */
export type PageVia = 'live' | 'archive';

/** An article page as a source fetched it. */
export interface FetchedPage {
  forceId: string;
  /** The article's URL as listed (for an archived copy: the original URL, not the snapshot's). */
  url: string;
  /** The URL the body came from, after redirects (for an archived copy: the snapshot URL). */
  finalUrl: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text (already decoded). Empty for a 404/410. */
  html: string;
  via: PageVia;
  /** When the archive captured it (ISO 8601), for an archived copy. */
  archivedAt?: string | null;
  /** Which scraper reads the page: a platform id (`soh`, `mynewsdesk`, ...). */
  scraper: string;
  /**
   * For an archived copy: the capture (its 14-digit time and the URL as the archive holds it). The
   * pipeline records it with what came of it, so a rerun or a resumed backfill never fetches it again.
   */
  capture?: { timestamp: string; original: string } | null;
  /** What the listing (or feed, or index) said about the page: used when the page itself lacks it. */
  listed?: { title: string; published: string | null } | null;
}

/**
 * What the pipeline made of a page. `accepted`: read and taken (stored, or recorded as seen);
 * `gone`: a 404/410 of a known release (marked withdrawn); `missing`: a 404/410 of a page never seen;
 * `mismatch`: the page does not read as an article of its scraper (a source keeps it to retry, and a
 * force whose pages stop matching is failed loudly).
 */
export type PageOutcome = ({ kind: 'accepted' } | { kind: 'gone' } | { kind: 'missing' } | { kind: 'mismatch'; reason: string }) & {
  /**
   * Present when the pipeline is behind (too many pages read and not yet stored): the source waits for
   * it before it hands over another page, so a slow disk slows the crawl rather than filling memory.
   */
  room?: Promise<void>;
};

/** How long a source waits at most for the pipeline to catch up (a request handler has a timeout of its own). */
export const MAX_ROOM_WAIT_MS = 60_000;

/** Wait until the pipeline has room for more pages (at once when it is not behind), for MAX_ROOM_WAIT_MS at most. */
export async function roomFor(outcome: PageOutcome): Promise<void> {
  if (!outcome.room) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([outcome.room, new Promise<void>((r) => (timer = setTimeout(r, MAX_ROOM_WAIT_MS)))]);
  clearTimeout(timer);
}

/** What the pipeline knows of a page already (by canonical URL). */
export interface KnownPage {
  /** ISO 8601 time the page was first seen. */
  firstSeen: string;
  isSpo: boolean;
  published: string | null;
}

/** A page as a listing (or feed, or sitemap) gave it: what is fetched again when it must be retried. */
export interface ListedPage {
  /** The URL as listed. */
  url: string;
  title: string;
  published: string | null;
}

/** The read-only view of what is stored about one force, given to its source. */
export interface KnownPages {
  /** When the last run that read this force to the end finished (null: never). */
  readonly lastSuccess: string | null;
  /** A page by canonical URL (see release/canonicalUrl); kept up to date as the run stores pages. */
  get(canonicalUrl: string): KnownPage | undefined;
  /** Every known page, for a full walk that re-checks known SPO releases no longer listed. */
  entries(): Iterable<[string, KnownPage]>;
  /**
   * Pages an earlier run could not finish (fetch failed, not readable as an article, release document
   * not written): fetched first thing, since an incremental walk stops at known pages.
   */
  retries(): ListedPage[];
  /** Why a page is not to be requested again by an incremental run (cut off at the size cap before), else null. */
  refusal(canonicalUrl: string): string | null;
}

/** Where a source hands its pages. The outcome comes back at once; storage may finish later. */
export type PageSink = (page: FetchedPage) => PageOutcome;

/**
 * Where a source reports an article page it could not read: `retry` (the fetch failed) to fetch it
 * again next run; otherwise (cut off at the size cap, past the page limits) not to request it again.
 */
export type UnreadSink = (page: ListedPage, reason: string, retry: boolean) => void;

/** What a source reports about reading one force (the pipeline adds what it stored). */
export interface SourceResult {
  forceId: string;
  ok: boolean;
  requests: number;
  errors: string[];
  durationMs: number;
  newestPublished: string | null;
  /** How the force was read: its platform's scraper id, or `generic` (issue 14). */
  strategy?: string;
  /** Why the generic strategy took over from the platform's scraper (it stopped matching), else null. */
  fallbackReason?: string | null;
  /** Platform detection on a force listed as unknown: the platform seen (null: none known) and its signs. */
  detection?: { platform: string | null; signs: string[] } | null;
  /** The source failed because its scraper no longer matches the pages (not because the site was unreachable). */
  mismatched?: boolean;
  /** Caps or the budget the source hit (page cap, size cap, wall-clock budget): the force is degraded, not ok. */
  warnings?: string[];
}

/** What a source tells as it reads, for progress (its SourceResult says what came of it in the end). */
export interface SourceProgress {
  /** A request was made (robots.txt, a listing page, an article, a sitemap or a feed). */
  request(): void;
  /** An error was recorded for the force. */
  error(): void;
}

/** A source of one force's pages. The pipeline runs sources (several at once) and stores what they yield. */
export interface PageSource {
  readonly forceId: string;
  readonly via: PageVia;
  /**
   * Fetch the force's pages, handing each article page to `sink` and each one it could not read to
   * `unread`; never throws for a failed force.
   */
  run(known: KnownPages, sink: PageSink, unread: UnreadSink, progress?: SourceProgress): Promise<SourceResult>;
}
