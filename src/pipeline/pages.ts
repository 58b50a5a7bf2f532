// What the pipeline does with a fetched page, once per page: read it with its scraper, decide what it
// is (an ordinary release, recorded as seen; a possible SPO release, turned into a release document
// and extracted once; a withdrawn release; a page the scraper no longer matches), then store it.
//
// The source gets its answer at once; the costly part (extraction, the release file, the store) is
// queued and done a few pages at a time on later turns of the event loop, so the crawler keeps its
// requests in flight meanwhile. drain() finishes the queue at the end of a force.
//
// A page that could not be finished (its fetch failed, it did not read as an article, its release
// document could not be written) is kept to retry in the store, in the transaction that stores the rest
// of the page, and forgotten in the one that finally stores it. A release document or a store write that
// fails (a full disk) fails the force: its last success does not move, so the next run reads it again.
import type { FetchedPage, ListedPage, PageOutcome, UnreadSink } from '../domain/pages.ts';
import type { ForceRunSummary } from '../domain/run.ts';
import type { ReleaseFrontMatter } from '../domain/types.ts';
import { PLATFORMS, type Article, type PlatformId } from '../../scrapers/index.ts';
import { canonicalUrl, parseRelease, releaseId, serializeRelease } from '../release/index.ts';
import { releasePath, writeFileAtomicAsync } from '../release/files.ts';
import { mayMentionSpo, mentionsSpo } from '../extract/relevance.ts';
import { extractRelease } from '../extract/index.ts';
import type { ArchiveCaptureInput, PendingPageInput, SeenReleaseInput, Store } from '../store/index.ts';
import { storeExtracted, type ExtractedRelease, type ProcessedRelease } from './index.ts';
import type { KnownReleases } from './known.ts';

/** Ordinary releases recorded per transaction: one per page was most of the store's cost in a backfill. */
const SEEN_BATCH = 200;
/** Candidates extracted per turn of the event loop (each is a few ms of CPU). */
const CANDIDATES_PER_TURN = 4;
/** Release documents being written at once. */
const WRITES_IN_FLIGHT = 8;
/** Extracted documents held for writing at most: past it, extraction waits for writes to end. */
const MAX_WRITING = 32;
/** Pages read and not yet stored past which the source is asked to wait (each holds its page's text). */
export const MAX_BACKLOG = 64;
/** Runs in which a page's fetch or reading may fail (the site's fault) before it is no longer retried, loudly. */
const MAX_FAILED_RUNS = 5;

export interface PagePipelineOptions {
  forceId: string;
  forceName: string;
  known: KnownReleases;
  dataDir: string;
  runId: number | null;
  log: (line: string) => void;
}

/** A release that may be about an SPO, waiting for extraction. */
interface Candidate {
  /** The archived copy it was read from, when it came from a web archive. */
  archived: FetchedPage | null;
  /** The page as listed (what is fetched again if it cannot be stored). */
  listed: ListedPage;
  canon: string;
  title: string;
  published: string | null;
  frontMatter: ReleaseFrontMatter;
  body: string;
}

/** An extracted SPO release on its way to the store: its document waiting to be written, being written, or written (or failed). */
interface WrittenCandidate {
  c: Candidate;
  x: ExtractedRelease;
  path: string;
  text: string;
  firstSeen: string | null;
  state: 'waiting' | 'writing' | 'ended';
  error: Error | null;
}

/** A promise and its resolve function (Promise.withResolvers, which Node 20 lacks). */
interface Waiter {
  promise: Promise<void>;
  resolve: () => void;
}

