// The crawl's one Crawlee adapter (src/crawl/request-queue.ts): a real HttpCrawler on the in-memory
// queue, against a server on 127.0.0.1. If a Crawlee upgrade changes how the crawler uses its queue
// (or starts accepting the documented `requestManager` option, so the adapter can go), this fails.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Configuration, HttpCrawler, log, LogLevel } from '@crawlee/http';
import { FetchHttpClient } from '../src/crawl/client.ts';
import { InMemoryRequestQueue, requestManagerOption } from '../src/crawl/request-queue.ts';

let server: http.Server;
let base: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  log.setLevel(LogLevel.OFF);
  server = http.createServer((req, res) => {
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><p>${req.url}</p></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const config = () => new Configuration({ persistStorage: false, purgeOnStart: true });

describe('the in-memory request queue under HttpCrawler', () => {
  it('runs every request queued (before and during the run), retries a failed one, and ends holding nothing', async () => {
    const queue = new InMemoryRequestQueue();
    const handled: string[] = [];
    let failedOnce = false;
    const crawler = new HttpCrawler(
      {
        ...requestManagerOption(queue),
        httpClient: new FetchHttpClient(),
        useSessionPool: false,
        maxConcurrency: 2,
        maxRequestRetries: 2,
        requestHandler: async ({ request, body }) => {
          if (request.label === 'flaky' && !failedOnce) {
            failedOnce = true;
            throw new Error('first attempt fails');
          }
          handled.push(`${request.label}:${new URL(request.url).pathname}:${String(body).includes('<p>')}`);
          if (request.label === 'start') {
            await crawler.addRequests([1, 2, 3].map((i) => ({ url: `${base}/child/${i}`, label: 'child' })));
            await crawler.addRequests([{ url: `${base}/flaky`, label: 'flaky' }]);
          }
        },
      },
      config(),
    );
    await crawler.addRequests([{ url: `${base}/start`, label: 'start' }]);
    await crawler.run();
    expect(handled.sort()).toEqual(['child:/child/1:true', 'child:/child/2:true', 'child:/child/3:true', 'flaky:/flaky:true', 'start:/start:true']);
    expect(hits.get('/flaky')).toBe(2);
    expect(queue.size).toBe(0);
    expect(await queue.handledCount()).toBe(5);
    expect(await queue.isFinished()).toBe(true);
  });

  it('the documented requestManager option is still refused by HttpCrawler (else use it and drop the adapter)', () => {
    const make = () => new HttpCrawler({ requestManager: new InMemoryRequestQueue(), requestHandler: async () => {} }, config());
    expect(make).toThrow(/requestManager/);
  });
});
