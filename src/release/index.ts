// Release documents: YAML front matter, then the article text.
// Public entry of the release stage: reading, writing, normalising and hashing release documents.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, sep } from 'node:path';
import yaml from 'js-yaml';
import { decodeHTML } from 'entities';
import type { ReleaseDocument, ReleaseFrontMatter } from '../domain/types.ts';
import { validateFrontMatter } from '../domain/validate.ts';
import { parseSourceDate } from './dates.ts';

export { parseSourceDate, dateOnly, isoDate, monthNumber } from './dates.ts';
export { serializeRelease } from './write.ts';

/** A release document that cannot be read. The message names the file and, for YAML, the line. */
export class ReleaseError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
    this.name = 'ReleaseError';
  }
}

/** Extensions read when a folder is given. */
export const RELEASE_EXTENSIONS = ['.md', '.txt', '.markdown'];
/** Larger files are refused: no press release is anywhere near this. */
export const MAX_RELEASE_BYTES = 20 * 1024 * 1024;
/** A front matter whose YAML expands to more nodes than this is refused (alias bombs). */
const MAX_FRONT_MATTER_NODES = 10_000;

interface Split {
  yamlText: string | null;
  /** Line number (1-based) of the first YAML line in the file. */
  yamlLine: number;
  body: string;
}

/** Front matter as a ```yaml fence (the seed format), between --- lines, or absent. */
function splitFrontMatter(text: string): Split {
  const fence = text.match(/^\s*```ya?ml[ \t]*\r?\n([\s\S]*?)\r?\n```[ \t]*(?:\r?\n|$)/);
  if (fence) {
    const leading = text.slice(0, fence.index! + fence[0].indexOf('```')).split('\n').length;
    return { yamlText: fence[1]!, yamlLine: leading + 1, body: text.slice(fence[0].length) };
  }
  const dashes = text.match(/^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/);
  if (dashes) return { yamlText: dashes[1]!, yamlLine: 2, body: text.slice(dashes[0].length) };
  return { yamlText: null, yamlLine: 0, body: text };
}

function countNodes(value: unknown, budget: { left: number }): void {
  if (--budget.left < 0) return;
  if (Array.isArray(value)) for (const v of value) countNodes(v, budget);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) countNodes(v, budget);
}

/** Decode HTML entities in every string of the front matter (`Magistrates&#39; Court`). */
function decodeEntities(value: unknown): unknown {
  if (typeof value === 'string') return decodeHTML(value);
  if (Array.isArray(value)) return value.map(decodeEntities);
  // YAML reads `2025-05-08` as midnight UTC (a date: kept a date, not a time of day) and
  // `2025-05-08T14:03:00+01:00` as an instant (kept with its zone, Z: parseSourceDate reads it in UK time).
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeEntities(v)]));
  }
  return value;
}

function loadFrontMatter(file: string, split: Split): ReleaseFrontMatter {
  if (split.yamlText === null || split.yamlText.trim() === '') return {};
  let data: unknown;
  try {
    // js-yaml 4's load() uses the safe default schema: no functions, regexps or custom tags.
    data = yaml.load(split.yamlText, { filename: file, schema: yaml.DEFAULT_SCHEMA, json: false });
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      const line = e.mark ? split.yamlLine + e.mark.line : undefined;
      throw new ReleaseError(file, `invalid YAML front matter: ${e.reason}`, line);
    }
    throw e;
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ReleaseError(file, 'front matter is not a mapping of fields', split.yamlLine);
  }
  const budget = { left: MAX_FRONT_MATTER_NODES };
  countNodes(data, budget);
  if (budget.left < 0) throw new ReleaseError(file, 'front matter is too large (YAML aliases expand beyond limits)');
  const decoded = decodeEntities(data) as ReleaseFrontMatter;
  const problems = validateFrontMatter(decoded);
  if (problems) throw new ReleaseError(file, `front matter has wrong types: ${problems}`, split.yamlLine);
  return decoded;
}

/** Strip a trailing " | Force name" that page titles carry. */
function cleanTitle(title: string | undefined): string | null {
  if (!title) return null;
  // Same as title.replace(/\s+\|\s+[^|]+$/, '') but linear: that regex backtracks quadratically on
  // long runs of spaces (a hostile front matter made parsing hang).
  const bar = title.lastIndexOf('|');
  let t = title;
  if (bar > 0 && /\s/.test(title[bar - 1]!) && /^\s[^|]+$/.test(title.slice(bar + 1))) t = title.slice(0, bar).trimEnd();
  return t.trim() || null;
}

