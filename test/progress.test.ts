// A long crawl says how it is going (issue 17): the pipeline emits each force's start, progress and
// summary; the CLI's reporter shows a live line and a heartbeat on a terminal, and one plain line per
// finished force elsewhere.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forceDoneLine, RunReporter, type ReporterStream } from '../src/cli/progress.ts';
import type { ForceRunSummary, RunEvent } from '../src/domain/run.ts';
import { crawl } from '../src/pipeline/run.ts';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { openStore } from '../src/store/index.ts';
import { spoAsync } from './helpers/cli.ts';
import { tempDir } from './helpers/paths.ts';

/** A stand-in for standard error: a terminal (or not) that keeps what is written. */
function stream(isTTY: boolean): ReporterStream & { text: string; writes: string[] } {
  const s = {
    isTTY,
    columns: 120,
    text: '',
    writes: [] as string[],
    write(t: string) {
      s.text += t;
      s.writes.push(t);
      return true;
    },
  };
  return s;
}

const summary = (forceId: string, over: Partial<ForceRunSummary> = {}): ForceRunSummary => ({
  forceId, ok: true, requests: 40, new: 2, changed: 0, unchanged: 1, gone: 0, seen: 30, errors: [], durationMs: 65_000, newestPublished: null, releaseIds: [], ...over,
});
const progress = (forceId: string, requests: number, releases: number, spo: number, errors = 0): RunEvent => ({ type: 'force-progress', progress: { forceId, requests, releases, spo, errors } });

/** What a terminal shows last on its current line: the text after the last carriage return. */
const currentLine = (text: string): string => text.slice(text.lastIndexOf('\r')).split('\r\x1b[K').join('');

describe('RunReporter on a terminal', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps a live line of the forces being read, and redraws it every few seconds with nothing new (the heartbeat)', () => {
    vi.useFakeTimers({ now: 0 });
    const out = stream(true);
    out.columns = 200;
    const r = new RunReporter(out, { heartbeatMs: 5000, now: () => Date.now() });
    r.onEvent({ type: 'force-start', forceId: 'kent' });
    r.onEvent({ type: 'force-start', forceId: 'sussex' });
    vi.advanceTimersByTime(1000);
    r.onEvent(progress('kent', 120, 40, 3, 1));
    expect(currentLine(out.text)).toBe('0:01 0/2 done · 120 req, 3 SPO, 1 err · kent 120 req 40 rel 3 SPO 1 err · sussex 0 req 0 rel 0 SPO');
    // A quiet spell (a site answering slowly): the line still moves, at each heartbeat.
    const writes = out.writes.length;
    vi.advanceTimersByTime(5000);
    expect(out.writes.length).toBe(writes + 1);
    expect(currentLine(out.text)).toMatch(/^0:05 0\/2 done/);
    vi.advanceTimersByTime(10_000);
    expect(currentLine(out.text)).toMatch(/^0:15 /);
    r.stop();
  });

  it('prints finished forces and log lines above the live line, and clears it at the end', () => {
    vi.useFakeTimers({ now: 0 });
    const out = stream(true);
    const r = new RunReporter(out, { now: () => Date.now() });
    r.onEvent({ type: 'force-start', forceId: 'kent' });
    r.onEvent({ type: 'force-start', forceId: 'sussex' });
    r.onEvent(progress('kent', 10, 5, 0));
    r.log('sussex: the soh scraper no longer matches; reading it with the generic strategy');
    // The line is cleared before the log line, which ends with a newline, and then drawn again.
    expect(out.text).toContain('\r\x1b[Ksussex: the soh scraper no longer matches; reading it with the generic strategy\n');
    r.onEvent({ type: 'force-done', summary: summary('kent') });
    expect(out.text).toContain(`\r\x1b[K${forceDoneLine(summary('kent'))}\n`);
    expect(currentLine(out.text)).toMatch(/1\/2 done · 40 req, 3 SPO, 0 err · sussex/);
    r.stop();
    expect(out.text.endsWith('\r\x1b[K')).toBe(true);
    const after = out.text.length;
    vi.advanceTimersByTime(60_000); // no heartbeat once stopped
    expect(out.text.length).toBe(after);
  });

  it('redraws at most a few times a second however many events come', () => {
    vi.useFakeTimers({ now: 0 });
    const out = stream(true);
    const r = new RunReporter(out, { now: () => Date.now(), redrawMs: 250 });
    r.onEvent({ type: 'force-start', forceId: 'kent' });
    const before = out.writes.length;
    for (let i = 1; i <= 1000; i++) r.onEvent(progress('kent', i, 0, 0));
    expect(out.writes.length - before).toBeLessThanOrEqual(1);
    r.stop();
  });

  it('keeps the line within the terminal width', () => {
    vi.useFakeTimers({ now: 0 });
    const out = stream(true);
    out.columns = 80;
    const r = new RunReporter(out, { now: () => Date.now() });
    for (const f of ['kent', 'sussex', 'surrey', 'essex', 'norfolk', 'suffolk']) {
      r.onEvent({ type: 'force-start', forceId: f });
      r.onEvent(progress(f, 1234, 567, 8));
    }
    expect(currentLine(out.text).length).toBeLessThan(80);
    // The totals first, then as many of the forces being read as fit, and an ellipsis for the rest.
    expect(currentLine(out.text)).toMatch(/^0:00 0\/6 done · \d+ req, \d+ SPO, 0 err · kent 1234 req 567 rel 8 SPO .*…$/);
    // A terminal that does not give its width is taken to be 100 columns, not squeezed to nothing.
    out.columns = 0;
    r.onEvent({ type: 'force-done', summary: summary('kent') });
    expect(currentLine(out.text)).toMatch(/^0:00 1\/6 done · \d+ req, \d+ SPO, 0 err · sussex 1234 req 567 rel 8 SPO .*…$/);
    expect(currentLine(out.text).length).toBeLessThan(100);
    r.stop();
  });
});

