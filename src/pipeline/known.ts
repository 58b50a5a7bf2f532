// What the store knows of a force's releases, as its source sees it (KnownPages) and as the pipeline
// keeps it up to date during a run: the releases, and the pages an earlier run could not finish.
import type { KnownPage, KnownPages, ListedPage } from '../domain/pages.ts';
import type { PendingRow, Store } from '../store/index.ts';

export interface KnownRelease extends KnownPage {
  releaseId: string;
  documentPath: string | null;
}

/** A page pending by canonical URL: to fetch again (retry), or not to request again (refused), and why. */
export interface PendingPage {
  page: ListedPage;
  state: PendingRow['state'];
  reason: string | null;
}

export class KnownReleases implements KnownPages {
  private readonly byUrl: Map<string, KnownRelease>;
  private readonly pendingByUrl: Map<string, PendingPage>;

  constructor(
    readonly lastSuccess: string | null,
    rows: Iterable<[string, KnownRelease]> = [],
    pending: Iterable<[string, PendingPage]> = [],
  ) {
    this.byUrl = new Map(rows);
    this.pendingByUrl = new Map(pending);
  }

  /** A force's releases as stored, with the time its last successful crawl finished and its pending pages. */
  static of(store: Store, forceId: string): KnownReleases {
    const lastSuccess = store.forces().find((f) => f.force_id === forceId)?.last_success_at ?? null;
    return new KnownReleases(
      lastSuccess,
      store.releasesOfForce(forceId).map((r) => [r.url, { releaseId: r.release_id, firstSeen: r.first_seen_at, isSpo: r.is_spo === 1, published: r.published, documentPath: r.document_path }]),
      store.pending.ofForce(forceId).map((p) => [p.url, { page: { url: p.listed_url, title: p.title, published: p.published }, state: p.state, reason: p.reason }]),
    );
  }

  get(canonicalUrl: string): KnownRelease | undefined {
    return this.byUrl.get(canonicalUrl);
  }

  set(canonicalUrl: string, release: KnownRelease): void {
    this.byUrl.set(canonicalUrl, release);
  }

  entries(): IterableIterator<[string, KnownRelease]> {
    return this.byUrl.entries();
  }

  retries(): ListedPage[] {
    return [...this.pendingByUrl.values()].filter((p) => p.state === 'retry').map((p) => p.page);
  }

  refusal(canonicalUrl: string): string | null {
    const p = this.pendingByUrl.get(canonicalUrl);
    return p?.state === 'refused' ? (p.reason ?? 'refused') : null;
  }

  /** Whether a page is pending (to retry or refused). */
  isPending(canonicalUrl: string): boolean {
    return this.pendingByUrl.has(canonicalUrl);
  }

  setPending(canonicalUrl: string, pending: PendingPage): void {
    this.pendingByUrl.set(canonicalUrl, pending);
  }

  forgetPending(canonicalUrl: string): void {
    this.pendingByUrl.delete(canonicalUrl);
  }
}
