// Issue 7, bad input: `spo ingest` / `spo extract` on invalid YAML, alias bombs, binary, empty, huge and
// wrongly encoded files, and front matter with wrong types. One error line per bad file naming it and
// the problem, a non-zero exit at the end, every good file still processed, nothing stored lost.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateExtractedDocument } from '../src/domain/validate.ts';
import { MAX_RELEASE_BYTES, ReleaseError, parseRelease, readReleases } from '../src/release/index.ts';
import { openStore } from '../src/store/index.ts';
import { aliasBomb, tenMegabytes, writeBadBatch, type Batch } from './fixtures/bad/make.ts';
import { spo } from './helpers/cli.ts';
import { SEEDS, tempDir } from './helpers/paths.ts';

/** The `error: ...` lines of a command's stderr. */
const errorLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('error: '));

/** Each bad file has exactly one error line, naming it, saying the expected problem (and line). */
function expectOneLinePerBadFile(batch: Batch, stderr: string): void {
  const lines = errorLines(stderr);
  for (const b of batch.bad) {
    const path = join(batch.dir, b.name);
    const mine = lines.filter((l) => l.startsWith(`error: ${path}:`));
    expect(mine, `${b.name}: one error line in\n${stderr}`).toHaveLength(1);
    expect(mine[0], b.name).toMatch(b.expect);
    if (b.line !== undefined) expect(mine[0], b.name).toContain(`${path}:${b.line}: `);
  }
  for (const g of batch.good) expect(stderr, `good file ${g} reported`).not.toContain(join(batch.dir, g));
  expect(lines).toHaveLength(batch.bad.length);
  // No crash: no stack trace, no top-level "spo: <exception>" line.
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/^spo: /m);
}

describe('bad input: the release reader', () => {
  it('turns every bad file into one ReleaseError naming it, and reads every good file', () => {
    const batch = writeBadBatch(join(tempDir(), 'in'));
    const { releases, errors } = readReleases([batch.dir]);
    expect(releases.map((r) => r.id).sort()).toEqual(batch.good.map((g) => g.replace(/\.[a-z]+$/, '')).sort());
    for (const e of errors) expect(e).toBeInstanceOf(ReleaseError);
    expectOneLinePerBadFile(batch, errors.map((e) => `error: ${e.message}`).join('\n'));
  });

  it('UTF-16 with a byte-order mark reads the same as UTF-8', () => {
    const batch = writeBadBatch(join(tempDir(), 'in'));
    const { releases } = readReleases([join(batch.dir, 'good-utf16le.md'), join(batch.dir, 'good-utf16be.md')]);
    expect(releases).toHaveLength(2);
    for (const r of releases) {
      expect(r.frontMatter.force).toBe('Kent Police');
      expect(r.body).toContain('Stalking Protection Order');
    }
  });

  // A hang shows as this test's timeout; speed itself is for benchmarks, not assertions.
  it('an alias bomb is refused without expanding it', () => {
    expect(() => parseRelease(aliasBomb(), 'bomb.md')).toThrow(/too large/);
  }, 20_000);

  it('a folder with a symlink loop is walked once; a missing path is one error', () => {
    const batch = writeBadBatch(join(tempDir(), 'in'), { goodCount: 1 });
    try {
      symlinkSync(batch.dir, join(batch.dir, 'loop'));
    } catch {
      return;
    }
    const { releases, errors } = readReleases([batch.dir, join(batch.dir, 'nope.md')]);
    expect(releases).toHaveLength(batch.good.length);
    expect(errors.filter((e) => e.file.endsWith('nope.md'))).toHaveLength(1);
    expect(errors.find((e) => e.file.endsWith('nope.md'))!.problem).toMatch(/no such file/);
  });

  it('long runs of odd whitespace do not make hashing or parsing hang (was quadratic)', () => {
    for (const ws of ['\r', '\u2028', ' \r', '\u3000', '\f\v']) {
      const text = `---\ntitle: "a${' '.repeat(200_000)}b | Kent Police"\n---\nA${ws.repeat(200_000)}B\n`;
      const doc = parseRelease(text, 'ws.md');
      expect(doc.title, JSON.stringify(ws)).toMatch(/^a\s+b$/);
    }
  }, 30_000);
});

