// A force read by its platform's scraper, and by the generic strategy when that scraper stops matching
// the site (a listing with no items, articles without a title or a date: a redesign). Both are page
// sources over the same known pages and the same sink, so the second pass stores what the first could
// not read, and says why it ran.
import type { KnownPages, PageSink, PageSource, SourceProgress, SourceResult, UnreadSink } from '../domain/pages.ts';

export class FallbackSource implements PageSource {
  readonly via = 'live' as const;
  constructor(
    private readonly primary: PageSource,
    private readonly fallback: PageSource,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get forceId(): string {
    return this.primary.forceId;
  }

  async run(known: KnownPages, sink: PageSink, unread: UnreadSink, progress?: SourceProgress): Promise<SourceResult> {
    const first = await this.primary.run(known, sink, unread, progress);
    if (first.ok || !first.mismatched) return first;
    const reason = `the ${first.strategy ?? 'platform'} scraper no longer matches: ${first.errors[0] ?? 'no items'}`;
    this.log(`${this.forceId}: ${reason}; reading it with the generic strategy`);
    const second = await this.fallback.run(known, sink, unread, progress);
    const out: SourceResult = { ...second, requests: first.requests + second.requests, durationMs: first.durationMs + second.durationMs, fallbackReason: reason, detection: second.detection ?? first.detection ?? null };
    if (!second.ok) out.errors = [`${reason}; the generic strategy could not read it either`, ...second.errors];
    return out;
  }
}