/** Parse a release document from its text. `file` names it in errors and gives the id. */
export function parseRelease(text: string, file: string): ReleaseDocument {
  if (text.trim() === '') throw new ReleaseError(file, 'file is empty');
  const clean = text.replace(/^\uFEFF/, '');
  const split = splitFrontMatter(clean);
  const fm = loadFrontMatter(file, split);
  const body = split.body.replace(/^\s*\n/, '');
  if (body.trim() === '' && Object.keys(fm).length === 0) throw new ReleaseError(file, 'file has no text');
  const published = parseSourceDate(fm.published ?? fm.publish?.date ?? null);
  return {
    id: basename(file, extname(file)),
    path: file,
    frontMatter: fm,
    body,
    title: cleanTitle(fm.og?.title ?? fm.title),
    url: fm.url ?? fm.og?.url ?? null,
    published,
  };
}

/** Read one release document from disk; refuses binary, empty, oversized and non-text files. */
export function readReleaseFile(file: string): ReleaseDocument {
  let buf: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ReleaseError(file, 'not a regular file');
    if (st.size > MAX_RELEASE_BYTES) throw new ReleaseError(file, `file is too large (${st.size} bytes, limit ${MAX_RELEASE_BYTES})`);
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof ReleaseError) throw e;
    throw new ReleaseError(file, `cannot read: ${(e as Error).message}`);
  }
  if (buf.length === 0) throw new ReleaseError(file, 'file is empty');
  return parseRelease(decodeText(buf, file), file);
}

/** Most odd (or even) bytes NUL: UTF-16 text without a byte-order mark. */
function looksLikeUtf16(buf: Buffer): boolean {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const half = n / 2;
  return (odd > half * 0.6 && even < half * 0.1) || (even > half * 0.6 && odd < half * 0.1);
}

/**
 * UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM; anything else (binary, UTF-16 without a
 * BOM, latin-1 / windows-1252 bytes) is refused with a message that says which.
 */
function decodeText(buf: Buffer, file: string): string {
  // The BOM check comes before the NUL check: UTF-16 text is full of NUL bytes.
  const utf16 = (le: boolean): string => {
    try {
      return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(buf.subarray(2));
    } catch {
      throw new ReleaseError(file, `not valid UTF-16${le ? 'LE' : 'BE'} text despite its byte-order mark`);
    }
  };
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = utf16(true);
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = utf16(false);
  else {
    if (buf.includes(0)) {
      throw new ReleaseError(
        file,
        looksLikeUtf16(buf)
          ? 'UTF-16 text without a byte-order mark; save it as UTF-8'
          : 'binary file (contains NUL bytes), not a release document',
      );
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      throw new ReleaseError(file, 'not valid UTF-8 text (latin-1 or windows-1252 bytes?); save it as UTF-8');
    }
  }
  if (text.includes('\0')) throw new ReleaseError(file, 'binary file (contains NUL characters), not a release document');
  return text;
}

export interface ListOptions {
  /** Follow links that lead outside the folders given (default false: they are reported, not read). */
  followSymlinks?: boolean;
}

/**
 * The release files under the given paths (files as given, folders walked, sorted). A link inside a
 * folder is followed only while it stays inside the paths given: `passwd.md -> /etc/passwd` dropped
 * into a folder of releases must not be stored and made searchable (nor a linked outside folder
 * walked), unless followSymlinks says the links are meant.
 */
export function listReleaseFiles(paths: string[], opts: ListOptions = {}): { files: string[]; errors: ReleaseError[] } {
  const files: string[] = [];
  const errors: ReleaseError[] = [];
  const roots: string[] = [];
  for (const p of paths) {
    try {
      roots.push(realpathSync(p));
    } catch {
      /* missing: reported by walk() */
    }
  }
  const inside = (real: string): boolean => roots.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));
  /** Whether a child may be walked: not a link, or a link that stays inside the paths given. */
  const allowed = (child: string): boolean => {
    if (opts.followSymlinks) return true;
    try {
      if (!lstatSync(child).isSymbolicLink()) return true;
      const real = realpathSync(child);
      if (inside(real)) return true;
      errors.push(new ReleaseError(child, `link leads outside the folders given (to ${real}); not read (use --follow-symlinks to read it)`));
      return false;
    } catch {
      return true; // broken: walk() reports it
    }
  };
  // Folders already walked, by real path: a symlink loop is walked once, not until the stack overflows.
  const seen = new Set<string>();
  const walk = (p: string, given: boolean): void => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const problem = code === 'ENOENT' ? (given ? 'no such file or folder' : 'broken link') : `cannot read: ${(e as Error).message}`;
      errors.push(new ReleaseError(p, problem));
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        const real = realpathSync(p);
        if (seen.has(real)) return;
        seen.add(real);
        names = readdirSync(p).sort();
      } catch (e) {
        errors.push(new ReleaseError(p, `cannot read folder: ${(e as Error).message}`));
        return;
      }
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const child = join(p, name);
        let isDir = false;
        try {
          isDir = statSync(child).isDirectory();
        } catch {
          // A broken link with a release extension is reported by walk(); others are ignored.
        }
        if ((isDir || RELEASE_EXTENSIONS.includes(extname(name).toLowerCase())) && allowed(child)) walk(child, false);
      }
    } else files.push(p);
  };
  for (const p of paths) walk(p, true);
  return { files, errors };
}

