// A full disk (issue 18, item 2): `spo nightly` with its data folder on a filesystem that fills up
// during the run. A release document that cannot be written makes its force not ok (its last-success
// time stays where it was), the summary and exit status say what failed, no temporary file is left,
// the run is closed, and what is to be retried is in SQLite. With space back, the next incremental
// nightly stores every SPO release the full-disk run missed: the database and the documents end equal
// to an uninterrupted run.
//
// The filesystem is a real one where the tests may mount (root in a container: a tmpfs), otherwise
// ENOSPC is injected at the file-write boundary (node:fs, sync and callback, and node:fs/promises writes
// under the data folder). The test's name says which one ran; it never skips.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { EXIT, runNightly } from '../src/nightly/index.ts';
import { openStore } from '../src/store/index.ts';
import { tempDir } from './helpers/paths.ts';

/** Injected mode: writes under `dir` spend `free` bytes; past it they fail with ENOSPC. */
const disk = vi.hoisted(() => ({ dir: null as string | null, free: Number.POSITIVE_INFINITY, fds: new Map<number, string>() }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const { spend } = await import('./helpers/enospc.ts');
  const open: typeof real.open = async (path, ...rest) => {
    const fh = await real.open(path, ...rest);
    const p = String(path);
    return new Proxy(fh, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (prop === 'writeFile' || prop === 'write') {
          return (data: string | Uint8Array, ...args: unknown[]) => {
            spend(disk, p, data);
            return (v as (...a: unknown[]) => unknown).call(target, data, ...args);
          };
        }
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  };
  const writeFile: typeof real.writeFile = async (path, data, ...rest) => {
    spend(disk, String(path), data as string);
    return real.writeFile(path, data, ...rest);
  };
  return { ...real, default: { ...real, open, writeFile }, open, writeFile };
});

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const { spend } = await import('./helpers/enospc.ts');
  const openSync = ((path: string, ...rest: unknown[]) => {
    const fd = (real.openSync as (...a: unknown[]) => number)(path, ...rest);
    disk.fds.set(fd, String(path));
    return fd;
  }) as typeof real.openSync;
  const closeSync = ((fd: number) => {
    disk.fds.delete(fd);
    return real.closeSync(fd);
  }) as typeof real.closeSync;
  const writeSync = ((fd: number, data: string | Uint8Array, ...rest: unknown[]) => {
    spend(disk, disk.fds.get(fd) ?? '', data);
    return (real.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof real.writeSync;
  const writeFileSync = ((path: unknown, data: string | Uint8Array, ...rest: unknown[]) => {
    spend(disk, typeof path === 'string' ? path : '', data);
    return (real.writeFileSync as (...a: unknown[]) => void)(path, data, ...rest);
  }) as typeof real.writeFileSync;
  // The callback forms too: release documents are written through a plain descriptor (open, writeFile
  // to the descriptor, fsync, close).
  type Callback = (err: NodeJS.ErrnoException | null, ...results: unknown[]) => void;
  const open = ((path: string, ...rest: unknown[]) => {
    const cb = rest.pop() as Callback;
    (real.open as (...a: unknown[]) => void)(path, ...rest, (err: NodeJS.ErrnoException | null, fd: number) => {
      if (!err) disk.fds.set(fd, String(path));
      cb(err, fd);
    });
  }) as typeof real.open;
  const close = ((fd: number, cb: Callback) => {
    disk.fds.delete(fd);
    real.close(fd, cb);
  }) as typeof real.close;
  const writeFile = ((file: unknown, data: string | Uint8Array, ...rest: unknown[]) => {
    const path = typeof file === 'number' ? (disk.fds.get(file) ?? '') : typeof file === 'string' ? file : '';
    try {
      spend(disk, path, data);
    } catch (e) {
      (rest.pop() as Callback)(e as NodeJS.ErrnoException);
      return;
    }
    (real.writeFile as (...a: unknown[]) => void)(file, data, ...rest);
  }) as typeof real.writeFile;
  const patched = { openSync, closeSync, writeSync, writeFileSync, open, close, writeFile };
  return { ...real, ...patched, default: { ...real, ...patched } };
});

const FORCES = ['kent', 'sussex'];
let rep: Replica;
const root = tempDir('spo-disk-full-');

/** A small real filesystem for the data folder, or null (and why) where mounting is refused. */
function mountSmallFilesystem(dir: string): { ok: true } | { ok: false; why: string } {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir], { stdio: 'pipe' });
    return { ok: true };
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return { ok: false, why: (err.stderr?.toString() || err.message).trim().split('\n')[0]! };
  }
}

