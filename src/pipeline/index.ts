// Runs the stages in their one direction: release documents -> extraction -> store -> orders.
// The crawler hands its release documents to processReleases(); `spo ingest` reads files through
// ingestEach(), which stores them a batch at a time.
import type { Extraction, ReleaseDocument } from '../domain/types.ts';
import { emptyForceSummary, type ForceRunSummary } from '../domain/run.ts';
import { forceById, forceByName, forceByUrl, type ForceEntry } from '../domain/forces.ts';
import { ReleaseError, canonicalUrl, contentHash, readReleaseBatches, releaseId } from '../release/index.ts';
import { extractRelease } from '../extract/index.ts';
import type { ReleaseEvent, Store } from '../store/index.ts';
import { resolveOrders } from '../orders/index.ts';

export interface ProcessedRelease {
  releaseId: string;
  /** The force it was stored under (null when none could be told). */
  forceId: string | null;
  id: string;
  path: string | null;
  event: ReleaseEvent;
  extraction: Extraction;
}

export interface ProcessOptions {
  source?: 'ingest' | 'crawl' | 'archive';
  runId?: number | null;
  /** The force the releases come from, when the caller knows it (the crawler does). */
  forceId?: string | null;
  /** Called for a document extraction fails on; it is skipped and the batch goes on. Without it, the error is thrown. */
  onError?: (doc: ReleaseDocument, error: Error) => void;
  /**
   * Re-resolve the orders in the batch's transaction (default true). A caller storing many small batches
   * (the crawler, one release at a time) passes false and calls resolveStoredOrders once at the end:
   * resolving rebuilds every order, so doing it per release makes a backfill quadratic.
   */
  resolveOrders?: boolean;
}

/** The force a release document belongs to: front matter first, then its URL, then the text. */
export function releaseForce(doc: ReleaseDocument, extraction: Extraction | null): ForceEntry | undefined {
  const fm = doc.frontMatter;
  return (
    (typeof fm.force === 'string' ? forceByName(fm.force) : undefined) ??
    (doc.url ? forceByUrl(doc.url) : undefined) ??
    (typeof fm.area === 'string' ? forceByName(`${fm.area} Police`) ?? forceByName(fm.area) : undefined) ??
    (extraction?.force ? forceByName(extraction.force) : undefined)
  );
}

/** An archived copy's snapshot URL and capture time, from its front matter (`archived`, `archived_at`). */
function archivedCopy(doc: ReleaseDocument): { url: string; at: string } | null {
  const fm = doc.frontMatter;
  if (typeof fm.archived !== 'string') return null;
  // YAML reads an unquoted ISO time as a Date.
  const raw = fm.archived_at as unknown;
  const at = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw : '';
  return { url: fm.archived, at };
}

/** Documents `spo ingest` reads, extracts and stores per transaction (a few MB of text at a time). */
export const INGEST_BATCH_SIZE = 1000;

export interface IngestOptions extends ProcessOptions {
  /** Documents per transaction (default INGEST_BATCH_SIZE). */
  batchSize?: number;
  /** Follow links that lead outside the paths given (`spo ingest --follow-symlinks`). */
  followSymlinks?: boolean;
}

/** Extract and store a batch of release documents in one transaction, then re-resolve orders. */
export function processReleases(store: Store, docs: ReleaseDocument[], opts: ProcessOptions = {}): ProcessedRelease[] {
  return storeBatch(store, docs, opts, opts.resolveOrders ?? true);
}

/** Resolve the orders of everything stored, in one transaction (nothing is done when nothing changed). */
export function resolveStoredOrders(store: Store): void {
  store.transaction(() => resolveOrders(store));
}

/** A release document with its extraction, ready to store. */
export interface ExtractedRelease {
  doc: ReleaseDocument;
  extraction: Extraction;
}

/** Extract the documents, then store them in one transaction; with `resolve`, orders are re-resolved in it. */
function storeBatch(store: Store, docs: ReleaseDocument[], opts: ProcessOptions, resolve: boolean): ProcessedRelease[] {
  const extracted = docs.flatMap((doc): ExtractedRelease[] => {
    try {
      return [{ doc, extraction: extractRelease(doc) }];
    } catch (e) {
      if (!opts.onError) throw e;
      opts.onError(doc, e as Error);
      return [];
    }
  });
  return storeExtracted(store, extracted, opts, resolve);
}

