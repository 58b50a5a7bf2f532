// Articles whose fetch failed (or did not read as an article), kept between runs in
// <dataDir>/crawl-state/<force>.pending.json and retried first thing next time: an incremental run
// stops paging at known pages, so without this list an old article that failed once would be lost.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalUrl } from '../release/index.ts';
import { safeSlug, writeFileAtomic } from '../release/files.ts';
import type { ListingItem } from '../../scrapers/index.ts';

interface PendingArticle {
  url: string;
  title: string;
  published: string | null;
  failures: number;
}

/** Runs in which an article may fail before it is dropped from the retry list (and reported). */
const MAX_PENDING_FAILURES = 5;

export class PendingArticles {
  private readonly file: string;
  private readonly byUrl: Map<string, PendingArticle>;

  constructor(dataDir: string, forceId: string) {
    this.file = join(dataDir, 'crawl-state', `${safeSlug(forceId, 60)}.pending.json`);
    this.byUrl = new Map();
    try {
      const list = JSON.parse(readFileSync(this.file, 'utf8')) as PendingArticle[];
      for (const p of list) if (typeof p?.url === 'string') this.byUrl.set(canonicalUrl(p.url), p);
    } catch {
      /* no list yet, or unreadable: start afresh */
    }
  }

  /** The articles to retry, as listing items. */
  items(): ListingItem[] {
    return [...this.byUrl.values()].map((p) => ({ url: p.url, title: p.title, published: p.published, summary: null }));
  }

  /** The article failed (again) in this run. */
  keep(item: ListingItem): void {
    const canon = canonicalUrl(item.url);
    const p = this.byUrl.get(canon);
    this.byUrl.set(canon, { url: item.url, title: item.title, published: item.published, failures: (p?.failures ?? 0) + 1 });
  }

  /** The article was read: no longer to retry. */
  forget(url: string): void {
    this.byUrl.delete(canonicalUrl(url));
  }

  /** Drop (and return) the articles that failed in too many runs. */
  giveUp(): PendingArticle[] {
    const dropped = [...this.byUrl.entries()].filter(([, p]) => p.failures >= MAX_PENDING_FAILURES);
    for (const [u] of dropped) this.byUrl.delete(u);
    return dropped.map(([, p]) => p);
  }

  save(): void {
    if (this.byUrl.size === 0) rmSync(this.file, { force: true });
    else writeFileAtomic(this.file, JSON.stringify([...this.byUrl.values()], null, 2) + '\n');
  }
}
