// The nightly lock: <dataDir>/nightly.lock holds the pid, host and start time of the run that owns it.
// Created with O_EXCL, so two runs never both get it. A lock whose process is gone (killed run, reboot)
// is stale and is taken over; a live one makes the second run refuse.
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Linux: the process start time (clock ticks since boot), so a recycled pid is not mistaken for the owner. */
  procStart: string | null;
  command: string;
}

export class LockHeldError extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockInfo | null,
  ) {
    super(
      holder
        ? `another nightly run holds ${path} (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt})`
        : `another nightly run holds ${path}`,
    );
    this.name = 'LockHeldError';
  }
}

export interface Lock {
  path: string;
  info: LockInfo;
  /** The stale lock this run took over, if any. */
  tookOver: LockInfo | null;
  release(): void;
}

/** Field 22 of /proc/<pid>/stat (start time), or null where there is no /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readRaw(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readLock(path: string): LockInfo | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    if (typeof data.pid !== 'number') return null;
    return {
      pid: data.pid,
      host: data.host ?? '',
      startedAt: data.startedAt ?? '',
      procStart: data.procStart ?? null,
      command: data.command ?? '',
    };
  } catch {
    return null;
  }
}

/** Whether the holder of a lock is certainly gone. A lock from another host is never assumed stale. */
export function isStale(info: LockInfo | null, path: string, graceMs = 10_000): boolean {
  if (!info) {
    // Unreadable: a run may be writing it this instant; stale only once it has been so for a while.
    try {
      return Date.now() - statSync(path).mtimeMs > graceMs;
    } catch {
      return true;
    }
  }
  if (info.host && info.host !== hostname()) return false;
  if (!pidAlive(info.pid)) return true;
  const start = processStartTime(info.pid);
  return info.procStart !== null && start !== null && start !== info.procStart;
}

/** Take the lock or throw LockHeldError. A stale lock is removed and replaced. */
export function acquireLock(path: string, command = 'nightly'): Lock {
  mkdirSync(dirname(path), { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    procStart: processStartTime(process.pid),
    command,
  };
  let tookOver: LockInfo | null = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A folder (or anything else) by the lock's name is no run's lock: waiting or taking it over
      // would never succeed, and "another run holds the lock" would send the user looking for one.
      if (!lstatSync(path).isFile()) throw new Error(`${path} is a ${lstatSync(path).isDirectory() ? 'folder' : 'special file'}, not a lock file: remove it and run again`);
      const raw = readRaw(path);
      const holder = readLock(path);
      if (!isStale(holder, path)) throw new LockHeldError(path, holder);
      // Take over under a second, short-lived mutex (mkdir is atomic), and only if the lock is still the
      // stale one we judged: two runs finding one stale lock must not remove each other's fresh lock.
      const mutex = `${path}.takeover`;
      try {
        mkdirSync(mutex);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        try {
          if (Date.now() - statSync(mutex).mtimeMs > 30_000) rmdirSync(mutex); // left by a killed run
        } catch {
          /* gone meanwhile */
        }
        sleepSync(50);
        continue;
      }
      try {
        if (readRaw(path) === raw) {
          unlinkSync(path);
          tookOver = holder ?? { pid: 0, host: '', startedAt: '', procStart: null, command: '' };
        }
      } catch {
        /* raced: look again */
      } finally {
        rmdirSync(mutex);
      }
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(info)}\n`);
    } catch (e) {
      // A full disk: an empty lock would hold off the next runs until it is judged stale.
      closeSync(fd);
      unlinkSync(path);
      throw new Error(`could not write the lock ${path}: ${(e as Error).message}`);
    }
    closeSync(fd);
    let released = false;
    return {
      path,
      info,
      tookOver,
      release() {
        if (released) return;
        released = true;
        const now = readLock(path);
        // Only remove our own lock (never one a later run took over after deciding ours was stale).
        if (now && now.pid === info.pid && now.startedAt === info.startedAt) {
          try {
            unlinkSync(path);
          } catch {
            /* already gone */
          }
        }
      },
    };
  }
  throw new LockHeldError(path, readLock(path));
}