/** Store documents already extracted, in one transaction; with `resolve`, orders are re-resolved in it. */
export function storeExtracted(store: Store, extracted: ExtractedRelease[], opts: ProcessOptions, resolve: boolean): ProcessedRelease[] {
  const prepared = extracted.map(({ doc, extraction }) => {
    const force = (opts.forceId ? forceById(opts.forceId) : undefined) ?? releaseForce(doc, extraction);
    const url = doc.url ? canonicalUrl(doc.url) : null;
    return { doc, extraction, force, url, releaseId: releaseId(force?.id ?? null, url, doc.id) };
  });
  const events = store.transaction(() => {
    for (const p of prepared) if (p.force) store.ensureForce(p.force.id, p.force.name);
    const result = store.storeReleases(
      prepared.map((p) => ({
        releaseId: p.releaseId,
        forceId: p.force?.id ?? null,
        url: p.url,
        title: p.doc.title,
        published: p.doc.published ?? p.extraction.published,
        frontMatter: p.doc.frontMatter,
        body: p.doc.body,
        contentHash: contentHash(p.doc.body),
        documentPath: p.doc.path,
        source: opts.source ?? 'ingest',
        archived: archivedCopy(p.doc),
        extraction: p.extraction,
      })),
      opts.runId ?? null,
    );
    if (resolve) resolveOrders(store);
    return result;
  });
  return prepared.map((p, i) => ({
    releaseId: p.releaseId,
    forceId: p.force?.id ?? null,
    id: p.doc.id,
    path: p.doc.path,
    event: events[i]!.event,
    extraction: p.extraction,
  }));
}

/**
 * `spo ingest`: read files and folders, store them; bad files are reported and the rest go on.
 * Files are read, extracted and stored `batchSize` at a time, each batch in its own transaction, so
 * only one batch of texts is in memory and a failure loses nothing an earlier batch stored. The orders
 * are resolved once, in the last batch's transaction: the database ends as if the whole ingest were
 * one batch, and an ingest of up to `batchSize` files is stored with its orders or not at all. Errors
 * come as they always have: files that could not be read first, then documents extraction failed on.
 */
export function ingestPaths(store: Store, paths: string[], opts: IngestOptions = {}): { processed: ProcessedRelease[]; errors: ReleaseError[] } {
  const processed: ProcessedRelease[] = [];
  const { errors } = ingestEach(store, paths, (p) => processed.push(p), opts);
  return { processed, errors };
}

/**
 * ingestPaths without keeping every document's extraction in memory (what `spo ingest` runs): each
 * stored release is handed to `each` once its batch is committed. Returns the errors, as ingestPaths.
 */
export function ingestEach(store: Store, paths: string[], each: (p: ProcessedRelease) => void, opts: IngestOptions = {}): { errors: ReleaseError[] } {
  const readErrors: ReleaseError[] = [];
  const extractErrors: ReleaseError[] = [];
  const batchOpts: ProcessOptions = {
    ...opts,
    onError: (doc, e) => extractErrors.push(new ReleaseError(doc.path ?? doc.id, `extraction failed: ${e.message}`)),
  };
  let resolved = false;
  try {
    for (const batch of readReleaseBatches(paths, opts.batchSize ?? INGEST_BATCH_SIZE, { followSymlinks: opts.followSymlinks ?? false })) {
      for (const e of batch.errors) readErrors.push(e);
      if (!batch.releases.length && !batch.last) continue;
      const stored = storeBatch(store, batch.releases, batchOpts, batch.last);
      resolved = batch.last;
      for (const p of stored) each(p);
    }
  } catch (e) {
    // A batch failed (and was rolled back): resolve the orders of what earlier batches stored, then
    // report the batch's error, not any of this.
    if (!resolved) {
      try {
        store.transaction(() => resolveOrders(store));
      } catch {
        /* the batch's error is the one thrown */
      }
    }
    throw e;
  }
  return { errors: [...readErrors, ...extractErrors] };
}

/**
 * The run record of an ingest: one ForceRunSummary per force the documents were stored under (the
 * same shape as a crawl's; no requests, every document counted by what storing it did).
 */
export class IngestTally {
  private readonly byForce = new Map<string, ForceRunSummary>();
  private readonly started = Date.now();

  add(p: ProcessedRelease): void {
    // A document no force could be told for is in the run's summary only.
    const id = p.forceId;
    if (!id) return;
    let f = this.byForce.get(id);
    if (!f) this.byForce.set(id, (f = { ...emptyForceSummary(id), ok: true }));
    f[p.event]++;
    if (p.extraction.is_spo) f.releaseIds.push(p.releaseId);
  }

  forces(): ForceRunSummary[] {
    const ms = Date.now() - this.started;
    return [...this.byForce.values()].sort((a, b) => a.forceId.localeCompare(b.forceId)).map((f) => ({ ...f, durationMs: ms }));
  }
}
