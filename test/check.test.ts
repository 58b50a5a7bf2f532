// `spo check` (issue 14): a handful of polite requests per force tell a healthy site from a redesigned
// one (markup changed under the scraper) and from a 403 wall; the verdict is recorded for `spo forces`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { checkForces, type ForceCheck } from '../src/crawl/check.ts';
import { FORCE_SITES } from '../scrapers/index.ts';
import { REPO_ROOT, SPO_BIN, tempDir } from './helpers/paths.ts';

const IDS = ['kent', 'metropolitan', 'lancashire', 'west-yorkshire', 'cumbria'];
let replica: Replica;
let dir: string;

const check = async (ids: string[]): Promise<Record<string, ForceCheck>> => {
  const res = await checkForces({ sites: FORCE_SITES.filter((s) => ids.includes(s.id)), origins: replica.origins, delayMs: 5 });
  return Object.fromEntries(res.map((c) => [c.forceId, c]));
};

beforeAll(async () => {
  replica = await startReplica({ forces: IDS, ordinaryPerForce: 30 });
  dir = tempDir('spo-check-');
});
afterAll(async () => {
  await replica?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('spo check', () => {
  it('says ok for healthy sites, read by their platform, detected, or generic; with a handful of requests', async () => {
    replica.clearLog();
    const c = await check(IDS);
    for (const id of IDS) {
      expect(c[id]!.verdict, `${id}: ${c[id]!.reason}`).toBe('ok');
      expect(c[id]!.article).toEqual({ title: true, date: true, body: true });
      expect(c[id]!.items).toBeGreaterThan(0);
      expect(c[id]!.requests).toBeLessThanOrEqual(5);
      expect(replica.requests.filter((q) => q.forceId === id).length).toBe(c[id]!.requests);
    }
    expect(c.kent!.strategy).toBe('soh');
    expect(c['west-yorkshire']!.strategy).toBe('generic');
    expect(c.cumbria).toMatchObject({ strategy: 'soh', detection: { platform: 'soh', settings: { slug: 'cumbria' } } });
  });

  it('tells a redesigned site (degraded: the scraper no longer finds the date) and a 403 wall (broken) apart', async () => {
    replica.setVariant('kent', 'redesigned');
    const redesigned = (await check(['kent'])).kent!;
    expect(redesigned.verdict).toBe('degraded');
    expect(redesigned.reason).toMatch(/the soh scraper finds no date on the article \(the site changed\?\); the generic strategy reads it/);
    expect(redesigned.article).toMatchObject({ date: false });
    expect(redesigned.generic?.article).toEqual({ title: true, date: true, body: true });

    replica.setVariant('kent', 'walled');
    const walled = (await check(['kent'])).kent!;
    expect(walled.verdict).toBe('broken');
    expect(walled.reason).toMatch(/blocked by the site: HTTP 403/);
    expect(walled.requests).toBeLessThanOrEqual(2);
    replica.setVariant('kent', 'healthy');
    expect((await check(['kent'])).kent!.verdict).toBe('ok');
  });

  it('keeps reading a redesigned site on the generic strategy (ok), and says broken when a generic site has no articles left', async () => {
    replica.setVariant('west-yorkshire', 'redesigned');
    expect((await check(['west-yorkshire']))['west-yorkshire']!.verdict).toBe('ok');
    replica.setVariant('west-yorkshire', 'walled');
    expect((await check(['west-yorkshire']))['west-yorkshire']!).toMatchObject({ verdict: 'broken' });
    replica.setVariant('west-yorkshire', 'healthy');
  });

  it('prints a table, records the verdicts, and spo forces shows them', async () => {
    replica.setVariant('kent', 'redesigned');
    const run = promisify(execFile);
    const db = join(dir, 'spo.sqlite');
    const args = ['check', '--db', db, '--delay-ms', '5', ...['kent', 'west-yorkshire'].flatMap((id) => ['--origin', `${id}=${replica.origins[id]}`])];
    const r = await run(process.execPath, [SPO_BIN, ...args], { cwd: REPO_ROOT });
    replica.setVariant('kent', 'healthy');
    expect(r.stdout).toMatch(/^kent\s+soh\s+DEGRADED\s+10\s+yes\s+NO\s+yes/m);
    expect(r.stdout).toMatch(/^west-yorkshire\s+generic\s+ok\s/m);
    expect(r.stdout).toMatch(/2 checked: 1 ok, 1 degraded, 0 broken/);
    const f = await run(process.execPath, [SPO_BIN, 'forces', '--db', db, '--json'], { cwd: REPO_ROOT });
    const list = JSON.parse(f.stdout) as { id: string; check: string | null; check_reason: string | null; detected: string | null }[];
    expect(list.find((x) => x.id === 'kent')).toMatchObject({ check: 'degraded' });
    expect(list.find((x) => x.id === 'west-yorkshire')).toMatchObject({ check: 'ok', detected: 'none' });
  });
});
