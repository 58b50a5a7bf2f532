// Crawlee's request queue, replaced by a plain in-memory FIFO that implements Crawlee's public
// IRequestManager interface.
//
// The adapter (the one workaround of a missing extension point): the crawler's documented
// `requestManager` option is refused by the options check of HttpCrawler in Crawlee 3.18 (its
// optionsShape lacks the key), so requestManagerOption() passes the queue as `requestQueue`, which
// Crawlee checks by duck typing (fetchNextRequest, addRequest) and then uses through IRequestManager.
//
// Why: Crawlee's default queue keeps every request of the run in its memory storage (serialised, with
// a million-slot deduplication table and an id cache per queue) and walks past the handled ones each
// time it looks for the next: quadratic in a 20,000-page backfill, and tens of MB per force crawled at
// once. This one holds only what is waiting or in flight; a handled request is forgotten. Nothing is
// deduplicated here: the crawl refuses a URL it has queued before (SiteCrawl's `enqueued` set).
// test/request-queue.test.ts runs a real crawler on it, so a Crawlee upgrade that changes the contract fails there.
import { type Dictionary, Request, type IRequestManager, type RequestProvider, type RequestQueueOperationInfo, type RequestQueueOperationOptions, type Source } from '@crawlee/http';

type RequestsLike = AsyncIterable<Source | string> | Iterable<Source | string>;
type BatchResult = Awaited<ReturnType<IRequestManager['addRequestsBatched']>>;
type ProcessedRequest = BatchResult['addedRequests'][number];

export class InMemoryRequestQueue implements IRequestManager {
  private waiting: Request[] = [];
  /** Index of the next waiting request (the array is compacted now and then, not shifted per request). */
  private head = 0;
  private readonly inFlight = new Set<Request>();
  private handled = 0;
  private total = 0;
  private nextId = 0;

  async isFinished(): Promise<boolean> {
    return this.head >= this.waiting.length && this.inFlight.size === 0;
  }

  async isEmpty(): Promise<boolean> {
    return this.head >= this.waiting.length;
  }

  async handledCount(): Promise<number> {
    return this.handled;
  }

  getTotalCount(): number {
    return this.total;
  }

  getPendingCount(): number {
    return this.waiting.length - this.head + this.inFlight.size;
  }

  /** Requests held (waiting or in flight): what the queue costs in memory. */
  get size(): number {
    return this.getPendingCount();
  }

  async fetchNextRequest<T extends Dictionary = Dictionary>(): Promise<Request<T> | null> {
    if (this.head >= this.waiting.length) return null;
    const r = this.waiting[this.head]!;
    this.waiting[this.head++] = undefined as unknown as Request;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    this.inFlight.add(r);
    return r as unknown as Request<T>;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (let r = await this.fetchNextRequest(); r; r = await this.fetchNextRequest()) yield r;
  }

  async markRequestHandled(request: Request): Promise<RequestQueueOperationInfo | null> {
    this.inFlight.delete(request);
    this.handled++;
    request.handledAt ??= new Date().toISOString();
    return this.info(request, false, true);
  }

  async reclaimRequest(request: Request, options: RequestQueueOperationOptions = {}): Promise<RequestQueueOperationInfo | null> {
    this.inFlight.delete(request);
    if (options.forefront) this.waiting.splice(this.head, 0, request);
    else this.waiting.push(request);
    return this.info(request, true, false, options.forefront);
  }

  async addRequest(source: Source | string, options: RequestQueueOperationOptions = {}): Promise<RequestQueueOperationInfo> {
    const request = source instanceof Request ? source : new Request(typeof source === 'string' ? { url: source } : (source as ConstructorParameters<typeof Request>[0]));
    request.id ??= `r${++this.nextId}`;
    this.total++;
    if (options.forefront) this.waiting.splice(this.head, 0, request);
    else this.waiting.push(request);
    return this.info(request, false, false, options.forefront);
  }

  async addRequestsBatched(requests: RequestsLike, options: RequestQueueOperationOptions = {}): Promise<BatchResult> {
    const added: ProcessedRequest[] = [];
    for await (const source of requests as AsyncIterable<Source | string>) {
      const info = await this.addRequest(source, options);
      added.push({ uniqueKey: info.uniqueKey, requestId: info.requestId, wasAlreadyPresent: false, wasAlreadyHandled: false });
    }
    return { addedRequests: added, waitForAllRequestsToBeAdded: Promise.resolve([]) };
  }

  private info(request: Request, present: boolean, handled: boolean, forefront = false): RequestQueueOperationInfo {
    return { requestId: request.id!, uniqueKey: request.uniqueKey, wasAlreadyPresent: present, wasAlreadyHandled: handled, forefront };
  }
}

/** The crawler option that makes a crawler use `queue` (see the adapter note at the top). */
export function requestManagerOption(queue: InMemoryRequestQueue): { requestQueue: RequestProvider } {
  return { requestQueue: queue as unknown as RequestProvider };
}
