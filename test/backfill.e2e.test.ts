// `spo backfill` as a user runs it (child processes), against the Wayback replica and the live replica
// on 127.0.0.1: recall and precision on a former URL scheme, one fetch per candidate, a rerun that
// fetches nothing, a SIGKILL and resume, Retry-After, and a release found both live and archived.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { startArchiveReplica, type ArchiveReplica } from '../src/replica/archive.ts';
import { spoAsync } from './helpers/cli.ts';
import { REPO_ROOT, SPO_BIN, tempDir } from './helpers/paths.ts';
import { exportedReleaseId } from '../src/domain/ids.ts';

const spo = (args: string[]) => spoAsync(args, { timeoutMs: 180_000 });

const LIVE_OPTIONS = { forces: ['kent'], ordinaryPerForce: 40 };
let live: Replica;
let ar: ArchiveReplica;
let dir: string;

beforeAll(async () => {
  live = await startReplica(LIVE_OPTIONS);
  ar = await startArchiveReplica({ live: { origins: live.origins, options: LIVE_OPTIONS } });
  dir = tempDir('spo-backfill-');
});
afterAll(async () => {
  await ar?.stop();
  await live?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const slash = (u: string): string => (u.endsWith('/') ? u : `${u}/`);
const former = (): ReturnType<ArchiveReplica['spoReleases']> => ar.spoReleases().filter((r) => r.site === 'former');
const args = (name: string, extra: string[] = []): string[] => ['backfill', '--force', 'kent', '--force', 'wiltshire', '--archive', ar.origin, '--delay-ms', '0', '--db', join(dir, `${name}.sqlite`), '--data-dir', join(dir, name), ...extra];
const snapshots = (): string[] => ar.requests.filter((r) => r.kind === 'snapshot').map((r) => r.path);
function spoUrls(name: string): string[] {
  const db = new Database(join(dir, `${name}.sqlite`), { readonly: true });
  try {
    return (db.prepare('SELECT url FROM releases WHERE is_spo = 1').all() as { url: string }[]).map((r) => r.url);
  } finally {
    db.close();
  }
}
function recallPrecision(found: string[], truth: string[]): { recall: number; precision: number } {
  const t = new Set(truth.map(slash));
  const hit = found.filter((u) => t.has(u)).length;
  return { recall: hit / t.size, precision: found.length ? hit / found.length : 0 };
}

interface Summary {
  status: string;
  totals: { candidates: number; fetched: number; spoKept: number; fetchedBefore: number };
  forces: { forceId: string; candidates: number; fetched: number; spoKept: number; fetchedBefore: number }[];
}

// Each test runs several spo commands in child processes: slow on a loaded 2-core machine.
describe('spo backfill', { timeout: 300_000 }, () => {
  it('finds the SPO releases of the former URL schemes whose URLs say so, keeps nothing else, fetches each candidate once; a rerun fetches no snapshot', async () => {
    ar.clearLog();
    const first = await spo([...args('a'), '--json']);
    expect(first.code, first.stderr).toBe(0);
    const s = JSON.parse(first.stdout) as Summary;
    expect(s.status).toBe('ok');
    const truth = former().map((r) => r.url);
    expect(truth.length).toBeGreaterThanOrEqual(14);
    const { recall, precision } = recallPrecision(spoUrls('a'), truth);
    console.log(`backfill on the replica: recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (${truth.length} SPO releases whose URLs say so; ${s.totals.candidates} candidates, ${ar.requests.length} requests)`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    const fetched = snapshots();
    expect(fetched.length).toBe(s.totals.candidates);
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(ar.requests.every((r) => r.userAgent?.startsWith('spo-tracker/'))).toBe(true);
    expect(ar.requests.some((r) => r.kind === 'banner')).toBe(false);
    // Progress per force on stderr, with what is left.
    expect(first.stderr).toMatch(/kent: \d+ capture\(s\) on www\.kent\.police\.uk; \d+ candidate page\(s\): \d+ to fetch/);
    expect(first.stderr).toMatch(/wiltshire: \d+\/\d+ fetched, \d+ SPO release\(s\) kept/);

    // The release documents keep the page's own URL, the snapshot and the capture time.
    const sql = new Database(join(dir, 'a.sqlite'), { readonly: true });
    const w = sql.prepare("SELECT url, document_path FROM releases WHERE force_id = 'wiltshire' AND is_spo = 1 LIMIT 1").get() as { url: string; document_path: string };
    const sources = sql.prepare('SELECT DISTINCT source FROM release_revisions').all() as { source: string }[];
    sql.close();
    expect(sources).toEqual([{ source: 'archive' }]);
    const text = readFileSync(w.document_path, 'utf8');
    expect(text).toContain(`url: ${w.url}`);
    expect(w.url).toMatch(/^https:\/\/www\.wiltshire\.police\.uk\/article\/\d+\//);
    expect(text).toMatch(new RegExp(`archived: ${ar.origin.replace(/[.]/g, '\\.')}/web/\\d{14}id_/http`));
    expect(text).toMatch(/archived_at: '?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);

    ar.clearLog();
    const second = await spo(args('a'));
    expect(second.code, second.stderr).toBe(0);
    expect(snapshots()).toHaveLength(0);
    expect(second.stdout).toMatch(/ok: 0 SPO release\(s\) kept from 0 snapshot\(s\)/);
  });

  it('resumes a killed backfill where it stopped', async () => {
    ar.clearLog();
    const child = spawn(process.execPath, [SPO_BIN, ...args('k', ['--delay-ms', '150'])], { cwd: REPO_ROOT, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    for (let i = 0; i < 1200 && snapshots().length < 6; i++) await new Promise((r) => setTimeout(r, 50));
    expect(snapshots().length).toBeGreaterThanOrEqual(6);
    child.kill('SIGKILL');
    await exited;
    const before = snapshots();
    // What the killed run had stored when it died (fetched snapshots may still have been on their way to
    // the store: under load more than one can be).
    const db = new Database(join(dir, 'k.sqlite'), { readonly: true });
    const stored = (db.prepare('SELECT count(*) AS n FROM archive_captures').get() as { n: number }).n;
    db.close();
    expect(stored).toBeGreaterThan(0);
    const resumed = await spo([...args('k'), '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const s = JSON.parse(resumed.stdout) as Summary;
    // What the killed run stored is not fetched again; only what was in flight when it died may be.
    expect(s.totals.fetchedBefore).toBe(stored);
    const all = snapshots();
    const twice = all.filter((p, i) => all.indexOf(p) !== i);
    expect(twice.length).toBeLessThanOrEqual(before.length - stored);
    expect(new Set(all).size).toBe(s.totals.candidates);
    expect(spoUrls('k').sort()).toEqual(spoUrls('a').sort());
  });

  it('waits as long as Retry-After says when the archive answers 429, and still gets every page', async () => {
    ar.clearLog();
    ar.setFault({ kind: '429', retryAfter: 1, times: 2, paths: /^\/web\// });
    try {
      const r = await spo([...args('r', ['--force', 'kent']), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const log = ar.requests;
      const throttled = log.map((q, i) => ({ q, i })).filter(({ q }) => q.status === 429);
      expect(throttled).toHaveLength(2);
      for (const { i } of throttled) expect(log[i + 1]!.at - log[i]!.at).toBeGreaterThanOrEqual(990);
      expect(spoUrls('r').sort()).toEqual(spoUrls('a').sort());
    } finally {
      ar.setFault(null);
    }
  });

  it('a release found both archived and live is one release; the live text is current, the archived copy kept, also once withdrawn', async () => {
    const db = join(dir, 'l.sqlite');
    const data = join(dir, 'l');
    const origin = `kent=${live.origins.kent}`;
    const archivedLive = ar.spoReleases('kent').filter((r) => r.site === 'live');
    expect(archivedLive.length).toBeGreaterThan(0);
    const b = await spo(['backfill', '--force', 'kent', '--origin', origin, '--archive', ar.origin, '--delay-ms', '0', '--db', db, '--data-dir', data]);
    expect(b.code, b.stderr).toBe(0);
    // Found in the archive first: stored as archived copies under the live site's URLs.
    const pre = new Database(db, { readonly: true });
    for (const r of archivedLive) {
      const row = pre.prepare('SELECT source FROM releases WHERE url = ?').get(slash(r.url)) as { source: string } | undefined;
      expect(row?.source, r.url).toBe('archive');
    }
    pre.close();
    const c = await spo(['crawl', '--force', 'kent', '--origin', origin, '--delay-ms', '0', '--db', db, '--data-dir', data, '--full']);
    expect(c.code, c.stderr).toBe(0);
    const sql = new Database(db, { readonly: true });
    const one = (url: string): { release_id: string; status: string; n: number } =>
      sql.prepare('SELECT release_id, status, (SELECT count(*) FROM releases x WHERE x.url = r.url) AS n FROM releases r WHERE url = ?').get(slash(url)) as { release_id: string; status: string; n: number };
    const sources = (id: string): string[] => (sql.prepare('SELECT source FROM release_revisions WHERE release_id = ? ORDER BY revision_id').all(id) as { source: string }[]).map((r) => r.source);
    for (const r of archivedLive) {
      const rel = one(r.url);
      expect(rel.n, r.url).toBe(1);
      expect(sources(rel.release_id)).toContain('live');
      const current = sql.prepare('SELECT source, archived_url FROM release_revisions WHERE release_id = ? ORDER BY fetched_at DESC, revision_id DESC LIMIT 1').get(rel.release_id) as { source: string; archived_url: string | null };
      expect(current.source).toBe('live');
      expect(current.archived_url ?? (sources(rel.release_id).includes('archive') ? 'kept as its own revision' : null)).toBeTruthy();
    }
    // Every live SPO release is there once, whatever the order it was found in.
    for (const r of live.spoReleases('kent')) expect(one(r.url)?.n, r.url).toBe(1);
    const sample = archivedLive[0]!;
    const id = one(sample.url).release_id;
    sql.close();

    const show = await spo(['show', id, '--db', db]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/revision \d+ live +fetched \S+ \(current\) · archived copy http:\/\/127\.0\.0\.1:\d+\/web\/\d{14}id_\//);
    const exported = await spo(['export', 'releases', '--format', 'json', '--db', db]);
    expect(exported.code, exported.stderr).toBe(0);
    const row = (JSON.parse(exported.stdout) as { release_id: string; source: string; revision_sources: string[]; archived_url: string | null; archived_at: string | null }[]).find((x) => x.release_id === exportedReleaseId(id))!;
    expect(row.source).toBe('crawl');
    expect(row.revision_sources).toContain('live');
    expect(row.archived_url).toMatch(/\/web\/\d{14}id_\//);
    expect(row.archived_at).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Withdrawn from the live site: the release is marked so, and its texts (the archived one too) stay.
    live.removeRelease(sample.url);
    const c2 = await spo(['crawl', '--force', 'kent', '--origin', origin, '--delay-ms', '0', '--db', db, '--data-dir', data, '--full']);
    expect(c2.code, c2.stderr).toBe(0);
    ar.clearLog();
    const b2 = await spo(['backfill', '--force', 'kent', '--origin', origin, '--archive', ar.origin, '--delay-ms', '0', '--db', db, '--data-dir', data]);
    expect(b2.code, b2.stderr).toBe(0);
    expect(snapshots()).toHaveLength(0);
    const sql2 = new Database(db, { readonly: true });
    try {
      const rel = sql2.prepare('SELECT status FROM releases WHERE release_id = ?').get(id) as { status: string };
      expect(rel.status).toBe('withdrawn');
      const revs = (sql2.prepare('SELECT source, archived_url FROM release_revisions WHERE release_id = ?').all(id) as { source: string; archived_url: string | null }[]);
      expect(revs.some((r) => r.archived_url?.startsWith(`${ar.origin}/web/`))).toBe(true);
    } finally {
      sql2.close();
    }
  });
});
