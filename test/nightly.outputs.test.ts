// The morning outputs of a nightly run (issue 17): a Markdown changelog beside changes/<run>.ndjson, and
// `--notify URL` posting new and changed orders as JSON, tested against a receiver on 127.0.0.1 (one
// that answers 200, one that answers 500, one that is not there).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runNightly, type CrawlFn } from '../src/nightly/index.ts';
import type { ForceRunSummary } from '../src/domain/run.ts';
import { put, tempDir, type TestRelease } from './diff.helpers.ts';

const RHYL: TestRelease = {
  url: 'https://www.northwales.police.uk/news/north-wales/news/2024/rhyl-spo/',
  force: 'north-wales',
  published: '2024-03-05T14:20',
  title: 'Rhyl man handed [order](javascript:alert(1)) <b>now</b>',
  orders: [{ age: 34, sex: 'male', town: 'Rhyl', kind: 'full', duration: 'P5Y', prohibitions: ['attend_address', 'contact'] }],
};

function crawlOf(plan: TestRelease[][]): CrawlFn {
  let run = 0;
  return async (store, opts) => {
    const releases = plan[run++] ?? [];
    put(store, releases, opts.runId ?? null);
    store.ensureForce('north-wales', 'North Wales Police');
    const r: ForceRunSummary = { forceId: 'north-wales', ok: true, requests: 1, new: releases.length, changed: 0, unchanged: 0, gone: 0, seen: 0, errors: [], durationMs: 1, newestPublished: null, releaseIds: [] };
    return { forces: [r] };
  };
}

const received: { path: string; type: string; body: unknown }[] = [];
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', body: JSON.parse(body) });
      res.statusCode = req.url === '/broken' ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('nightly outputs for people', () => {
  it('a Markdown changelog per run, beside the NDJSON, in words, with scraped text unable to make links or HTML', async () => {
    const dir = tempDir('spo-changelog-');
    const crawl = crawlOf([[RHYL], []]);
    const { summary } = await runNightly({ db: join(dir, 'spo.sqlite'), dataDir: dir }, { crawl });
    const md = readFileSync(join(dir, 'changes', `${summary.run_id}.md`), 'utf8');
    expect(summary.outputs.changelog).toBe(join(dir, 'changes', `${summary.run_id}.md`));
    expect(md).toMatch(new RegExp(`^# Nightly run ${summary.run_id}: ok, `));
    expect(md).toContain('1 new order, 0 changed, 0 removed; releases: 1 new, 0 changed, 0 withdrawn.');
    expect(md).toContain('## New orders');
    expect(md).toContain('- North Wales Police: a 5-year order against a 34-year-old man from Rhyl: must not go to the victim’s address, no contact ([Rhyl man handed \\[order\\]\\(javascript:alert\\(1\\)\\) \\<b\\>now\\</b\\>](<https://www.northwales.police.uk/news/north-wales/news/2024/rhyl-spo/>), 5 March 2024)');
    const quiet = await runNightly({ db: join(dir, 'spo.sqlite'), dataDir: dir }, { crawl });
    expect(readFileSync(join(dir, 'changes', `${quiet.summary.run_id}.md`), 'utf8')).toContain('0 new orders, 0 changed, 0 removed');
  });

  it('--notify posts the new orders as JSON once, and not on a quiet night', async () => {
    const dir = tempDir('spo-notify-');
    const crawl = crawlOf([[RHYL], []]);
    received.length = 0;
    const first = await runNightly({ db: join(dir, 'spo.sqlite'), dataDir: dir, notify: `${base}/hook` }, { crawl });
    expect(first.summary.outputs.notify).toMatchObject({ ok: true, status: 204, orders: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.type).toBe('application/json');
    expect(received[0]!.body).toMatchObject({
      source: 'spo-tracker',
      run_id: first.summary.run_id,
      new_orders: 1,
      changed_orders: 0,
      orders: [{ event: 'new', force_id: 'north-wales', text: expect.stringMatching(/^North Wales Police: a 5-year order/), release: { url: RHYL.url, published: '2024-03-05T14:20' } }],
    });
    await runNightly({ db: join(dir, 'spo.sqlite'), dataDir: dir, notify: `${base}/hook` }, { crawl });
    expect(received).toHaveLength(1);
  });

  it('a receiver that fails, or is not there, is reported in the summary; the run still succeeds', async () => {
    const dir = tempDir('spo-notify-fail-');
    const broken = await runNightly({ db: join(dir, 'a.sqlite'), dataDir: dir, notify: `${base}/broken` }, { crawl: crawlOf([[RHYL]]) });
    expect(broken.exitCode).toBe(EXIT.OK);
    expect(broken.summary.outputs.notify).toMatchObject({ ok: false, status: 500, error: 'the receiver answered HTTP 500' });
    // A port nothing listens on: the one the test server had before it is closed is not reusable, so a
    // fresh server is opened and closed to find a free one.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const gone = await runNightly({ db: join(dir, 'b.sqlite'), dataDir: join(dir, 'b'), notify: `http://127.0.0.1:${port}/hook` }, { crawl: crawlOf([[RHYL]]) });
    expect(gone.exitCode).toBe(EXIT.OK);
    expect(gone.summary.outputs.notify!.ok).toBe(false);
    expect(gone.summary.outputs.notify!.error).toMatch(/ECONNREFUSED/);
  });
});
