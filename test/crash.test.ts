// Issue 7, crash safety: the crawler is SIGKILLed at seeded random points of a replica crawl, several
// times, then run to completion. The final database equals that of an uninterrupted crawl (same
// releases, revisions, orders), PRAGMA integrity_check is ok, nothing is duplicated, and no release
// document is left half written. Bounded in time (about a minute on a 2-core machine).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_EXTENSIONS, readReleaseFile } from '../src/release/index.ts';
import { goodRelease } from './fixtures/bad/make.ts';
import { REPO_ROOT, SPO_BIN, tempDir } from './helpers/paths.ts';

const CRAWL_READY = existsSync(join(REPO_ROOT, 'src/crawl/index.ts')) && existsSync(join(REPO_ROOT, 'src/cli/commands/crawl.ts'));
const FORCES = ['kent', 'metropolitan'];
const KILLS = 3;
const SEED = 20261123;

type ReplicaLike = { origins: Record<string, string>; requests: unknown[]; stop(): Promise<void> };

/** Seeded PRNG (mulberry32), so a failing run can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
  requests: number;
}

/**
 * Run `spo crawl` against the replica in a child process (async: the replica answers from this
 * process). With `killAfter`, SIGKILL it once the replica has served that many more requests
 * (plus `extraMs`), i.e. in the middle of handling a response.
 */
function runCrawl(rep: ReplicaLike, db: string, dataDir: string, kill?: { afterRequests: number; extraMs: number }): Promise<RunResult> {
  const args = [SPO_BIN, 'crawl', ...FORCES.flatMap((f) => ['--origin', `${f}=${rep.origins[f]}`]), '--db', db, '--data-dir', dataDir, '--delay-ms', '20'];
  const start = rep.requests.length;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let timer: NodeJS.Timeout | undefined;
    if (kill) {
      timer = setInterval(() => {
        if (rep.requests.length - start >= kill.afterRequests) {
          clearInterval(timer);
          setTimeout(() => child.kill('SIGKILL'), kill.extraMs);
        }
      }, 2);
    }
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      clearTimeout(guard);
      resolve({ code, signal, stderr, ms: Date.now() - t0, requests: rep.requests.length - start });
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Run an `spo` command asynchronously (the replica in this process keeps answering). */
function runCli(args: string[]): Promise<RunResult> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SPO_BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stderr, ms: Date.now() - t0, requests: 0 });
    });
  });
}

