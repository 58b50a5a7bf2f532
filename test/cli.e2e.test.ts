import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateExtractedDocument } from '../src/domain/validate.ts';
import { openStore } from '../src/store/index.ts';
import { spo } from './helpers/cli.ts';
import { CORPUS, SCORER, SEEDS, tempDir } from './helpers/paths.ts';

describe('spo CLI end to end on the seeds', () => {
  it('every command answers --help', () => {
    const top = spo(['--help']);
    expect(top.status).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['ingest', 'extract', 'show']));
    for (const c of commands) {
      const r = spo([c, '--help']);
      expect(r.status, `${c} --help`).toBe(0);
      expect(r.stdout).toContain(`Usage: spo ${c}`);
    }
  }, 300_000);

  it('ingest is idempotent: twice leaves 5 releases, and a changed file adds a revision', () => {
    const db = join(tempDir(), 'x.sqlite');
    const first = spo(['ingest', SEEDS, '--db', db]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('5 new');
    const second = spo(['ingest', SEEDS, '--db', db]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toContain('0 new, 0 changed, 5 unchanged');
    let store = openStore(db);
    expect(store.counts()).toMatchObject({ releases: 5, revisions: 5 });
    store.close();

    const dir = tempDir();
    const text = readFileSync(join(SEEDS, '002_c1dff9f53e99654e.txt'), 'utf8');
    writeFileSync(join(dir, '002_c1dff9f53e99654e.txt'), text.replace('will last until Friday, July 3', 'will last until Friday, July 10'));
    const third = spo(['ingest', dir, '--db', db]);
    expect(third.stderr).toContain('1 changed');
    store = openStore(db);
    expect(store.counts()).toMatchObject({ releases: 5, revisions: 6 });
    store.close();
  });

  it('ingest reports a bad file by name, stores the good ones, and exits non-zero', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    copyFileSync(join(SEEDS, '000_a29348eabcdd0f55.txt'), join(dir, 'in', 'good.txt'));
    writeFileSync(join(dir, 'in', 'broken.md'), '---\ntitle: "unclosed\n---\ntext\n');
    const db = join(dir, 'x.sqlite');
    const r = spo(['ingest', join(dir, 'in'), '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error: .*broken\.md:\d+: invalid YAML/);
    const store = openStore(db);
    expect(store.counts().releases).toBe(1);
    store.close();
  });

  it('extract prints valid NDJSON, one object per document, that the scorer reads without shape problems', () => {
    const r = spo(['extract', SEEDS]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(validateExtractedDocument(JSON.parse(l))).toBeNull();
    const dir = tempDir();
    writeFileSync(join(dir, 'pred.ndjson'), r.stdout);
    const score = execFileSync(process.execPath, [SCORER, join(CORPUS, 'seeds.gold.json'), join(dir, 'pred.ndjson')], { encoding: 'utf8' });
    expect(score).not.toContain('shape problems');
    expect(score).toMatch(/micro-F1 \d/);
  });

  it('show prints each order with each field beside its evidence', () => {
    const db = join(tempDir(), 'x.sqlite');
    spo(['ingest', join(SEEDS, '000_a29348eabcdd0f55.txt'), '--db', db]);
    const store = openStore(db);
    const id = (store.db.prepare('SELECT release_id FROM releases').get() as { release_id: string }).release_id;
    store.close();
    const r = spo(['show', id.slice(0, 8), '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('order 1 of 1');
    expect(r.stdout).toMatch(/duration\s+P5Y\s+⟵ \[\d+-\d+\] ".*five years/);
    expect(r.stdout).toMatch(/town\s+Rochester\s+⟵/);
    const missing = spo(['show', 'ffffffffffff', '--db', db]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('no release with id');
  });
});
