// Release documents on disk: <dataDir>/releases/<force>/<yyyy>/<slug>.md, written atomically.
// Names derived from URLs can never leave <dataDir>/releases/ (no "..", no absolute paths, no odd Unicode).
import { createHash, randomBytes } from 'node:crypto';
import { close, closeSync, existsSync, fsync, fsyncSync, mkdirSync, open, openSync, readFileSync, renameSync, rmSync, writeFile, writeSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, join, resolve, sep } from 'node:path';
import { parseRelease } from './index.ts';

const openFd = promisify(open);
const writeFd = promisify(writeFile);
const fsyncFd = promisify(fsync);
const closeFd = promisify(close);

/** A file-name-safe slug: NFKC, ASCII letters, digits, single dots and hyphens; never empty, never "." or "..". */
export function safeSlug(raw: string, max = 100): string {
  let s = raw;
  try {
    s = decodeURIComponent(s);
  } catch {
    /* keep as is */
  }
  s = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  if (s.length > max) s = s.slice(0, max).replace(/[.-]+$/g, '');
  return s || 'release';
}

/** The slug of a release URL: its last non-empty path segment (or the host when there is none). */
export function urlSlug(url: string): string {
  try {
    const u = new URL(url);
    const segs = u.pathname.split('/').filter(Boolean);
    return safeSlug(segs[segs.length - 1] ?? u.hostname);
  } catch {
    return safeSlug(url);
  }
}

const shortHash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 8);

/** Root folder of release documents. */
export const releasesRoot = (dataDir: string): string => resolve(dataDir, 'releases');

/**
 * Where a release document goes. `existing` is where the same release was written before (reused
 * when it is inside the root). A different release already at the slug's path gets a hash suffix.
 */
export function releasePath(
  dataDir: string,
  forceId: string,
  published: string | null,
  url: string,
  existing?: string | null,
  /** The URL of a document about to be written at a path (not on disk yet), to avoid its name as well. */
  aboutToBeWritten?: (path: string) => string | undefined,
): string {
  const root = releasesRoot(dataDir);
  if (existing) {
    const p = resolve(existing);
    if (p.startsWith(root + sep) && p.endsWith('.md')) return p;
  }
  const force = safeSlug(forceId, 60);
  const year = published && /^\d{4}/.test(published) ? published.slice(0, 4) : 'undated';
  const slug = urlSlug(url);
  let p = join(root, force, year, `${slug}.md`);
  const pending = aboutToBeWritten?.(resolve(p));
  if (pending !== undefined ? pending !== url : existsSync(p) && !fileHasUrl(p, url)) p = join(root, force, year, `${slug}-${shortHash(url)}.md`);
  const abs = resolve(p);
  if (!abs.startsWith(root + sep)) throw new Error(`release path escapes ${root}: ${abs}`);
  return abs;
}

/** Whether the release document at path is the one for url (its front matter `url`, exactly). */
function fileHasUrl(path: string, url: string): boolean {
  try {
    return parseRelease(readFileSync(path, 'utf8'), path).url === url;
  } catch {
    return false;
  }
}

/** Write a file atomically: a temporary file beside it, fsync, then rename over the target. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** writeFileAtomic without blocking the event loop: the writes and the fsync run in libuv's thread pool. */
export async function writeFileAtomicAsync(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    // A plain descriptor: a FileHandle costs more to make than the write itself (a crawl writes hundreds).
    const fd = await openFd(tmp, 'w');
    try {
      await writeFd(fd, text);
      await fsyncFd(fd);
    } finally {
      await closeFd(fd);
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
