// Issue 7, concurrency: several processes against one database never corrupt it. A writer ingests in
// a loop while readers (a reader process and the real `spo export` / `spo stats`) read: no SQLITE_BUSY,
// integrity ok. Two writers at once both succeed, also on a fresh database (migrations race). The
// nightly lock admits exactly one of several processes that race for it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { goodRelease } from './fixtures/bad/make.ts';
import { REPO_ROOT, SPO_BIN, tempDir } from './helpers/paths.ts';

interface Proc {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a child process asynchronously (several at once). */
function run(args: string[], timeoutMs = 120_000): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

const src = (p: string): string => JSON.stringify(join(REPO_ROOT, 'src', p));

/** A script run with tsx; it waits for `go` to exist (a barrier) so that processes really overlap. */
function script(dir: string, name: string, body: string): string[] {
  const file = join(dir, `${name}.mts`);
  writeFileSync(
    file,
    `import { existsSync as barrierExists, writeFileSync as barrierWrite } from 'node:fs';
const [, , ...argv] = process.argv;
barrierWrite(${JSON.stringify(join(dir, 'ready-'))} + process.pid, '');
while (!barrierExists(${JSON.stringify(join(dir, 'go'))})) await new Promise((r) => setTimeout(r, 5));
${body}
`,
  );
  return ['--import', 'tsx/esm', file];
}

/** Wait until n scripts are ready, then let them all go at once. */
async function releaseBarrier(dir: string, n: number, content: () => string = () => ''): Promise<void> {
  const { readdirSync } = await import('node:fs');
  const deadline = Date.now() + 90_000;
  while (readdirSync(dir).filter((f) => f.startsWith('ready-')).length < n) {
    if (Date.now() > deadline) throw new Error('processes never became ready');
    await new Promise((r) => setTimeout(r, 20));
  }
  writeFileSync(join(dir, 'go'), content());
}

const WRITER = `
const { openStore } = await import(${src('store/index.ts')});
const { ingestPaths } = await import(${src('pipeline/index.ts')});
const { writeFileSync, mkdirSync } = await import('node:fs');
const [db, docs, tag, iterations] = argv;
mkdirSync(docs, { recursive: true });
const store = openStore(db);
const tally = { new: 0, changed: 0, unchanged: 0, errors: 0 };
for (let i = 0; i < Number(iterations); i++) {
  const file = docs + '/' + tag + '-' + (i % 5) + '.md';
  writeFileSync(file, 'A ' + (20 + (i % 50)) + '-year-old man from Dover was given a Stalking Protection Order for five years (' + tag + ' edit ' + i + ').\\n');
  const { processed, errors } = ingestPaths(store, [file], { source: 'ingest' });
  for (const p of processed) tally[p.event]++;
  tally.errors += errors.length;
}
store.close();
console.log(JSON.stringify(tally));
`;

const READER = `
const { openStore } = await import(${src('store/index.ts')});
const [db, ms] = argv;
const until = Date.now() + Number(ms);
let reads = 0;
let last = null;
while (Date.now() < until) {
  // A fresh connection now and then: opening during a write must wait, not fail.
  const store = openStore(db, { readonly: true });
  try {
    for (let k = 0; k < 20; k++) {
      last = store.counts();
      store.db.prepare('SELECT r.release_id, count(v.revision_id) AS n FROM releases r LEFT JOIN release_revisions v USING (release_id) GROUP BY r.release_id').all();
      store.db.prepare('SELECT m.*, c.term FROM order_mentions m LEFT JOIN mention_conditions c USING (mention_id)').all();
      reads++;
    }
  } finally {
    store.close();
  }
  await new Promise((r) => setTimeout(r, 1));
}
console.log(JSON.stringify({ reads, last }));
`;

function integrity(db: string): string {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
  } finally {
    d.close();
  }
}

