// The report page in a real browser: headless Chromium (Debian's package) driven by playwright-core
// opens a report built from a crawl of the replica sites plus hostile releases, checks the totals and
// the table against the database, uses the filters and the sort, checks hostile text stays inert, and
// saves a screenshot (SPO_SCREENSHOT=docs/report-screenshot.png to refresh the README's).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../src/pipeline/run.ts';
import { FORCES } from '../src/domain/forces.ts';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { buildReport, orderRows, type OrderRow } from '../src/report/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { HOSTILE_COURT, HOSTILE_TITLE, HOSTILE_TOWN, sampleStore } from './report.helpers.ts';
import { REPO_ROOT } from './helpers/paths.ts';

const CHROMIUM = process.env.SPO_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  console.warn(
    `\n*** report.browser.test.ts SKIPPED: no Chromium at ${CHROMIUM} (install Debian's "chromium" package, or set SPO_CHROMIUM). ***\n`,
  );
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const REPLICA_HOSTILE_TITLE = '<script>window.__pwned="replica"</script> Stalking Protection Order for Maidstone man <img src=x onerror=alert(1)>';

let dir: string;
let replica: Replica | undefined;
let store: Store;
let orders: OrderRow[];
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];
const requests: string[] = [];

const n = (sql: string, ...args: unknown[]): number => (store.db.prepare(sql).get(...args) as { n: number }).n;

