// Runs the stages in their one direction: release documents -> extraction -> store -> orders.
// Both `spo ingest` and the crawler hand their release documents to processReleases().
import type { Extraction, ReleaseDocument } from '../domain/types.ts';
import { forceById, forceByName, forceByUrl, type ForceEntry } from '../domain/forces.ts';
import { ReleaseError, canonicalUrl, contentHash, readReleases, releaseId } from '../release/index.ts';
import { extractRelease } from '../extract/index.ts';
import type { ReleaseEvent, Store } from '../store/index.ts';
import { resolveOrders } from '../diff/index.ts';

export interface ProcessedRelease {
  releaseId: string;
  id: string;
  path: string | null;
  event: ReleaseEvent;
  extraction: Extraction;
}

export interface ProcessOptions {
  source?: 'ingest' | 'crawl';
  runId?: number | null;
  /** The force the releases come from, when the caller knows it (the crawler does). */
  forceId?: string | null;
  /** Called for a document extraction fails on; it is skipped and the batch goes on. Without it, the error is thrown. */
  onError?: (doc: ReleaseDocument, error: Error) => void;
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

/** Extract and store a batch of release documents in one transaction, then re-resolve orders. */
export function processReleases(store: Store, docs: ReleaseDocument[], opts: ProcessOptions = {}): ProcessedRelease[] {
  const prepared = docs.flatMap((doc) => {
    let extraction: Extraction;
    try {
      extraction = extractRelease(doc);
    } catch (e) {
      if (!opts.onError) throw e;
      opts.onError(doc, e as Error);
      return [];
    }
    const force = (opts.forceId ? forceById(opts.forceId) : undefined) ?? releaseForce(doc, extraction);
    const url = doc.url ? canonicalUrl(doc.url) : null;
    return [{ doc, extraction, force, url, releaseId: releaseId(force?.id ?? null, url, doc.id) }];
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
        extraction: p.extraction,
      })),
      opts.runId ?? null,
    );
    resolveOrders(store);
    return result;
  });
  return prepared.map((p, i) => ({
    releaseId: p.releaseId,
    id: p.doc.id,
    path: p.doc.path,
    event: events[i]!.event,
    extraction: p.extraction,
  }));
}

/** `spo ingest`: read files and folders, store them; bad files are reported and the rest go on. */
export function ingestPaths(store: Store, paths: string[], opts: ProcessOptions = {}): { processed: ProcessedRelease[]; errors: ReleaseError[] } {
  const { releases, errors } = readReleases(paths);
  const processed = processReleases(store, releases, {
    ...opts,
    onError: (doc, e) => errors.push(new ReleaseError(doc.path ?? doc.id, `extraction failed: ${e.message}`)),
  });
  return { processed, errors };
}
