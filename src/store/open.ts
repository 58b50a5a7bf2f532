// Where the database file is, checked before SQLite sees it: a wrong --db gives one line naming the
// path ("is a folder", "no database at"), not SQLite's "disk I/O error" or Node's "EEXIST: mkdir".
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// URI file names (`file:...?immutable=1`, below) are off in better-sqlite3's SQLite unless this is set
// before its native module loads, which is on the first `new Database`. Plain paths are unaffected.
process.env.SQLITE_USE_URI ??= '1';

export const DEFAULT_DB_PATH = 'data/spo.sqlite';

const kindOf = (path: string): 'file' | 'folder' | 'other' | null => {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch {
    return null;
  }
};

/** The first ancestor of path (itself excluded) that exists, and what it is. */
function existingParent(path: string): { path: string; kind: 'file' | 'folder' | 'other' } | null {
  for (let p = dirname(resolve(path)); ; p = dirname(p)) {
    const kind = kindOf(p);
    if (kind) return { path: p, kind };
    if (dirname(p) === p) return null;
  }
}

/**
 * Check the database path for opening: an existing database must be a file; one that is read must
 * exist (read commands never create one: only crawl, ingest and nightly do); one that is created gets
 * its folder, unless part of that folder's path is a file.
 */
export function prepareDatabasePath(path: string, mode: 'read' | 'create'): void {
  if (path === ':memory:') return;
  const kind = kindOf(path);
  if (kind === 'folder') throw new Error(`database ${path} is a folder, not a database file: pass --db FILE`);
  if (kind === 'other') throw new Error(`database ${path} is not a regular file`);
  if (kind === 'file') return;
  if (mode === 'read') throw new Error(`no database at ${path}: run "spo ingest <files>" or "spo crawl" first, or pass --db FILE`);
  const parent = existingParent(path);
  if (parent && parent.kind !== 'folder') throw new Error(`cannot create the database ${path}: ${parent.path} is a file, not a folder`);
  mkdirSync(dirname(path), { recursive: true });
}

/**
 * The name to open an existing database read-only under. SQLite reads a WAL database through its
 * -shm file and creates it when missing, which fails where the folder cannot be written (a database
 * kept by another user, a read-only mount): "attempt to write a readonly database". There, with no
 * writer running (no -shm), the file is opened as immutable: read as it is, no lock, no -shm.
 */
export function readOnlyName(path: string): string {
  if (path === ':memory:') return path;
  let writable = true;
  try {
    accessSync(dirname(resolve(path)), constants.W_OK);
  } catch {
    writable = false;
  }
  if (writable || existsSync(`${path}-shm`)) return path;
  return `file:${encodeURI(resolve(path)).replace(/[?#]/g, encodeURIComponent)}?immutable=1`;
}
