// The archive's HTTP client: polite to one origin that serves every force. One request at a time for
// the whole archive (CDX queries and snapshots alike), a pause between requests, Retry-After honoured on
// 429/503, exponential backoff with jitter on 5xx and network errors. Hand-written on Node's fetch: the
// crawler's Crawlee stack is built for many origins and listing walks, and this is one queue of GETs.

export const ARCHIVE_USER_AGENT = 'spo-tracker/0.1 (archive backfill; +https://github.com/spo-tracker/spo-tracker)';

export interface PoliteOptions {
  /** Pause between the end of one request and the start of the next (default 1500 ms). */
  delayMs?: number;
  userAgent?: string;
  /** Retries after the first attempt on 429/503/5xx/network errors (default 5). */
  maxRetries?: number;
  /** First backoff on 5xx and network errors, doubled each retry (default 5000 ms). */
  retryBaseMs?: number;
  /** A Retry-After longer than this fails the request instead of waiting (default 600 s). */
  maxRetryAfterMs?: number;
  /** Per-request timeout (default 60 s: the archive is slow). */
  timeoutMs?: number;
  /** Bodies past this size are refused (default 10 MiB). */
  maxBytes?: number;
  /** Called before each wait longer than a second (progress lines). */
  onWait?: (ms: number, why: string) => void;
}

export interface ArchiveResponse {
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
}

/** The request could not be completed (retries exhausted, or a wait too long to honour). */
export class ArchiveHttpError extends Error {
  constructor(
    readonly url: string,
    message: string,
    readonly status: number | null,
  ) {
    super(`${url}: ${message}`);
  }
}

export const DEFAULT_DELAY_MS = 1500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class PoliteClient {
  readonly delayMs: number;
  /** Requests sent (each attempt counts). */
  requests = 0;
  /** Requests answered 429. */
  throttled = 0;
  private readonly o: Required<Omit<PoliteOptions, 'onWait'>> & Pick<PoliteOptions, 'onWait'>;
  private queue: Promise<unknown> = Promise.resolve();
  private nextAt = 0;

  constructor(opts: PoliteOptions = {}) {
    this.o = {
      delayMs: opts.delayMs ?? DEFAULT_DELAY_MS,
      userAgent: opts.userAgent ?? ARCHIVE_USER_AGENT,
      maxRetries: opts.maxRetries ?? 5,
      retryBaseMs: opts.retryBaseMs ?? 5000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 600_000,
      timeoutMs: opts.timeoutMs ?? 60_000,
      maxBytes: opts.maxBytes ?? 10 * 1024 * 1024,
      onWait: opts.onWait,
    };
    this.delayMs = this.o.delayMs;
  }

  /**
   * GET a URL, redirects not followed (the caller decides which to follow). Answers other than
   * 429/503/5xx are returned as they are; those are retried and, when retries run out, thrown.
   */
  get(url: string): Promise<ArchiveResponse> {
    // Callers may ask at once: requests still go one at a time, in the order asked.
    const run = this.queue.then(() => this.attempt(url, 0));
    this.queue = run.catch(() => {});
    return run;
  }

  private async waitTurn(): Promise<void> {
    const wait = this.nextAt - Date.now();
    if (wait > 1000) this.o.onWait?.(wait, 'archive politeness');
    await sleep(wait);
  }

  private async attempt(url: string, retry: number): Promise<ArchiveResponse> {
    await this.waitTurn();
    this.requests++;
    let res: Response;
    let body: Buffer;
    try {
      res = await fetch(url, {
        redirect: 'manual',
        headers: { 'user-agent': this.o.userAgent, accept: 'text/html,application/json;q=0.9,*/*;q=0.5' },
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > this.o.maxBytes) {
        await res.body?.cancel();
        throw new ArchiveHttpError(url, `response of ${declared} bytes is over the ${this.o.maxBytes}-byte limit`, res.status);
      }
      body = Buffer.from(await res.arrayBuffer());
      if (body.length > this.o.maxBytes) throw new ArchiveHttpError(url, `response over the ${this.o.maxBytes}-byte limit`, res.status);
    } catch (e) {
      if (e instanceof ArchiveHttpError) {
        this.nextAt = Date.now() + this.o.delayMs;
        throw e;
      }
      // Network error or timeout: back off, then retry.
      if (retry >= this.o.maxRetries) {
        this.nextAt = Date.now() + this.o.delayMs;
        throw new ArchiveHttpError(url, `${(e as Error).message} (after ${retry + 1} attempts)`, null);
      }
      this.nextAt = Date.now() + Math.max(this.o.delayMs, backoff(this.o.retryBaseMs, retry));
      return this.attempt(url, retry + 1);
    }
    this.nextAt = Date.now() + this.o.delayMs;
    const status = res.status;
    if (status === 429 || status === 503 || status >= 500) {
      if (status === 429) this.throttled++;
      const ra = status === 429 || status === 503 ? retryAfterMs(res.headers.get('retry-after')) : null;
      if (ra !== null && ra > this.o.maxRetryAfterMs) throw new ArchiveHttpError(url, `${status} with Retry-After ${Math.round(ra / 1000)} s, over the ${Math.round(this.o.maxRetryAfterMs / 1000)} s limit`, status);
      if (retry >= this.o.maxRetries) throw new ArchiveHttpError(url, `${status} after ${retry + 1} attempts`, status);
      // Retry-After is the archive's own answer; without one, back off (never sooner than the pause).
      const wait = ra ?? backoff(this.o.retryBaseMs, retry);
      this.nextAt = Date.now() + Math.max(this.o.delayMs, wait);
      return this.attempt(url, retry + 1);
    }
    return { url, status, headers: res.headers, body };
  }
}

function backoff(baseMs: number, retry: number): number {
  return Math.min(baseMs * 2 ** Math.min(retry, 6), 300_000) * (0.8 + Math.random() * 0.4);
}
