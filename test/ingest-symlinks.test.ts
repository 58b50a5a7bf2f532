// Issue 18 item 8: `spo ingest DIR` followed symlinks out of DIR (`passwd.md -> /etc/passwd` was
// ingested and found by `spo search root`). Links that leave the folders given are not followed
// unless --follow-symlinks; links inside them are.
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listReleaseFiles } from '../src/release/index.ts';
import { openStore } from '../src/store/index.ts';
import { spo } from './helpers/cli.ts';
import { SEEDS, tempDir } from './helpers/paths.ts';

/** in/ holds a release, a link to a file outside, a link to a folder outside, and a link inside. */
function layout(): { root: string; inDir: string } {
  const root = tempDir();
  const inDir = join(root, 'in');
  const outside = join(root, 'outside');
  mkdirSync(join(inDir, 'sub'), { recursive: true });
  mkdirSync(outside);
  copyFileSync(join(SEEDS, '000_a29348eabcdd0f55.txt'), join(inDir, 'sub', 'good.txt'));
  // A secret-looking file outside, readable as a release (so following it would store it).
  writeFileSync(join(outside, 'secret.md'), '---\ntitle: root secret\n---\nroot:x:0:0:root:/root:/bin/bash\n');
  copyFileSync(join(SEEDS, '001_02bd68214d20268e.txt'), join(outside, 'other.txt'));
  symlinkSync(join(outside, 'secret.md'), join(inDir, 'passwd.md'));
  symlinkSync(outside, join(inDir, 'linked-folder'));
  symlinkSync('../../outside/../in/sub', join(inDir, 'sub', 'loop')); // inside: resolves to in/sub
  symlinkSync(join(inDir, 'sub', 'good.txt'), join(inDir, 'alias.txt')); // inside
  return { root, inDir };
}

describe('ingest and symlinks', () => {
  it('listReleaseFiles does not follow links that leave the folders given, and says so', () => {
    const { inDir } = layout();
    const { files, errors } = listReleaseFiles([inDir]);
    expect(files.map((f) => f.slice(inDir.length + 1)).sort()).toEqual(['alias.txt', 'sub/good.txt']);
    expect(errors.map((e) => e.message).join('\n')).toMatch(/passwd\.md: link leads outside the folders given .*--follow-symlinks/);
    expect(errors.map((e) => e.message).join('\n')).toMatch(/linked-folder: link leads outside the folders given/);
    const all = listReleaseFiles([inDir], { followSymlinks: true });
    expect(all.errors).toEqual([]);
    expect(all.files.some((f) => f.endsWith('passwd.md'))).toBe(true);
    expect(all.files.some((f) => f.endsWith('other.txt'))).toBe(true);
  }, 300_000);

  it('a folder given twice (one through a link) and a file given directly are read', () => {
    const { root, inDir } = layout();
    symlinkSync(join(root, 'outside'), join(root, 'given-link'));
    const { files, errors } = listReleaseFiles([inDir, join(root, 'given-link'), join(inDir, 'passwd.md')]);
    expect(errors.filter((e) => !/passwd\.md|linked-folder/.test(e.message))).toEqual([]);
    expect(files.some((f) => f.endsWith('other.txt'))).toBe(true);
    expect(files.some((f) => f.endsWith('passwd.md'))).toBe(true);
  }, 300_000);

  it('spo ingest: the outside file is not stored or searchable; --follow-symlinks reads it', () => {
    const { root, inDir } = layout();
    const db = join(root, 'x.sqlite');
    const r = spo(['ingest', inDir, '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error: .*passwd\.md: link leads outside the folders given/);
    const s = spo(['search', 'root', '--db', db]);
    expect(s.stdout).toContain('no releases match');
    let store = openStore(db);
    expect(store.counts().releases).toBe(1);
    store.close();

    const f = spo(['ingest', inDir, '--follow-symlinks', '--db', db]);
    expect(f.status, f.stderr).toBe(0);
    store = openStore(db);
    // The outside file is read twice (as passwd.md and through linked-folder/) and, with no url, each
    // path is its own release; other.txt is the third new one.
    expect(store.counts().releases).toBe(4);
    store.close();
    expect(spo(['search', 'root', '--db', db]).stdout).toContain('root secret');
    expect(readFileSync(join(root, 'outside', 'secret.md'), 'utf8')).toContain('root');
  }, 300_000);
});
