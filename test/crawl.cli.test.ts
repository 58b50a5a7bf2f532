// `spo crawl`, `spo forces` and `spo demo` as a user runs them (child processes; the replica runs here,
// so the children are spawned asynchronously).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { spoAsync } from './helpers/cli.ts';
import { REPO_ROOT, tempDir } from './helpers/paths.ts';

const spo = spoAsync;

let replica: Replica;
let dir: string;

beforeAll(async () => {
  replica = await startReplica({ forces: ['kent', 'metropolitan'], ordinaryPerForce: 15 });
  dir = tempDir('spo-crawl-cli-');
});

afterAll(async () => {
  await replica?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('spo crawl / forces', () => {
  it('crawls the forces given --origin, then a second run only reads the listings', async () => {
    const args = ['crawl', '--origin', `kent=${replica.origins.kent}`, '--origin', `metropolitan=${replica.origins.metropolitan}`, '--db', join(dir, 'spo.sqlite'), '--data-dir', join(dir, 'data'), '--delay-ms', '10'];
    const first = await spo([...args, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const forces = JSON.parse(first.stdout) as { forceId: string; ok: boolean; new: number; requests: number }[];
    expect(forces.map((f) => f.forceId).sort()).toEqual(['kent', 'metropolitan']);
    expect(forces.reduce((n, f) => n + f.new, 0)).toBe(replica.spoReleases().length);
    expect(existsSync(join(dir, 'data', 'releases', 'kent'))).toBe(true);
    replica.clearLog();
    const second = await spo(args);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/ok: 0 new/);
    expect(replica.requests).toHaveLength(4);
  });

  it('spo forces lists all 44 with crawl state', async () => {
    const r = await spo(['forces', '--db', join(dir, 'spo.sqlite'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; crawlable: boolean; strategy: string; check: string | null; last_crawl: string | null; spo_releases: number }[];
    expect(list).toHaveLength(44);
    expect(list.find((f) => f.id === 'kent')!.last_crawl).toBeTruthy();
    expect(list.find((f) => f.id === 'kent')!.spo_releases).toBe(replica.spoReleases('kent').length);
    expect(list.find((f) => f.id === 'kent')).toMatchObject({ strategy: 'soh', check: 'ok' });
    // Every force is crawlable: the four whose platform is unknown by the generic strategy.
    expect(list.filter((f) => f.crawlable)).toHaveLength(44);
    expect(list.filter((f) => f.strategy === 'generic').map((f) => f.id).sort()).toEqual(['avon-and-somerset', 'cumbria', 'devon-and-cornwall', 'west-yorkshire']);
    const text = await spo(['forces', '--db', join(dir, 'spo.sqlite')]);
    expect(text.stdout).toMatch(/44 forces, 44 crawlable: 40 by their platform's scraper, 4 by the generic strategy \(avon-and-somerset, cumbria, devon-and-cornwall, west-yorkshire\)/);
  });

  it('refuses unknown forces and non-http origins', async () => {
    const a = await spo(['crawl', '--force', 'atlantis', '--db', join(dir, 'x.sqlite')]);
    expect(a.code).not.toBe(0);
    expect(a.stderr).toMatch(/unknown force "atlantis"/);
    const b = await spo(['crawl', '--origin', 'kent=file:///etc/passwd', '--db', join(dir, 'x.sqlite')]);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toMatch(/only http\(s\)/);
  });
});

describe('spo demo', () => {
  it('crawls the replica and lists the orders found, without touching data/', async () => {
    const r = await spo(['demo', '--ordinary', '20', '--delay-ms', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/(\d+) SPO release\(s\) found \(the replica holds \1\)/);
    // The generic strategy's replicas are in the demo: a CMS of its own, and an "unknown" force detected as SOH.
    expect(r.stdout).toMatch(/^west-yorkshire \(generic\): [1-9]\d* SPO release/m);
    expect(r.stdout).toMatch(/^cumbria \(soh, detected\): [1-9]\d* SPO release/m);
    expect(r.stdout).toMatch(/order/);
    const db = r.stdout.match(/database: (.+)/)![1]!;
    expect(db.startsWith(join(REPO_ROOT, 'data'))).toBe(false);
    rmSync(join(db, '..'), { recursive: true, force: true });
  }, 120_000);
});