const dataDir = join(root, 'data');
// SPO_TEST_INJECT_ENOSPC=1 runs the injected variant where mounting works too.
const mounted: ReturnType<typeof mountSmallFilesystem> = process.env.SPO_TEST_INJECT_ENOSPC ? { ok: false, why: 'SPO_TEST_INJECT_ENOSPC is set' } : mountSmallFilesystem(dataDir);
const MODE = mounted.ok ? 'a real 8 MiB tmpfs that fills up' : `ENOSPC injected at the file-write boundary (mount refused: ${mounted.why})`;
const filler = join(dataDir, 'filler');

/** The disk fills up: the rest of the filesystem taken by a file (real), or no byte left (injected). */
function fillDisk(): void {
  if (!mounted.ok) {
    disk.dir = dataDir;
    disk.free = 0;
    return;
  }
  const fd = openSync(filler, 'a');
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Space back. */
function freeDisk(): void {
  disk.dir = null;
  disk.free = Number.POSITIVE_INFINITY;
  rmSync(filler, { force: true });
}

beforeAll(async () => {
  rep = await startReplica({ forces: FORCES, ordinaryPerForce: 30 });
  console.info(`disk-full test: ${MODE}`);
}, 60_000);

afterAll(async () => {
  freeDisk();
  await rep?.stop();
  if (mounted.ok) execFileSync('umount', [dataDir]);
  rmSync(root, { recursive: true, force: true });
});

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Release documents under a data folder: relative path -> text. */
function documents(dir: string): Map<string, string> {
  return new Map(walk(join(dir, 'releases')).map((f) => [relative(dir, f), readFileSync(f, 'utf8')]));
}

/**
 * What the runs decided (releases, texts, mentions with their conditions and evidence, orders with
 * theirs), without the row ids that depend on the order things were stored in, and with document paths
 * relative to the data folder.
 */
function contentsOf(db: string, dir: string) {
  const store = openStore(db, { readonly: true });
  try {
    const c = store.contents();
    const mentionKey = new Map(c.mentions.map((m) => [m.mention_id, `${m.release_id}#${m.ordinal}`]));
    const sorted = <T>(rows: T[]): T[] => rows.map((r) => JSON.stringify(r)).sort().map((r) => JSON.parse(r) as T);
    return {
      releases: c.releases.map((r) => ({ ...r, document_path: r.document_path ? relative(dir, r.document_path) : null })),
      revisions: c.revisions,
      mentions: c.mentions.map(({ mention_id: _m, order_id: _o, ...m }) => m),
      mentionConditions: sorted(c.mentionConditions.map(({ mention_id, ...x }) => ({ mention: mentionKey.get(mention_id), ...x }))),
      evidence: sorted(c.evidence.map(({ mention_id, ...x }) => ({ mention: mention_id === null ? null : mentionKey.get(mention_id), ...x }))),
      orders: sorted(
        c.orders.map(({ order_id, case_id: _c, ...o }) => ({
          ...o,
          mentions: c.mentions.filter((m) => m.order_id === order_id).map((m) => mentionKey.get(m.mention_id)).sort(),
          conditions: c.orderConditions.filter((x) => x.order_id === order_id).map((x) => `${x.condition_type}:${x.term}`).sort(),
        })),
      ),
      orderLinks: c.orderLinks.length,
    };
  } finally {
    store.close();
  }
}

const nightly = (db: string, dir: string, log?: (line: string) => void) =>
  runNightly({ db, dataDir: dir, forces: FORCES, origins: rep.origins, delayMs: 0, log, crawl: { maxRetries: 1, retryBaseMs: 50 } });

describe('a full disk (issue 18, item 2)', () => {
  it(`a release that cannot be written fails its force, nothing is lost, and the next nightly completes the work (${MODE})`, async () => {
    // The reference: one uninterrupted nightly on a roomy disk.
    const refDir = join(root, 'ref-data');
    const refDb = join(root, 'ref.sqlite');
    const ref = await nightly(refDb, refDir);
    expect(ref.exitCode).toBe(EXIT.OK);
    const spoReleases = FORCES.flatMap((f) => rep.spoReleases(f)).length;
    expect(ref.summary.totals.new).toBe(spoReleases);

    // The full-disk run: the disk fills up once the first SPO release is written.
    const db = join(root, 'spo.sqlite');
    let full = false;
    const first = await nightly(db, dataDir, (line) => {
      if (!full && / new SPO release /.test(line)) {
        full = true;
        fillDisk();
      }
    });
    expect(full).toBe(true);
    const s1 = first.summary;
    const missed = spoReleases - s1.totals.new;
    console.info(`disk-full test: the full-disk run stored ${s1.totals.new} of ${spoReleases} SPO releases (exit ${first.exitCode})`);
    expect(missed).toBeGreaterThan(0);
    // Not ok: the exit status, the run's status, and each force whose writes failed say so.
    expect(first.exitCode).not.toBe(EXIT.OK);
    expect(s1.status).not.toBe('ok');
    const failedForces = s1.forces.filter((f) => !f.ok);
    expect(failedForces.length).toBeGreaterThan(0);
    for (const f of failedForces) expect(f.errors[0]).toMatch(/could not write .*no space left on device|ENOSPC/i);
    // Their last-success time did not move; the health row says why.
    const store1 = openStore(db, { readonly: true });
    const rows = new Map(store1.forces().map((f) => [f.force_id, f]));
    const runs = store1.db.prepare('SELECT status FROM crawl_runs').all() as { status: string }[];
    const retry = store1.db.prepare("SELECT force_id, url FROM crawl_pending WHERE state = 'retry'").all() as { force_id: string; url: string }[];
    store1.close();
    for (const f of failedForces) {
      expect(rows.get(f.force_id)!.last_success_at).toBeNull();
      expect(rows.get(f.force_id)!.last_error).toMatch(/no space left on device|ENOSPC/i);
    }
    // The outputs that could not be written are reported, the run is closed (not left running).
    expect(JSON.stringify(s1.outputs)).toMatch(/changes.*(no space left on device|ENOSPC)/i);
    expect(runs.map((r) => r.status)).not.toContain('running');
    // What is to be retried is in the database: every SPO release missed.
    expect(retry.length).toBeGreaterThanOrEqual(missed);
    // No temporary file is left anywhere in the data folder.
    expect(walk(dataDir).filter((f) => /\.tmp-/.test(f))).toEqual([]);

    // Still full (what the run freed taken too): the next nightly cannot write its lock; it says so and
    // leaves no empty lock behind to hold off the runs after it.
    fillDisk();
    await expect(nightly(db, dataDir)).rejects.toThrow(/could not write the lock .*(no space left on device|ENOSPC)/);
    expect(existsSync(join(dataDir, 'nightly.lock'))).toBe(false);

    // Space back: the next (incremental) nightly completes the work.
    freeDisk();
    const second = await nightly(db, dataDir);
    expect(second.exitCode, JSON.stringify(second.summary.forces.map((f) => f.errors))).toBe(EXIT.OK);
    console.info(`disk-full test: the next nightly stored the ${second.summary.totals.new} missed`);
    expect(second.summary.totals.new).toBe(missed);
    expect(contentsOf(db, dataDir)).toEqual(contentsOf(refDb, refDir));
    expect(documents(dataDir)).toEqual(documents(refDir));
    const store2 = openStore(db, { readonly: true });
    expect(store2.db.prepare('SELECT count(*) AS n FROM crawl_pending').get()).toEqual({ n: 0 });
    store2.close();
    expect(walk(dataDir).filter((f) => /\.tmp-/.test(f))).toEqual([]);
    // Tidy for the next nightly: it costs robots.txt and a listing page or two per force again.
    rep.clearLog();
    const third = await nightly(db, dataDir);
    expect(third.exitCode).toBe(EXIT.OK);
    for (const f of FORCES) expect(rep.requests.filter((r) => r.forceId === f).length).toBeLessThanOrEqual(3);
  }, 240_000);
});