describe('RunReporter elsewhere (cron, a pipe, a file)', () => {
  afterEach(() => vi.useRealTimers());

  it('prints one plain line per finished force and the log lines, nothing else', () => {
    vi.useFakeTimers({ now: 0 });
    const out = stream(false);
    const r = new RunReporter(out, { now: () => Date.now() });
    r.onEvent({ type: 'force-start', forceId: 'kent' });
    for (let i = 1; i <= 50; i++) r.onEvent(progress('kent', i, i, 0));
    vi.advanceTimersByTime(60_000);
    expect(out.text).toBe('');
    r.log('kent: a log line');
    r.onEvent({ type: 'force-done', summary: summary('kent', { ok: false, errors: ['no listing page could be read'] }) });
    r.stop();
    expect(out.text).toBe(
      'kent: a log line\n' +
        'kent: FAILED - 40 requests, 33 releases read, 3 SPO releases (2 new, 0 changed, 1 unchanged), 0 gone, 1 error in 1:05; first error: no listing page could be read\n',
    );
  });
});

describe('a crawl of the replica', () => {
  let replica: Replica;
  let dir: string;
  beforeAll(async () => {
    replica = await startReplica({ forces: ['kent', 'metropolitan'], ordinaryPerForce: 30 });
    dir = tempDir('spo-progress-');
  });
  afterAll(async () => {
    await replica?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('emits each force\'s start, then its progress as requests and pages come, then its summary', async () => {
    const store = openStore(join(dir, 'events.sqlite'));
    const events: RunEvent[] = [];
    try {
      const result = await crawl(store, { origins: replica.origins, forces: ['kent', 'metropolitan'], delayMs: 0, concurrency: 4, dataDir: join(dir, 'data-events'), onEvent: (e) => events.push(e) });
      for (const f of result.forces) {
        const mine = events.filter((e) => (e.type === 'force-progress' ? e.progress.forceId : e.type === 'force-start' ? e.forceId : e.summary.forceId) === f.forceId);
        expect(mine[0]!.type).toBe('force-start');
        expect(mine.at(-1)).toEqual({ type: 'force-done', summary: f });
        const steps = mine.filter((e) => e.type === 'force-progress').map((e) => e.progress);
        // One step per request at least, counting up to what the summary says.
        expect(steps.length).toBeGreaterThanOrEqual(f.requests);
        expect(steps.map((p) => p.requests)).toEqual([...steps.map((p) => p.requests)].sort((a, b) => a - b));
        expect(steps.at(-1)!.requests).toBe(f.requests);
        expect(Math.max(...steps.map((p) => p.releases))).toBeGreaterThan(0);
        expect(f.new).toBe(replica.spoReleases(f.forceId).length);
      }
    } finally {
      store.close();
    }
  });

  it('spo crawl into a pipe prints one plain line per force when it finishes, and no live line', async () => {
    const r = await spoAsync(['crawl', '--origin', `kent=${replica.origins.kent}`, '--origin', `metropolitan=${replica.origins.metropolitan}`, '--db', join(dir, 'cli.sqlite'), '--data-dir', join(dir, 'data-cli'), '--delay-ms', '0', '--concurrency', '4']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.includes('\r') || r.stderr.includes('\x1b')).toBe(false);
    // Besides a line per new SPO release (what a person wants to know at once), one line per force.
    const lines = r.stderr.trim().split('\n');
    const done = lines.filter((l) => !/^\w+: new SPO release http/.test(l));
    expect(done, r.stderr).toHaveLength(2);
    expect(lines.length - done.length).toBe(replica.spoReleases().length);
    for (const f of ['kent', 'metropolitan']) {
      const spo = replica.spoReleases(f).length;
      const line = done.find((l) => l.startsWith(`${f}: `));
      expect(line).toMatch(new RegExp(`^${f}: ok - \\d+ requests, \\d+ releases read, ${spo} SPO releases? \\(${spo} new, 0 changed, 0 unchanged\\), 0 gone, 0 errors in \\d+:\\d\\d$`));
    }
  });
});