describe.skipIf(!HAVE_CHROMIUM)('report page in headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spo-report-browser-'));
    const dbPath = join(dir, 'spo.sqlite');
    // A crawl of the replica sites, one of which now carries a release with a hostile title and text.
    replica = await startReplica({ ordinaryPerForce: 15 });
    replica.addRelease('kent', {
      title: REPLICA_HOSTILE_TITLE,
      body:
        "A 33-year-old man from Maidstone has been made subject to a full Stalking Protection Order at Medway Magistrates' Court. " +
        '<img src=x onerror="window.__pwned=1"> The order lasts five years and bans him from contacting the victim.',
      spo: true,
    });
    store = openStore(dbPath);
    const result = await crawl(store, {
      forces: Object.keys(replica.origins),
      origins: replica.origins,
      delayMs: 0,
      dataDir: join(dir, 'data'),
      retryBaseMs: 50,
    });
    for (const f of result.forces) expect(f.ok, `${f.forceId}: ${f.errors.join('; ')}`).toBe(true);
    await replica.stop();
    replica = undefined;
    store.close();
    // Plus the hand-made releases with hostile order fields (town, court, evidence) and awkward dates.
    store = sampleStore(dbPath);
    orders = orderRows(store);
    const reportPath = join(dir, 'report.html');
    writeFileSync(reportPath, buildReport(store));

    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await replica?.stop();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no script errors and no network requests', () => {
    expect(pageErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });

  it('shows the national totals of the database', async () => {
    const total = async (key: string): Promise<number> =>
      Number((await page.locator(`.total[data-total="${key}"] .n`).innerText()).replace(/,/g, ''));
    expect(await total('orders')).toBe(n('SELECT count(*) AS n FROM orders'));
    expect(await total('full')).toBe(n("SELECT count(*) AS n FROM orders WHERE kind = 'full'"));
    expect(await total('interim')).toBe(n("SELECT count(*) AS n FROM orders WHERE kind = 'interim'"));
    expect(await total('unknown')).toBe(n('SELECT count(*) AS n FROM orders WHERE kind IS NULL'));
    expect(await total('releases')).toBe(n('SELECT count(*) AS n FROM releases'));
    expect(n('SELECT count(*) AS n FROM orders')).toBeGreaterThan(20);
  });

  it('lists all 44 forces with their order counts', async () => {
    const rows = await page.locator('#force-table tbody tr[data-force]:not([data-force=""])').evaluateAll((trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-force'), orders: Number(tr.getAttribute('data-orders')), text: (tr as HTMLElement).innerText })),
    );
    expect(rows.map((r) => r.id).sort()).toEqual(FORCES.map((f) => f.id).sort());
    for (const r of rows) expect(r.orders, r.id!).toBe(n('SELECT count(*) AS n FROM orders WHERE force_id = ?', r.id));
    const crawled = rows.filter((r) => /\bcrawled\b/.test(r.text) && !/not crawled/.test(r.text)).map((r) => r.id);
    expect(crawled.length).toBeGreaterThan(0);
    expect(rows.filter((r) => /not crawled/.test(r.text)).length).toBe(44 - crawled.length);
  });

  it('has one table row per order in the database, newest first', async () => {
    const visible = await page.locator('#orders-table tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-order')));
    expect([...visible].sort()).toEqual(orders.map((o) => o.order_id).sort());
    const byId = new Map(orders.map((o) => [o.order_id, o]));
    const dates = visible.map((id) => byId.get(id!)!.order_date).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await page.locator('#row-count').innerText()).toBe(`${orders.length} of ${orders.length} orders`);
    // Every row links its source releases and carries its evidence.
    const kentRow = page.locator('#orders-table tbody tr', { hasText: 'Rochester' }).first();
    expect(await kentRow.locator('.src a').first().getAttribute('href')).toMatch(/^https:\/\/www\.kent\.police\.uk\//);
    await kentRow.locator('details summary').click();
    expect(await kentRow.locator('details dl').innerText()).toContain('The Order was granted for a duration of five years.');
  });

  it('filters by force, kind and text, and sorts by a column', async () => {
    const shown = () => page.locator('#orders-table tbody tr:not([hidden])').count();
    await page.selectOption('#filter-force', 'Kent Police');
    expect(await shown()).toBe(n("SELECT count(*) AS n FROM orders WHERE force_id = 'kent'"));
    await page.selectOption('#filter-force', '');
    await page.selectOption('#filter-kind', 'interim');
    expect(await shown()).toBe(n("SELECT count(*) AS n FROM orders WHERE kind = 'interim'"));
    await page.selectOption('#filter-kind', '');
    const town = orders.find((o) => o.town && /^[A-Z][a-z]+$/.test(o.town))!.town!;
    await page.fill('#filter-text', town.toLowerCase());
    const expected = orders.filter((o) =>
      [o.order_date, o.force_name, o.force_id, o.kind, o.age, o.sex, o.town, o.court, o.duration, ...o.prohibitions, ...o.requirements]
        .filter((v) => v !== null)
        .join(' ')
        .replace(/_/g, ' ')
        .toLowerCase()
        .includes(town.toLowerCase()),
    );
    expect(await shown()).toBe(expected.length);
    expect(await page.locator('#row-count').innerText()).toBe(`${expected.length} of ${orders.length} orders`);
    await page.fill('#filter-text', '');
    expect(await shown()).toBe(orders.length);

    await page.click('#orders-table th[data-sort="age"] button');
    expect(await page.getAttribute('#orders-table th[data-sort="age"]', 'aria-sort')).toBe('ascending');
    const ages = await page
      .locator('#orders-table tbody tr td:nth-child(4)')
      .evaluateAll((tds) => tds.map((td) => (td.textContent === '–' ? null : Number(td.textContent))));
    const known = ages.filter((a): a is number => a !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(ages.slice(known.length).every((a) => a === null)).toBe(true);
    await page.click('#orders-table th[data-sort="order_date"] button');
  });

  it('a map dot filters the table to its town', async () => {
    const dot = page.locator('#town-map circle.dot').first();
    const town = await dot.getAttribute('data-town');
    await dot.dispatchEvent('click');
    expect(await page.inputValue('#filter-text')).toBe(town);
    await page.fill('#filter-text', '');
  });

  it('renders hostile scraped text as inert text', async () => {
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
    expect(await page.evaluate(() => document.scripts.length)).toBe(2);
    expect(await page.locator('[onerror], [onclick], [onload]').count()).toBe(0);
    // The hostile strings are on the page, as text.
    const table = await page.locator('#orders-table').innerText();
    expect(table).toContain(HOSTILE_TOWN);
    expect(table).toContain(HOSTILE_COURT.trim());
    expect(table).toContain(HOSTILE_TITLE.slice(0, 40));
    expect(table).toContain('<script>window.__pwned="replica"</script>');
  });

  it('links to the orders CSV and the Atom feed', async () => {
    expect(await page.locator('a[href="orders.csv"]').count()).toBe(1);
    expect(await page.locator('a[href="feed.xml"]').count()).toBe(1);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('feed.xml');
  });

  it('every map dot is on the outline, coastal towns included', async () => {
    const outside = await page.evaluate(() => {
      const land = [...document.querySelectorAll<SVGPolygonElement>('#town-map polygon.land')];
      return [...document.querySelectorAll<SVGCircleElement>('#town-map circle.dot')]
        .filter((c) => !land.some((p) => p.isPointInFill(new DOMPoint(c.cx.baseVal.value, c.cy.baseVal.value))))
        .map((c) => c.getAttribute('data-town'));
    });
    expect(await page.locator('#town-map circle.dot').count()).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });

  it('keeps the filters and the sort in the address: a reload or a shared link shows the same view', async () => {
    const town = (await page.locator('#town-map circle.dot').first().getAttribute('data-town'))!;
    await page.fill('#filter-text', town);
    await page.locator('#orders-table th[data-sort="age"] button').click();
    const url = page.url();
    expect(new URL(url).hash).toContain(`q=${encodeURIComponent(town).replace(/%20/g, '+')}`);
    expect(new URL(url).hash).toContain('sort=age%2Casc');
    const shown = await page.locator('#row-count').innerText();
    await page.reload({ waitUntil: 'load' });
    expect(await page.inputValue('#filter-text')).toBe(town);
    expect(await page.locator('#row-count').innerText()).toBe(shown);
    expect(await page.locator('#orders-table th[data-sort="age"]').getAttribute('aria-sort')).toBe('ascending');
    await page.goto(url.split('#')[0]!, { waitUntil: 'load' });
    expect(await page.inputValue('#filter-text')).toBe('');
  });

  it('fits a 390 px phone: no sideways scrolling of the page; the wide tables scroll in their own regions', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it('passes axe (WCAG 2 A/AA rules), at desktop and phone widths', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 1000 });
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, `at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it('saves a screenshot', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = join(dir, 'report.png');
    // The top of the page: totals, the month chart, the map, the forces and the newest orders.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: shot, fullPage: true, clip: { x: 0, y: 0, width: 1400, height: Math.min(height, 2100) } });
    expect(existsSync(shot)).toBe(true);
    if (process.env.SPO_SCREENSHOT) copyFileSync(shot, resolve(REPO_ROOT, process.env.SPO_SCREENSHOT));
  });
});