/** The database content that must not depend on how often the crawl was interrupted. */
function snapshot(db: string, dataDir: string) {
  const d = new Database(db, { readonly: true });
  try {
    const all = (sql: string): unknown[] => d.prepare(sql).all();
    const rel = (p: string | null): string | null => (p ? relative(dataDir, p) : null);
    const releases = (d.prepare(`SELECT release_id, force_id, url, title, published, content_hash, status, is_spo, source, document_path
      FROM releases ORDER BY release_id`).all() as (Record<string, unknown> & { is_spo: number | null; document_path: string | null })[]).map((r) => ({
      ...r,
      document_path: rel(r.document_path),
    }));
    return {
      integrity: (d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
      foreignKeyProblems: all('PRAGMA foreign_key_check'),
      releases,
      revisions: all('SELECT release_id, content_hash, front_matter, body FROM release_revisions ORDER BY release_id, content_hash'),
      mentions: all(`SELECT release_id, ordinal, age, sex, town, court, kind, made_on, duration FROM order_mentions ORDER BY release_id, ordinal`),
      conditions: all(`SELECT m.release_id, m.ordinal, c.condition_type, c.term FROM mention_conditions c JOIN order_mentions m USING (mention_id)
        ORDER BY 1, 2, 3, 4`),
      orders: all(`SELECT age, sex, town, court, kind, made_on, duration, force_id FROM orders
        ORDER BY coalesce(force_id, ''), coalesce(made_on, ''), coalesce(town, ''), coalesce(age, -1), coalesce(kind, ''), coalesce(duration, '')`),
      duplicates: {
        releaseUrls: all('SELECT force_id, url, count(*) n FROM releases WHERE url IS NOT NULL GROUP BY 1, 2 HAVING n > 1'),
        revisions: all('SELECT release_id, content_hash, count(*) n FROM release_revisions GROUP BY 1, 2 HAVING n > 1'),
        mentions: all('SELECT release_id, ordinal, count(*) n FROM order_mentions GROUP BY 1, 2 HAVING n > 1'),
        documentPaths: all('SELECT document_path, count(*) n FROM releases WHERE document_path IS NOT NULL GROUP BY 1 HAVING n > 1'),
      },
      forcesSucceeded: all(`SELECT force_id FROM forces WHERE last_success_at IS NOT NULL ORDER BY force_id`),
    };
  } finally {
    d.close();
  }
}

/** Rows of `got` not in `want` (extra) and of `want` not in `got` (missing), long texts clipped. */
function rowDiff(got: unknown[], want: unknown[]): { missing: string[]; extra: string[] } {
  const key = (r: unknown): string => JSON.stringify(r);
  const clip = (k: string): string => (k.length > 400 ? `${k.slice(0, 400)}…` : k);
  const count = (rows: unknown[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const g = count(got);
  const w = count(want);
  const missing = [...w].filter(([k, n]) => (g.get(k) ?? 0) < n).map(([k]) => clip(k));
  const extra = [...g].filter(([k, n]) => (w.get(k) ?? 0) < n).map(([k]) => clip(k));
  return { missing, extra };
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Release documents (relative path -> text) and leftovers (anything else) under dataDir/releases. */
function documents(dataDir: string): { docs: Map<string, string>; leftovers: string[] } {
  const docs = new Map<string, string>();
  const leftovers: string[] = [];
  for (const f of walk(join(dataDir, 'releases'))) {
    if (RELEASE_EXTENSIONS.includes(extname(f).toLowerCase())) docs.set(relative(dataDir, f), readFileSync(f, 'utf8'));
    else leftovers.push(relative(dataDir, f));
  }
  return { docs, leftovers };
}

describe.skipIf(!CRAWL_READY)('crash safety: SIGKILL during a crawl, then a full run', () => {
  let rep: ReplicaLike;

  beforeAll(async () => {
    const { startReplica } = await import('../src/replica/index.ts');
    rep = await startReplica({ forces: FORCES, ordinaryPerForce: 14, writtenSpoPerForce: 2, seed: 11 });
  });
  afterAll(async () => {
    await rep?.stop();
  });

  it(
    `ends with the same database and documents as an uninterrupted crawl (${KILLS} kills, seed ${SEED})`,
    async () => {
      // The reference: one uninterrupted crawl.
      const refRoot = tempDir('spo-crash-ref-');
      const refDb = join(refRoot, 'spo.sqlite');
      const refData = join(refRoot, 'data');
      const refRun = runCrawl(rep, refDb, refData);
      // Readers while the crawl writes (issue 7: `spo export` during a crawl): they wait, never fail.
      const readers = (async () => {
        const out: RunResult[] = [];
        for (const args of [['export', 'releases', '--format', 'ndjson'], ['stats'], ['export', 'mentions', '--format', 'csv']]) {
          const start = rep.requests.length;
          while (rep.requests.length - start < 3 && !(await Promise.race([refRun.then(() => true), sleep(20).then(() => false)]))) {
            /* wait until the crawl is writing */
          }
          out.push(await runCli([...args, '--db', refDb]));
        }
        return out;
      })();
      const [ref, readerRuns] = await Promise.all([refRun, readers]);
      expect(ref.code, ref.stderr).toBe(0);
      for (const r of readerRuns) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).not.toMatch(/SQLITE_BUSY|database is locked/i);
      }
      expect(ref.requests).toBeGreaterThan(10);
      const want = snapshot(refDb, refData);
      expect(want.releases.filter((r) => r.is_spo === 1).length).toBeGreaterThan(2);

      // The crash run: killed at seeded random points (counted in requests served), then completed.
      const random = rng(SEED);
      const root = tempDir('spo-crash-');
      const db = join(root, 'spo.sqlite');
      const data = join(root, 'data');
      const kills: string[] = [];
      for (let k = 0; k < KILLS; k++) {
        // Each run re-reads robots.txt and the listings, then goes on where the last one stopped: kill
        // within the first share of the work so every run makes some progress and is still cut short.
        // 0 requests: killed while starting up.
        const afterRequests = Math.floor(random() * Math.max(2, Math.ceil(ref.requests / KILLS)));
        const extraMs = Math.floor(random() * 40);
        const r = await runCrawl(rep, db, data, { afterRequests, extraMs });
        kills.push(`kill ${k + 1}: after ${afterRequests} requests + ${extraMs} ms -> ${r.signal ?? `exit ${r.code}`} (${r.requests} served, ${r.ms} ms)${r.signal ? '' : `: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`}`);
        // Between kills the database is always consistent.
        if (existsSync(db)) expect(snapshot(db, data).integrity, kills.join('\n')).toBe('ok');
      }
      const last = await runCrawl(rep, db, data);
      expect(last.code, `${kills.join('\n')}\n${last.stderr}`).toBe(0);
      const got = snapshot(db, data);
      if (process.env.SPO_CRASH_VERBOSE) console.log(`reference ${ref.ms} ms, ${ref.requests} requests\n${kills.join('\n')}\nfinal ${last.ms} ms, ${last.requests} requests`);

      expect(got.integrity).toBe('ok');
      expect(got.foreignKeyProblems).toEqual([]);
      expect(got.duplicates).toEqual({ releaseUrls: [], revisions: [], mentions: [], documentPaths: [] });
      expect(got.forcesSucceeded).toEqual(want.forcesSucceeded);
      for (const table of ['releases', 'revisions', 'mentions', 'conditions', 'orders'] as const) {
        expect(rowDiff(got[table], want[table]), `${table} after the kills differ from the uninterrupted crawl\n${kills.join('\n')}`).toEqual({ missing: [], extra: [] });
      }

      // Documents: the same files with the same text; each parses; none is half written.
      const wantDocs = documents(refData);
      const gotDocs = documents(data);
      expect([...gotDocs.docs.keys()].sort()).toEqual([...wantDocs.docs.keys()].sort());
      for (const [p, text] of gotDocs.docs) {
        expect(text, p).toBe(wantDocs.docs.get(p));
        expect(() => readReleaseFile(join(data, p)), p).not.toThrow();
      }
      // A kill between writing a temporary file and renaming it may leave the temporary file, but it
      // never has a release extension (so `spo ingest data/releases` ignores it).
      for (const l of gotDocs.leftovers) expect(l).toMatch(/\.tmp-\d+-[0-9a-f]+$/);
      if (gotDocs.leftovers.length) console.warn(`crash test: ${gotDocs.leftovers.length} temporary file(s) left by killed runs: ${gotDocs.leftovers.join(', ')}`);
      // Every document on disk is the one a release points to.
      const pointed = new Set(got.releases.map((r) => r.document_path).filter(Boolean));
      for (const p of gotDocs.docs.keys()) expect(pointed.has(p), p).toBe(true);
    },
    180_000,
  );
});

describe('crash safety: SIGKILL during `spo ingest` of a large batch', () => {
  it('the batch is stored whole or not at all; a rerun completes it; integrity ok', async () => {
    const root = tempDir('spo-crash-ingest-');
    const docs = join(root, 'docs');
    mkdirSync(docs);
    const N = 300;
    for (let i = 0; i < N; i++) writeFileSync(join(docs, `r${String(i).padStart(4, '0')}.md`), goodRelease(1000 + i));
    const db = join(root, 'spo.sqlite');
    const random = rng(SEED + 1);
    const outcomes: string[] = [];
    for (let k = 0; k < 3; k++) {
      const extraMs = Math.floor(random() * 1200);
      const t0 = Date.now();
      const r = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
        const child = spawn(process.execPath, [SPO_BIN, 'ingest', docs, '--db', db], { cwd: REPO_ROOT, stdio: 'ignore' });
        // Kill a random time after the run has started writing (its run row makes the WAL grow).
        const wal = `${db}-wal`;
        const base = existsSync(wal) ? statSync(wal).mtimeMs : 0;
        const poll = setInterval(() => {
          if (existsSync(wal) && statSync(wal).mtimeMs > base) {
            clearInterval(poll);
            setTimeout(() => child.kill('SIGKILL'), extraMs);
          }
        }, 2);
        const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          clearInterval(poll);
          clearTimeout(guard);
          resolve({ code, signal });
        });
      });
      const d = new Database(db, { readonly: true });
      const n = (d.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n;
      const revs = (d.prepare('SELECT count(*) AS n FROM release_revisions').get() as { n: number }).n;
      const ok = (d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
      d.close();
      outcomes.push(`kill ${k + 1} at +${extraMs} ms (${Date.now() - t0} ms): ${r.signal ?? `exit ${r.code}`}, ${n} releases`);
      expect(ok).toBe('ok');
      expect([0, N], outcomes.join('\n')).toContain(n);
      expect(revs).toBe(n);
    }
    const last = await runCli(['ingest', docs, '--db', db]);
    expect(last.code, `${outcomes.join('\n')}\n${last.stderr}`).toBe(0);
    const d = new Database(db, { readonly: true });
    expect((d.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n).toBe(N);
    expect((d.prepare('SELECT count(*) AS n FROM release_revisions').get() as { n: number }).n).toBe(N);
    expect((d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    d.close();
    if (process.env.SPO_CRASH_VERBOSE) console.log(outcomes.join('\n'));
  }, 240_000);
});