describe('concurrency: processes sharing one database', () => {
  it('a writer ingesting in a loop while a reader process, `spo export` and `spo stats` read: no SQLITE_BUSY, integrity ok', async () => {
    const dir = tempDir('spo-conc-');
    const db = join(dir, 'spo.sqlite');
    // The database exists before the race (the fresh-database race is the next test).
    mkdirSync(join(dir, 'seed'));
    writeFileSync(join(dir, 'seed', 'seed.md'), goodRelease(1));
    const seeded = await run([SPO_BIN, 'ingest', join(dir, 'seed'), '--db', db]);
    expect(seeded.code, seeded.stderr).toBe(0);

    const writer = run([...script(dir, 'writer', WRITER), db, join(dir, 'docs'), 'w', '60']);
    const reader = run([...script(dir, 'reader', READER), db, '6000']);
    await releaseBarrier(dir, 2);
    // The real CLI readers, started while the writer writes.
    const exports = run([SPO_BIN, 'export', 'releases', '--format', 'ndjson', '--db', db]);
    const stats = run([SPO_BIN, 'stats', '--db', db]);
    const [w, r, e, s] = await Promise.all([writer, reader, exports, stats]);

    for (const [name, p] of [['writer', w], ['reader', r], ['spo export', e], ['spo stats', s]] as const) {
      expect(p.code, `${name}: ${p.stderr}`).toBe(0);
      expect(p.stderr, name).not.toMatch(/SQLITE_BUSY|database is locked/i);
    }
    const tally = JSON.parse(w.stdout) as Record<string, number>;
    expect(tally).toMatchObject({ new: 5, changed: 55, errors: 0 });
    expect((JSON.parse(r.stdout) as { reads: number }).reads).toBeGreaterThan(0);
    expect(e.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(1);
    expect(integrity(db)).toBe('ok');
    const d = new Database(db, { readonly: true });
    expect((d.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n).toBe(6);
    expect((d.prepare('SELECT count(*) AS n FROM release_revisions').get() as { n: number }).n).toBe(61);
    d.close();
  }, 150_000);

  it('two writers at once on a fresh database (both migrate, both ingest) both succeed', async () => {
    const dir = tempDir('spo-conc-');
    const db = join(dir, 'fresh.sqlite');
    expect(existsSync(db)).toBe(false);
    const a = run([...script(dir, 'writer-a', WRITER), db, join(dir, 'docs'), 'a', '20']);
    const b = run([...script(dir, 'writer-b', WRITER), db, join(dir, 'docs'), 'b', '20']);
    await releaseBarrier(dir, 2);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.code, `writer a: ${ra.stderr}`).toBe(0);
    expect(rb.code, `writer b: ${rb.stderr}`).toBe(0);
    expect(integrity(db)).toBe('ok');
    const d = new Database(db, { readonly: true });
    expect((d.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n).toBe(10);
    expect((d.prepare('SELECT count(*) AS n FROM release_revisions').get() as { n: number }).n).toBe(40);
    const versions = d.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(new Set(versions.map((v) => v.version)).size).toBe(versions.length);
    d.close();
  }, 150_000);

  it('four processes opening one fresh database at the same instant all succeed (migrations race)', async () => {
    const dir = tempDir('spo-conc-');
    // Imports first, then the barrier, then every process opens db-i at the same wall-clock instant.
    const body = `
const { readFileSync } = await import('node:fs');
const start = Number(readFileSync(${JSON.stringify(join(dir, 'go'))}, 'utf8'));
const problems = [];
for (let i = 0; i < 8; i++) {
  while (Date.now() < start + i * 150) {}
  try {
    openStore(argv[0] + '/db-' + i + '.sqlite').close();
  } catch (e) {
    problems.push('db-' + i + ': ' + e.message);
  }
}
console.log(JSON.stringify(problems));
`;
    const procs = [0, 1, 2, 3].map((i) => {
      const args = script(dir, `opener-${i}`, body);
      // Hoist the store import above the barrier.
      const file = args[2]!;
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, `const { openStore } = await import(${src('store/index.ts')});\n${text}`);
      return run([...args, dir]);
    });
    await releaseBarrier(dir, 4, () => String(Date.now() + 300));
    const results = await Promise.all(procs);
    for (const p of results) {
      expect(p.code, p.stderr).toBe(0);
      expect(JSON.parse(p.stdout.trim()) as string[]).toEqual([]);
    }
    for (let i = 0; i < 8; i++) expect(integrity(join(dir, `db-${i}.sqlite`))).toBe('ok');
  }, 120_000);

  it('the nightly lock: of four processes racing for it, exactly one gets it', async () => {
    const dir = tempDir('spo-lock-');
    const lockPath = join(dir, 'data', 'nightly.lock');
    const body = `
const { acquireLock, LockHeldError } = await import(${src('nightly/lock.ts')});
try {
  const lock = acquireLock(argv[0], 'race');
  await new Promise((r) => setTimeout(r, 1500));
  lock.release();
  console.log('got');
} catch (e) {
  if (!(e instanceof LockHeldError)) throw e;
  console.log('refused');
}
`;
    const procs = [0, 1, 2, 3].map((i) => run([...script(dir, `locker-${i}`, body), lockPath]));
    await releaseBarrier(dir, 4);
    const results = await Promise.all(procs);
    for (const p of results) expect(p.code, p.stderr).toBe(0);
    expect(results.map((p) => p.stdout.trim()).sort()).toEqual(['got', 'refused', 'refused', 'refused']);
    expect(existsSync(lockPath)).toBe(false);
  }, 120_000);
});