/** Read every release under the paths; a bad file becomes an error and the others go on. */
export function readReleases(paths: string[], opts: ListOptions = {}): { releases: ReleaseDocument[]; errors: ReleaseError[] } {
  const releases: ReleaseDocument[] = [];
  const errors: ReleaseError[] = [];
  for (const batch of readReleaseBatches(paths, Infinity, opts)) {
    for (const r of batch.releases) releases.push(r);
    for (const e of batch.errors) errors.push(e);
  }
  return { releases, errors };
}

/**
 * The releases under the paths, read `size` files at a time (only one batch of texts in memory).
 * Errors come in the order readReleases() gives them: the listing's first, then each file's. There is
 * always at least one batch (with no files, it carries the listing's errors); `last` marks the final one.
 */
export function* readReleaseBatches(
  paths: string[],
  size: number,
  opts: ListOptions = {},
): Generator<{ releases: ReleaseDocument[]; errors: ReleaseError[]; last: boolean }> {
  const { files, errors: listed } = listReleaseFiles(paths, opts);
  const step = Math.max(1, size);
  for (let i = 0; i === 0 || i < files.length; i += step) {
    const releases: ReleaseDocument[] = [];
    const errors: ReleaseError[] = i === 0 ? listed : [];
    for (const f of files.slice(i, i + step)) {
      try {
        releases.push(readReleaseFile(f));
      } catch (e) {
        if (e instanceof ReleaseError) errors.push(e);
        else errors.push(new ReleaseError(f, (e as Error).message));
      }
    }
    yield { releases, errors, last: i + step >= files.length };
  }
}

/**
 * The text a release's identity rests on: whitespace folded, Markdown emphasis and tracking
 * tokens dropped, so cosmetic edits do not count as changes.
 */
export function normaliseText(body: string): string {
  return body
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    // URLs first: emphasis stripping would otherwise mangle utm_source into utmsource.
    .replace(/(https?:\/\/[^\s)\]]+)/g, (u) => stripTrackingParams(u))
    .replace(/[*_`]+/g, '')
    .replace(/[ \t\u00A0]+/g, ' ')
    // A whitespace run with a line break becomes one line break. (Was /\s*\n\s*/g then /\n{2,}/g:
    // the same result, but quadratic on long runs of \r or \u2028, which hung ingest on hostile files.)
    .replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : run))
    .trim();
}

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|_ga|ref|cmpid|at_[a-z]+)$/i;

/** A URL without tracking parameters, fragment, or trailing-slash differences. */
export function stripTrackingParams(url: string): string {
  try {
    const u = new URL(url);
    for (const k of [...u.searchParams.keys()]) if (TRACKING_PARAM.test(k)) u.searchParams.delete(k);
    u.hash = '';
    return u.toString();
  } catch {
    return url;
  }
}

/** The canonical form of a release URL: lower-case host, no tracking params or fragment, https. */
export function canonicalUrl(url: string): string {
  try {
    const u = new URL(stripTrackingParams(url));
    u.hostname = u.hostname.toLowerCase();
    if (!u.pathname.endsWith('/') && !/\.[a-z0-9]{2,5}$/i.test(u.pathname) && u.search === '') u.pathname += '/';
    return u.toString();
  } catch {
    return url.trim();
  }
}

/** SHA-256 of the normalised text: equal for cosmetic variants, different for any real edit. */
export function contentHash(body: string): string {
  return createHash('sha256').update(normaliseText(body)).digest('hex');
}

/**
 * Stable release id from the force and the canonical URL. A document without a URL is keyed on
 * its document id (file name), so editing the file adds a revision rather than a new release.
 */
export function releaseId(forceId: string | null, url: string | null, documentId: string): string {
  const key = url ? `${forceId ?? ''}|${canonicalUrl(url)}` : `document|${documentId}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
