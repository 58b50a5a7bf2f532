// Issue 18 item 10 and issue 17 "Everyday use": bad paths and values get one clear line naming the
// flag or path, not a raw SQLite or Node error; read commands never create a database.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkForceId } from '../src/domain/forces.ts';
import { spo } from './helpers/cli.ts';
import { SEEDS, tempDir } from './helpers/paths.ts';

let db: string;
beforeAll(() => {
  const dir = tempDir();
  db = join(dir, 'x.sqlite');
  const r = spo(['ingest', SEEDS, '--db', db]);
  expect(r.status, r.stderr).toBe(0);
}, 300_000);

/** One line on stderr, starting "spo", exit 1 (or the code given). */
function expectClearError(args: string[], pattern: RegExp, code = 1): void {
  const r = spo(args);
  const label = args.join(' ').slice(0, 120);
  expect(r.status, `${label}\n${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 500)}`).toBe(code);
  expect(r.stderr.trim(), label).toMatch(pattern);
  expect(r.stderr, label).not.toMatch(/SqliteError|disk I\/O|datatype mismatch|EEXIST|ENOTDIR|readonly database|at .*\.ts:\d+/);
}

describe('read commands and a --db that does not exist (issue 17)', () => {
  it('refuse with a clear error and create nothing', () => {
    const missing = join(tempDir(), 'sub', 'none.sqlite');
    for (const args of [['orders'], ['orders', '--explain', 'abc'], ['stats'], ['diff'], ['show', 'abc'], ['search', 'order'], ['export', 'orders'], ['report', '--out', join(tempDir(), 'r.html')]]) {
      expectClearError([...args, '--db', missing], /no database at .*none\.sqlite/);
      expect(existsSync(missing), args.join(' ')).toBe(false);
      expect(existsSync(join(missing, '..')), args.join(' ')).toBe(false);
    }
  }, 300_000);

  it('spo forces still lists the forces, without creating a database', () => {
    const missing = join(tempDir(), 'none.sqlite');
    const r = spo(['forces', '--db', missing]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('kent');
    expect(existsSync(missing)).toBe(false);
  }, 300_000);
});

describe('force ids are checked everywhere, with "did you mean" (issue 17)', () => {
  it('checkForceId suggests the nearest ids', () => {
    expect(checkForceId('Kent')).toBe('kent');
    expect(() => checkForceId('kentt')).toThrow(/unknown force "kentt"; did you mean kent\?/);
    expect(() => checkForceId('devon')).toThrow(/did you mean devon-and-cornwall\?/);
    expect(() => checkForceId('zzzzzz')).toThrow(/force ids are: .*kent/);
  }, 300_000);
  it('orders, export, search, stats and crawl refuse an unknown force', () => {
    for (const args of [['orders', '--force', 'kentt'], ['export', 'orders', '--force', 'kentt'], ['search', 'order', '--force', 'kentt'], ['crawl', '--force', 'kentt']]) {
      expectClearError([...args, '--db', db], /unknown force "kentt"; did you mean kent\?/);
    }
  }, 300_000);
});

describe('clearer errors (issue 18 item 10)', () => {
  it('--db naming a folder', () => {
    const dir = tempDir();
    expectClearError(['stats', '--db', dir], /is a folder, not a database file/);
    expectClearError(['ingest', SEEDS, '--db', dir], /is a folder, not a database file/);
  }, 300_000);

  it('a --db or --data-dir whose folder is a file', () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'not a folder');
    expectClearError(['ingest', SEEDS, '--db', join(file, 'spo.sqlite')], /data is a file, not a folder/);
    expectClearError(['nightly', '--data-dir', file, '--db', join(tempDir(), 'n.sqlite'), '--force', 'kent', '--origin', 'kent=http://127.0.0.1:9'], /--data-dir .*data is a file, not a folder/);
  }, 300_000);

  it('a huge --limit', () => {
    expectClearError(['search', 'order', '--limit', '99999999999999999999', '--db', db], /--limit must be a whole number/);
  }, 300_000);

  it('spo show "" and spo orders --explain ""', () => {
    expectClearError(['show', '', '--db', db], /give a release id/);
    expectClearError(['show', '  ', '--db', db], /give a release id/);
    expectClearError(['orders', '--explain', '', '--db', db], /give an order id/);
  }, 300_000);

  it('a nightly.lock that is a folder is an error, not "another run holds the lock"', () => {
    const data = tempDir();
    mkdirSync(join(data, 'nightly.lock'));
    const r = spo(['nightly', '--data-dir', data, '--db', join(data, 'n.sqlite'), '--force', 'kent', '--origin', 'kent=http://127.0.0.1:9']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/nightly\.lock is a folder, not a lock file/);
    expect(r.stderr).not.toMatch(/another .*run holds/);
  }, 300_000);

  it('export --out into a folder that does not exist', () => {
    const out = join(tempDir(), 'no', 'such', 'x.csv');
    expectClearError(['export', 'orders', '--out', out, '--db', db], /--out: the folder .*no[/\\]such does not exist/);
    expect(existsSync(join(out, '..'))).toBe(false);
  }, 300_000);

  it('spo search with thousands of OR terms is refused at once', () => {
    const q = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' OR ');
    expectClearError(['search', q, '--db', db], /search query is too long: 9999 words.*at most 200 words/, 2);
  }, 300_000);

  it('read commands read a database whose folder is not writable (opened read-only)', () => {
    const dir = tempDir();
    const ro = join(dir, 'ro.sqlite');
    expect(spo(['ingest', SEEDS, '--db', ro]).status).toBe(0);
    chmodSync(dir, 0o555);
    // root writes anywhere: run the readers as nobody when the tests run as root.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    try {
      for (const args of [['stats'], ['orders'], ['diff'], ['search', 'order'], ['export', 'orders'], ['forces']]) {
        const r = spo([...args, '--db', ro], { ...asUser, env: { HOME: '/tmp' } });
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
    } finally {
      chmodSync(dir, 0o755);
    }
  }, 300_000);
});