function waiter(): Waiter {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** What the pipeline stored for one force in this run (the counts of its ForceRunSummary). */
export type StoredTally = Pick<ForceRunSummary, 'new' | 'changed' | 'unchanged' | 'gone' | 'seen' | 'releaseIds' | 'errors'>;

export class PagePipeline {
  readonly tally: StoredTally = { new: 0, changed: 0, unchanged: 0, gone: 0, seen: 0, releaseIds: [], errors: [] };
  private readonly seen: SeenReleaseInput[] = [];
  private readonly candidates: Candidate[] = [];
  private scheduled = false;
  /** Extracted SPO releases in the order they were read, until stored. */
  private readonly written: WrittenCandidate[] = [];
  /** The release document about to be written at a path (its URL): a second release must not take that name. */
  private readonly urlAboutToBeWritten = (path: string): string | undefined => this.written.find((w) => w.path === path)?.c.canon;
  private roomWaiter: Waiter | null = null;
  private idleWaiter: Waiter | null = null;
  /**
   * Why the force failed on this side (a release document or a store write that failed), else null:
   * what was read was not all kept, so the run must not count as a success.
   */
  failure: string | null = null;

  constructor(
    private readonly store: Store,
    private readonly o: PagePipelineOptions,
  ) {}

  /** The sink a source hands its pages to. */
  readonly take = (page: FetchedPage): PageOutcome => {
    let outcome: PageOutcome;
    try {
      outcome = this.classify(page);
    } catch (e) {
      this.error(`article ${page.url}: ${(e as Error).message}`);
      outcome = { kind: 'accepted' };
    }
    const room = this.room();
    return room ? { ...outcome, room } : outcome;
  };

  /** Where the source reports a page it could not read: to retry next run, or not to request again. */
  readonly unread: UnreadSink = (page, reason, retry) => {
    const canon = canonicalUrl(page.url);
    try {
      if (retry) this.retryLater(canon, page, reason, true);
      else {
        this.store.transaction(() => this.store.pending.refuse(this.o.forceId, pendingInput(canon, page), reason, this.o.runId));
        this.o.known.setPending(canon, { page, state: 'refused', reason });
      }
    } catch (e) {
      this.fail(`could not record ${page.url} as ${retry ? 'to retry' : 'not to request again'}: ${(e as Error).message}`);
    }
  };

  /** The page is fetched again next run; past MAX_FAILED_RUNS failures of the site's, it is given up (reported). */
  private retryLater(canon: string, page: ListedPage, reason: string, sitesFault: boolean): void {
    const failures = this.store.transaction(() => {
      const n = this.store.pending.retry(this.o.forceId, pendingInput(canon, page), reason, this.o.runId, sitesFault);
      if (n >= MAX_FAILED_RUNS) this.store.pending.forget(this.o.forceId, [canon]);
      return n;
    });
    if (failures >= MAX_FAILED_RUNS) {
      this.o.known.forgetPending(canon);
      this.error(`article ${page.url}: given up after ${failures} failed runs`);
    } else this.o.known.setPending(canon, { page, state: 'retry', reason });
  }

  /** The pending ones among pages read: forgotten in the caller's transaction (call settlePending after it commits). */
  private forgetPending(canons: readonly string[]): string[] {
    const pending = canons.filter((c) => this.o.known.isPending(c));
    if (pending.length) this.store.pending.forget(this.o.forceId, pending);
    return pending;
  }

  private settlePending(canons: readonly string[]): void {
    for (const c of canons) this.o.known.forgetPending(c);
  }

  /** A live page read without storing anything: no longer pending. */
  private readWithoutStoring(canon: string): void {
    if (!this.o.known.isPending(canon)) return;
    try {
      this.settlePending(this.store.transaction(() => this.forgetPending([canon])));
    } catch (e) {
      this.error(`could not take ${canon} off the list to retry: ${(e as Error).message}`);
    }
  }

  private classify(page: FetchedPage): PageOutcome {
    const canon = canonicalUrl(page.url);
    const k = this.o.known.get(canon);
    const archived = page.via === 'archive' ? page : null;
    // An archive's 404 or redirect capture says nothing about the live site: the capture is only noted.
    if (archived && page.status !== 200) {
      this.recordCapture(archived, 'dead', null, `status ${page.status} from the archive`);
      return { kind: 'missing' };
    }
    if (page.status === 404 || page.status === 410) {
      if (!k) {
        if (!archived) this.readWithoutStoring(canon);
        return { kind: 'missing' };
      }
      const { gone, forgotten } = this.store.transaction(() => ({ gone: this.store.markGone([k.releaseId], this.o.runId), forgotten: archived ? [] : this.forgetPending([canon]) }));
      this.settlePending(forgotten);
      this.tally.gone += gone;
      return { kind: 'gone' };
    }
    const scraper = PLATFORMS[page.scraper as PlatformId];
    if (!scraper) throw new Error(`no scraper "${page.scraper}"`);
    let article: Article;
    try {
      article = scraper.parseArticle(page.html, page.url);
    } catch (e) {
      return this.mismatch(page, archived, `article ${page.url} could not be parsed: ${(e as Error).message}`);
    }
    // Most releases are not about SPOs: one regular expression over the raw page settles that, and the
    // body (furniture stripping, Markdown) is only built for the few that may be. Where the scraper
    // knows the text the body comes from, the words must be there (or in the title or description),
    // not only in the "Related news" of the sidebar.
    const outside = article.textOutsideFurniture;
    const mayBeSpo = mayMentionSpo(page.html) && (outside === undefined || mayMentionSpo(`${article.title ?? ''}\n${article.description ?? ''}\n${outside}`));
    if (!article.title || (mayBeSpo && article.bodyMarkdown.trim().length < 20)) {
      return this.mismatch(page, archived, `article ${page.url} does not match the ${page.scraper} scraper (no title or no text)`);
    }
    // A platform's article page carries its date (its scraper was written for it): a page without one
    // means the site changed under the scraper. The generic strategy may fall back on the listing's date.
    if (page.scraper !== 'generic' && !article.published) {
      return this.mismatch(page, archived, `article ${page.url} does not match the ${page.scraper} scraper (no date)`);
    }
    const title = article.title;
    const published = article.published ?? page.listed?.published ?? null;
    if (mayBeSpo && mentionsSpo(`${title}\n${article.description ?? ''}\n${article.bodyMarkdown}`)) {
      const frontMatter: ReleaseFrontMatter = { title, url: canon, force: this.o.forceName };
      if (published) frontMatter.published = published;
      if (article.publishedZoned) frontMatter.published_at = article.publishedZoned;
      if (Object.keys(article.og).length) frontMatter.og = article.og;
      if (archived) {
        frontMatter.archived = archived.finalUrl;
        if (archived.archivedAt) frontMatter.archived_at = archived.archivedAt;
      }
      this.candidates.push({ archived, listed: listedPage(page), canon, title, published, frontMatter, body: article.bodyMarkdown });
      this.schedule();
    } else if (archived) this.recordCapture(archived, 'not-spo', null, null);
    else this.recordSeen(canon, title, published);
    return { kind: 'accepted' };
  }

  /** A page its scraper cannot read: a live one is retried next run; an archived one is noted as such (an old layout is not retried). */
  private mismatch(page: FetchedPage, archived: FetchedPage | null, reason: string): PageOutcome {
    if (archived) this.recordCapture(archived, 'unreadable', null, reason);
    else {
      try {
        this.retryLater(canonicalUrl(page.url), listedPage(page), reason, true);
      } catch (e) {
        this.fail(`could not record ${page.url} as to retry: ${(e as Error).message}`);
      }
    }
    return { kind: 'mismatch', reason };
  }

  /** Note an archived capture as fetched, with what came of it (in the caller's transaction, if any). */
  private recordCapture(page: FetchedPage, outcome: ArchiveCaptureInput['outcome'], releaseId: string | null, detail: string | null): void {
    const c = captureOf(page, this.o.forceId, outcome, releaseId, detail);
    if (!c) return;
    try {
      this.store.transaction(() => this.store.recordCapture(c, this.o.runId));
    } catch (e) {
      this.error(`could not record the capture ${page.finalUrl}: ${(e as Error).message}`);
    }
  }

  /** An ordinary release: remembered as seen (once), in batches. */
  private recordSeen(canon: string, title: string, published: string | null): void {
    if (this.o.known.get(canon)) {
      this.readWithoutStoring(canon);
      return;
    }
    const id = releaseId(this.o.forceId, canon, '');
    this.seen.push({ releaseId: id, forceId: this.o.forceId, url: canon, title, published });
    this.tally.seen++;
    this.o.known.set(canon, { releaseId: id, firstSeen: new Date().toISOString(), isSpo: false, published, documentPath: null });
    if (this.seen.length >= SEEN_BATCH) this.flushSeen();
  }

  private flushSeen(): void {
    if (!this.seen.length) return;
    const batch = this.seen.splice(0);
    try {
      this.settlePending(
        this.store.transaction(() => {
          this.store.storeSeen(batch);
          return this.forgetPending(batch.map((s) => s.url));
        }),
      );
    } catch (e) {
      this.fail(`could not record ${batch.length} release(s) seen: ${(e as Error).message}`);
    }
  }

  /** Extraction is done a few candidates per turn of the event loop, so the source's requests stay in flight. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.extractSome();
      if (this.candidates.length && this.written.length < MAX_WRITING) this.schedule();
      this.settleIfIdle();
    });
  }

  /**
   * Extract a few candidates (each exactly once). The SPO ones go on to have their release document
   * written; the others are ordinary releases after all and are recorded as seen.
   */
  private extractSome(): void {
    for (const c of this.candidates.splice(0, CANDIDATES_PER_TURN)) {
      let path: string;
      let text: string;
      let x: ExtractedRelease;
      const k = this.o.known.get(c.canon);
      try {
        path = releasePath(this.o.dataDir, this.o.forceId, c.published, c.canon, k?.documentPath ?? null, this.urlAboutToBeWritten);
        text = serializeRelease(c.frontMatter, c.body);
        const doc = parseRelease(text, path);
        x = { doc, extraction: extractRelease(doc) };
      } catch (e) {
        this.error(`article ${c.canon}: ${(e as Error).message}`);
        continue;
      }
      if (!x.extraction.is_spo) {
        if (c.archived) this.recordCapture(c.archived, 'not-spo', null, null);
        else this.recordSeen(c.canon, c.title, c.published);
        continue;
      }
      this.written.push({ c, x, path, text, firstSeen: k?.firstSeen ?? null, state: 'waiting', error: null });
    }
    this.startWrites();
  }

  /**
   * Start writing release documents, up to WRITES_IN_FLIGHT at once (each waits on the thread pool and
   * an fsync; one at a time, they could not keep up with the crawl). Two documents for one path (two
   * captures of one page) are never written at once: the later waits, so the file ends as it is stored.
   */
  private startWrites(): void {
    const writing = this.written.filter((w) => w.state === 'writing');
    for (const w of this.written) {
      if (writing.length >= WRITES_IN_FLIGHT) return;
      if (w.state !== 'waiting' || writing.some((o) => o.path === w.path)) continue;
      w.state = 'writing';
      writing.push(w);
      writeFileAtomicAsync(w.path, w.text).then(
        () => this.writeEnded(w, null),
        (e: Error) => this.writeEnded(w, e),
      );
    }
  }

  private writeEnded(w: WrittenCandidate, error: Error | null): void {
    w.state = 'ended';
    w.error = error;
    this.storeWritten();
    this.startWrites();
    if (this.candidates.length) this.schedule();
    this.settleIfIdle();
  }

  /**
   * Store the written documents, in the order they were read (what a release and its orders become can
   * depend on the ones stored before it), in one transaction: every document ended at the head of the
   * list, none after one still being written.
   */
  private storeWritten(): void {
    let n = 0;
    while (n < this.written.length && this.written[n]!.state === 'ended') n++;
    if (!n) return;
    const ended = this.written.splice(0, n);
    for (const w of ended) {
      // A full disk, a read-only folder: the release is not kept, so it is retried and the force fails.
      if (w.error) this.notKept(w.c, `could not write the release document ${w.path}: ${w.error.message}`);
    }
    const spo = ended.filter((w) => !w.error);
    if (!spo.length) return;
    let stored: ProcessedRelease[];
    let forgotten: string[] = [];
    try {
      // Archived copies are stored as such (never replacing a live text), with their captures noted in
      // the same transaction: a killed backfill has either both or neither.
      stored = this.store.transaction(() => {
        const live = spo.filter((s) => !s.c.archived);
        const archived = spo.filter((s) => s.c.archived);
        const opts = { forceId: this.o.forceId, runId: this.o.runId };
        const a = live.length ? storeExtracted(this.store, live.map((s) => s.x), { ...opts, source: 'crawl' }, false) : [];
        const b = archived.length ? storeExtracted(this.store, archived.map((s) => s.x), { ...opts, source: 'archive' }, false) : [];
        archived.forEach((s, i) => {
          const c = captureOf(s.c.archived!, this.o.forceId, 'spo', b[i]?.releaseId ?? null, null);
          if (c) this.store.recordCapture(c, this.o.runId);
        });
        forgotten = this.forgetPending(live.map((s) => s.c.canon));
        spo.splice(0, spo.length, ...live, ...archived);
        return [...a, ...b];
      });
    } catch (e) {
      const msg = `could not store ${spo.length} SPO release(s): ${(e as Error).message}`;
      for (const s of spo) this.notKept(s.c, msg);
      return;
    }
    this.settlePending(forgotten);
    stored.forEach((p, i) => {
      const { c, firstSeen } = spo[i]!;
      this.tally[p.event]++;
      this.tally.releaseIds.push(p.releaseId);
      this.o.known.set(c.canon, { releaseId: p.releaseId, firstSeen: firstSeen ?? new Date().toISOString(), isSpo: true, published: c.published, documentPath: p.path });
      if (p.event !== 'unchanged') this.o.log(`${this.o.forceId}: ${p.event} SPO release ${c.canon}`);
    });
  }

  /** Pages read and not yet stored: candidates waiting for extraction, and documents waiting or being written. */
  private get backlog(): number {
    return this.candidates.length + this.written.length;
  }

  /**
   * When the backlog is past MAX_BACKLOG, a promise that resolves once it is down to half: the source
   * waits on it before it reads more, so a slow disk slows the crawl instead of filling memory.
   */
  private room(): Promise<void> | undefined {
    if (this.backlog < MAX_BACKLOG) return undefined;
    this.roomWaiter ??= waiter();
    return this.roomWaiter.promise;
  }

  /** Resolve what waits on the backlog (room for the source, the end of drain) once it allows. */
  private settleIfIdle(): void {
    if (this.roomWaiter && this.backlog <= MAX_BACKLOG / 2) {
      this.roomWaiter.resolve();
      this.roomWaiter = null;
    }
    // (A document being written is still in the backlog: `written` holds it until it is stored.)
    if (this.idleWaiter && this.backlog === 0) {
      this.idleWaiter.resolve();
      this.idleWaiter = null;
    }
  }

  /** Finish everything queued (at the end of the force's source). */
  async drain(): Promise<void> {
    if (this.backlog) {
      this.idleWaiter ??= waiter();
      this.schedule();
      await this.idleWaiter.promise;
    }
    this.flushSeen();
  }

  /** An SPO release read but not kept (its document or its row could not be written): retried next run, and the force fails. */
  private notKept(c: Candidate, reason: string): void {
    this.fail(reason);
    if (c.archived) return; // the capture is not recorded as fetched, so a resumed backfill fetches it again
    try {
      // Not the site's fault: this does not count towards giving the page up.
      this.retryLater(c.canon, c.listed, reason, false);
    } catch (e) {
      this.error(`could not record ${c.listed.url} as to retry: ${(e as Error).message}`);
    }
  }

  /** The force fails on this side: the first reason is kept (and every one is an error line). */
  private fail(msg: string): void {
    this.failure ??= msg;
    this.error(msg);
  }

  private error(msg: string): void {
    if (this.tally.errors.length < 100) this.tally.errors.push(msg);
  }
}

/** The page as its source listed it (its title and date from the listing, when it gave them). */
function listedPage(page: FetchedPage): ListedPage {
  return { url: page.url, title: page.listed?.title ?? '', published: page.listed?.published ?? null };
}

function pendingInput(canon: string, page: ListedPage): PendingPageInput {
  return { url: canon, listedUrl: page.url, title: page.title, published: page.published };
}

/** The record of an archived page's capture (none for a page without one). */
function captureOf(page: FetchedPage, forceId: string, outcome: ArchiveCaptureInput['outcome'], releaseId: string | null, detail: string | null): ArchiveCaptureInput | null {
  if (!page.capture) return null;
  return { url: canonicalUrl(page.url), timestamp: page.capture.timestamp, forceId, original: page.capture.original, snapshot: page.finalUrl, outcome, releaseId, detail };
}