describe('bad input: spo ingest and spo extract (the real CLI)', () => {
  it('ingest: one error line per bad file, exit 1, every good file stored, nothing stored before lost', () => {
    const root = tempDir();
    const db = join(root, 'x.sqlite');
    // Good files stored first ...
    const first = spo(['ingest', SEEDS, '--db', db]);
    expect(first.status, first.stderr).toBe(0);
    let store = openStore(db, { readonly: true });
    const before = store.db.prepare('SELECT release_id, content_hash FROM releases ORDER BY release_id').all();
    const revisionsBefore = store.db.prepare('SELECT revision_id, release_id, content_hash FROM release_revisions ORDER BY revision_id').all();
    store.close();
    expect(before).toHaveLength(5);

    // ... then a batch of bad files mixed with good ones.
    const batch = writeBadBatch(join(root, 'in'));
    const r = spo(['ingest', batch.dir, '--db', db]);
    expect(r.status, r.stderr).toBe(1);
    expectOneLinePerBadFile(batch, r.stderr);
    expect(r.stderr).toContain(`${batch.bad.length} file(s) could not be read`);

    store = openStore(db, { readonly: true });
    const after = store.db.prepare('SELECT release_id, content_hash FROM releases ORDER BY release_id').all();
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + batch.good.length);
    const revisionsAfter = store.db.prepare('SELECT revision_id, release_id, content_hash FROM release_revisions ORDER BY revision_id').all();
    expect(revisionsAfter).toEqual(expect.arrayContaining(revisionsBefore));
    const paths = (store.db.prepare('SELECT document_path FROM releases').all() as { document_path: string }[]).map((x) => x.document_path);
    for (const g of batch.good) expect(paths).toContain(join(batch.dir, g));
    expect((store.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    const run = store.db.prepare("SELECT status, summary FROM crawl_runs WHERE command = 'ingest' ORDER BY run_id DESC LIMIT 1").get() as { status: string; summary: string };
    expect(run.status).toBe('partial');
    expect(JSON.parse(run.summary)).toMatchObject({ errors: batch.bad.length, new: batch.good.length });
    store.close();
  });

  it('extract: one valid NDJSON object per good file, one error line per bad file, exit 1', () => {
    const batch = writeBadBatch(join(tempDir(), 'in'));
    const r = spo(['extract', batch.dir]);
    expect(r.status, r.stderr).toBe(1);
    expectOneLinePerBadFile(batch, r.stderr);
    const objects = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(objects.map((o) => o.id).sort()).toEqual(batch.good.map((g) => g.replace(/\.[a-z]+$/, '')).sort());
    for (const o of objects) expect(validateExtractedDocument(o)).toBeNull();
  });

  it('a 10 MB text is processed (or refused clearly) in reasonable time, and a file over the limit is refused', () => {
    const root = tempDir();
    const db = join(root, 'x.sqlite');
    const big = join(root, 'big.md');
    writeFileSync(big, tenMegabytes());
    const huge = join(root, 'huge.md');
    writeFileSync(huge, Buffer.alloc(MAX_RELEASE_BYTES + 1, 'a'));
    const good = join(root, 'good.md');
    writeFileSync(good, 'A 41-year-old man was given a Stalking Protection Order for five years.\n');
    const r = spo(['ingest', big, huge, good, '--db', db], { timeoutMs: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    const errors = errorLines(r.stderr);
    expect(errors.filter((l) => l.startsWith(`error: ${huge}: `))).toEqual([expect.stringMatching(/too large/)]);
    // The 10 MB file is either stored or named in one clear error line.
    const bigErrors = errors.filter((l) => l.startsWith(`error: ${big}`));
    expect(bigErrors.length).toBeLessThanOrEqual(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const store = openStore(db, { readonly: true });
    const paths = (store.db.prepare('SELECT document_path FROM releases').all() as { document_path: string }[]).map((x) => x.document_path);
    store.close();
    expect(paths).toContain(good);
    expect(paths).not.toContain(huge);
    if (bigErrors.length === 0) expect(paths).toContain(big);
    // The command itself may take 120 s (above) on a loaded 2-core machine; vitest's 60 s default cut it short.
  }, 180_000);
});
