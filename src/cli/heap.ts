// How every `spo` process sizes its heap. A crawl allocates a page's worth of short-lived objects per
// request; left to its defaults V8 grows the heap to several times what is live (over 1 GB of RSS for
// a 5,000-page backfill, with about 150 MB live). Growing it by a fifth at a time keeps a long crawl
// in bounded memory. SPO_HEAP_GROWING_PERCENT overrides it (0: V8's own growth).
import v8 from 'node:v8';

export const DEFAULT_HEAP_GROWING_PERCENT = 20;

export function tuneHeap(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${process.env.SPO_HEAP_GROWING_PERCENT ?? DEFAULT_HEAP_GROWING_PERCENT}`);
}
