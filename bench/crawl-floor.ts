// The two comparison crawls of bench/crawl.bench.ts, each run as its own process the way the pipeline
// (`spo crawl`) is, so all three are timed alike: from the first request the replica serves to the
// process's exit, JIT and heap as cold as the pipeline's.
//   tsx bench/crawl-floor.ts crawlee|bare URLS_FILE CONCURRENCY [spo-heap|v8-heap]
// Prints {"pages": n, "bytes": n} as JSON. With spo-heap (the default) the process sizes its heap as
// every `spo` process does (src/cli/heap.ts, as the pipeline it is compared with); with v8-heap it keeps
// V8's own heap growth.
//   crawlee: Crawlee alone: the crawler's HttpCrawler with the same HTTP client and request queue,
//            its handler only decoding and cheerio.load-ing each page (what the crawl adds is judged
//            against this);
//   bare:    the fastest plain crawler: fetch + cheerio.load, CONCURRENCY at once, nothing else.
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { Configuration, HttpCrawler, log as crawleeLog, LogLevel } from '@crawlee/http';
import { FetchHttpClient } from '../src/crawl/client.ts';
import { decodeBody } from '../src/crawl/http.ts';
import { InMemoryRequestQueue, requestManagerOption } from '../src/crawl/request-queue.ts';
import { tuneHeap } from '../src/cli/heap.ts';

const [mode, file, conc, heap = 'spo-heap'] = process.argv.slice(2);
if (heap === 'spo-heap') tuneHeap();
else if (heap !== 'v8-heap') throw new Error(`unknown heap "${heap}" (spo-heap, v8-heap)`);
const urls = readFileSync(file!, 'utf8').split('\n').filter(Boolean);
const concurrency = Number(conc);
let bytes = 0;

if (mode === 'bare') {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const res = await fetch(url);
      const html = await res.text();
      bytes += html.length;
      cheerio.load(html);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
} else if (mode === 'crawlee') {
  crawleeLog.setLevel(LogLevel.OFF);
  // The pipeline's in-memory settings (no storage folder, system-info polling once a minute).
  const config = new Configuration({ persistStorage: false, purgeOnStart: true, systemInfoIntervalMillis: 60_000 });
  const crawler = new HttpCrawler(
    {
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      useSessionPool: false,
      persistCookiesPerSession: false,
      retryOnBlocked: false,
      httpClient: new FetchHttpClient(),
      ...requestManagerOption(new InMemoryRequestQueue()),
      requestHandler: async (ctx) => {
        const html = decodeBody(ctx.body as Buffer);
        bytes += html.length;
        cheerio.load(html);
      },
    },
    config,
  );
  await crawler.run(urls.map((url) => ({ url })));
} else throw new Error(`unknown mode "${mode}" (crawlee, bare)`);

process.stdout.write(JSON.stringify({ pages: urls.length, bytes }) + '\n');
