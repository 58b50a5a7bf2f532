// What the store knows of a force's releases, as its source sees it (KnownPages) and as the pipeline
// keeps it up to date during a run.
import type { KnownPage, KnownPages } from '../domain/pages.ts';
import type { Store } from '../store/index.ts';

export interface KnownRelease extends KnownPage {
  releaseId: string;
  documentPath: string | null;
}

export class KnownReleases implements KnownPages {
  private readonly byUrl: Map<string, KnownRelease>;

  constructor(
    readonly lastSuccess: string | null,
    rows: Iterable<[string, KnownRelease]> = [],
  ) {
    this.byUrl = new Map(rows);
  }

  /** A force's releases as stored, with the time its last successful crawl finished. */
  static of(store: Store, forceId: string): KnownReleases {
    const lastSuccess = store.forces().find((f) => f.force_id === forceId)?.last_success_at ?? null;
    return new KnownReleases(
      lastSuccess,
      store.releasesOfForce(forceId).map((r) => [r.url, { releaseId: r.release_id, firstSeen: r.first_seen_at, isSpo: r.is_spo === 1, published: r.published, documentPath: r.document_path }]),
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
}
