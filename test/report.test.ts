import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORCES } from '../src/domain/forces.ts';
import { buildReport, esc, exportRows, safeHref, scriptJson } from '../src/report/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { spo } from './helpers/cli.ts';
import { tempDir } from './helpers/paths.ts';
import { HOSTILE_COURT, HOSTILE_TITLE, HOSTILE_TOWN, sampleStore } from './report.helpers.ts';

let dir: string;
let dbPath: string;
let store: Store;
let html: string;

beforeAll(() => {
  dir = tempDir('spo-report-');
  dbPath = join(dir, 'spo.sqlite');
  store = sampleStore(dbPath);
  html = buildReport(store, { now: new Date('2026-11-23T10:00:00Z') });
});
afterAll(() => store.close());

const embedded = (page: string): { orders: Record<string, unknown>[]; totals: Record<string, number>; forces: unknown[] } => {
  const m = page.match(/<script type="application\/json" id="spo-data">([\s\S]*?)<\/script>/);
  return JSON.parse(m![1]!);
};

describe('report page', () => {
  it('is self-contained: no external resources at all', () => {
    expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i);
    // One <link>: the feed's address for feed readers (rel=alternate loads nothing).
    expect((html.match(/<link\b[^>]*>/gi) ?? []).map((l) => l.match(/rel="([^"]*)"/)?.[1])).toEqual(['alternate']);
    // No src/href attribute loads anything (attribute values blanked first: escaped text may mention src=).
    const tags = html.replace(/="[^"]*"/g, '=""').match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    expect(tags.filter((t) => /\s(src|srcset|background|poster|data)=/i.test(t))).toEqual([]);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/);
    // Only two scripts: the JSON data and the page's own code, which the CSP pins by hash.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual(['<script type="application/json" id="spo-data">', '<script>']);
    const code = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    const hash = createHash('sha256').update(code).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes scraped text everywhere', () => {
    expect(html).not.toContain(HOSTILE_TITLE);
    expect(html).not.toContain(HOSTILE_TOWN);
    expect(html).not.toContain(HOSTILE_COURT);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<script>window/);
    expect(html).toContain(esc(HOSTILE_TOWN));
    // The JSON island cannot close its script element.
    const island = html.match(/<script type="application\/json" id="spo-data">([\s\S]*?)<\/script>/)![1]!;
    expect(island).not.toContain('<');
    expect(embedded(html).orders.some((o) => o.town === HOSTILE_TOWN)).toBe(true);
  });

  it('shows the database totals', () => {
    const n = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;
    const total = (key: string): string => html.match(new RegExp(`data-total="${key}"><span class="n">([\\d,]+)<`))![1]!.replace(/,/g, '');
    expect(Number(total('orders'))).toBe(n('SELECT count(*) AS n FROM orders'));
    expect(Number(total('full'))).toBe(n("SELECT count(*) AS n FROM orders WHERE kind = 'full'"));
    expect(Number(total('interim'))).toBe(n("SELECT count(*) AS n FROM orders WHERE kind = 'interim'"));
    expect(Number(total('releases'))).toBe(n('SELECT count(*) AS n FROM releases'));
    expect(html).toMatch(/of 44 forces covered/);
  });

  it('lists all 44 forces, zeros included, and marks the ones not crawled', () => {
    const rows = html.match(/<tr data-force="[^"]+" data-orders="\d+" data-crawled="[01]"/g) ?? [];
    expect(rows).toHaveLength(FORCES.length);
    expect(html).toContain('data-force="kent" data-orders="2" data-crawled="1"');
    expect(html).toContain('data-force="dorset" data-orders="0" data-crawled="0"');
    expect(html).toMatch(/not crawled/);
  });

  it('shows coverage per force and the national statement, with the sources linked', () => {
    // Essex's release states "Essex Police obtained 30 Stalking Protection Orders": its coverage compares with 30.
    const essex = html.match(/<tr data-force="essex"[\s\S]*?<\/tr>/)![0];
    expect(essex).toMatch(/data-coverage="[\d.]*" title="(\d+) order\(s\) in the record dated by then, of 30 granted, claimed by the force/);
    expect(essex).toMatch(/>\d+\/30 · \d+%</);
    // Without a claim, the FOI figure to its date, linked to its source.
    const met = html.match(/<tr data-force="metropolitan"[\s\S]*?<\/tr>/)![0];
    expect(met).toContain('of 59 granted to 2021-05-12 (FOI 2021)');
    expect(met).toContain('href="https://github.com/BBC-Data-Unit/stalking_protection_orders"');
    const statement = html.match(/<p id="coverage-statement">([^<]*)/)![1]!;
    expect(statement).toMatch(/^The record holds \d+ orders against \d+ people\. .*suggest at least \d+ were granted/);
    expect(html).toContain('coverage = orders in the record dated up to');
  });

  it('has one table row per order, newest first, with source links and evidence', () => {
    const rows = html.match(/<tr data-i="\d+" data-order="[^"]+">/g) ?? [];
    expect(rows).toHaveLength(exportRows(store, 'orders').length);
    const dates = embedded(html).orders.map((o) => o.order_date as string | null);
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(html).toContain('href="https://www.kent.police.uk/news/kent/2020/man-served-with-kents-first-full-spo/"');
    expect(html).toContain('The Order was granted for a duration of five years.');
  });

  it('draws the month chart and the map from the data', () => {
    expect(html).toContain('<svg id="month-chart"');
    expect(html).toContain('data-month="2022-11" data-orders="2"');
    expect(html).toContain('<svg id="town-map"');
    expect(html).toMatch(/<circle class="dot"[^>]*data-town="Rochester" data-orders="1"/);
  });

  it('works on an empty database', () => {
    const empty = openStore(join(tempDir('spo-report-empty-'), 'e.sqlite'));
    try {
      const page = buildReport(empty);
      expect(page).toContain('No orders in the database yet.');
      expect(page).toContain('No dated orders yet.');
      expect(page).toMatch(/data-total="orders"><span class="n">0</);
    } finally {
      empty.close();
    }
  });
});

describe('helpers', () => {
  it('esc, scriptJson and safeHref', () => {
    expect(esc(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
    expect(scriptJson({ a: '</script><!--\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u2028"}');
    expect(JSON.parse(scriptJson({ a: '</script>&' }))).toEqual({ a: '</script>&' });
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
    expect(safeHref('https://example.police.uk/a b')).toBe('https://example.police.uk/a%20b');
  });
});

describe('spo report (CLI)', () => {
  it('writes the page where asked', () => {
    const out = join(dir, 'site', 'report.html');
    mkdirSync(join(dir, 'site'), { recursive: true }); // --out never creates folders (issue 18 item 10)
    const r = spo(['report', '--db', dbPath, '--out', out]);
    expect(r.stderr).toMatch(/wrote .*report\.html/);
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('Stalking Protection Orders in England and Wales');
  });
});
