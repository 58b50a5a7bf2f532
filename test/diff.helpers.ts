// Helpers for the diff, orders and nightly tests: a store in a temp dir, and releases with hand-written
// extractions (so matching is tested on exactly the fields given, whatever extraction would find).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Extraction, Order, OrderMention } from '../src/domain/types.ts';
import { openStore, type ReleaseEvent, type Store } from '../src/store/index.ts';
import { canonicalUrl, contentHash, releaseId } from '../src/release/index.ts';
import { resolveOrders } from '../src/orders/index.ts';
import { forceById } from '../src/domain/forces.ts';

export function tempDir(prefix = 'spo-diff-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempStore(): Store {
  return openStore(join(tempDir(), 'spo.sqlite'));
}

export function order(o: Partial<Order>): OrderMention {
  return {
    age: null,
    sex: null,
    town: null,
    court: null,
    kind: null,
    made_on: null,
    duration: null,
    prohibitions: [],
    requirements: [],
    ...o,
    evidence: [],
    town_location: null,
  };
}

export interface TestRelease {
  url: string;
  force: string | null;
  published?: string | null;
  title?: string;
  body?: string;
  orders: Partial<Order>[];
  isSpo?: boolean;
}

/** Store releases the way the pipeline does (store, then resolve orders, in one transaction). */
export function put(store: Store, releases: TestRelease[], runId: number | null = null): { releaseId: string; event: ReleaseEvent }[] {
  return store.transaction(() => {
    const out = storeReleasesOnly(store, releases, runId);
    resolveOrders(store);
    return out;
  });
}

/** Store releases without resolving the orders (a test resolves them itself, to see what it did). */
export function storeReleasesOnly(store: Store, releases: TestRelease[], runId: number | null = null): { releaseId: string; event: ReleaseEvent }[] {
  return store.transaction(() => {
    for (const r of releases) if (r.force) store.ensureForce(r.force, forceById(r.force)?.name ?? r.force);
    const out = store.storeReleases(
      releases.map((r) => {
        const url = canonicalUrl(r.url);
        const id = releaseId(r.force, url, r.url);
        const body = r.body ?? `${r.title ?? r.url}\n\n${JSON.stringify(r.orders)}`;
        const extraction: Extraction = {
          id,
          is_spo: r.isSpo ?? true,
          force: r.force ? (forceById(r.force)?.name ?? r.force) : null,
          published: r.published ?? null,
          orders: r.orders.map(order),
          evidence: [],
        };
        return {
          releaseId: id,
          forceId: r.force,
          url,
          title: r.title ?? r.url,
          published: r.published ?? null,
          frontMatter: { title: r.title ?? r.url, url: r.url },
          body,
          contentHash: contentHash(body),
          documentPath: null,
          source: 'crawl' as const,
          extraction,
        };
      }),
      runId,
    );
    return out;
  });
}

export function idOf(force: string | null, url: string): string {
  return releaseId(force, canonicalUrl(url), url);
}

export function orders(store: Store): Record<string, unknown>[] {
  return store.db.prepare('SELECT * FROM orders ORDER BY first_seen_at, order_id').all() as Record<string, unknown>[];
}

export function mentionOrder(store: Store, url: string, force: string | null, ordinal = 0): string | null {
  const r = store.db
    .prepare('SELECT order_id FROM order_mentions WHERE release_id = ? AND ordinal = ?')
    .get(idOf(force, url), ordinal) as { order_id: string | null } | undefined;
  return r?.order_id ?? null;
}

export function links(store: Store): { order_id: string; other_order_id: string; link_type: string; reason: string }[] {
  return store.db.prepare('SELECT order_id, other_order_id, link_type, reason FROM order_links ORDER BY link_type').all() as {
    order_id: string;
    other_order_id: string;
    link_type: string;
    reason: string;
  }[];
}

/** A run recorded around fn, like the commands do. */
export function inRun<T>(store: Store, fn: (runId: number) => T): { runId: number; result: T } {
  const runId = store.startRun('test');
  const result = fn(runId);
  store.finishRun(runId, 'ok', {});
  return { runId, result };
}
