// `spo` runs compiled JavaScript (dist/, built by `npm install`/`npm run build`) and loads each
// command's code only when that command runs, so that it starts in a fraction of a second (the times
// are in `npm run bench -- startup`; these tests check the behaviour that makes them, not the clock).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledIsCurrent } from '../bin/compiled.mjs';
import { spo } from './helpers/cli.ts';
import { DEV, REPO_ROOT, SEEDS, SPO_BIN, tempDir } from './helpers/paths.ts';

const tmp = tempDir('spo-startup-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The packages and project modules `spo ARGS` loads, from a log the preloaded module-log.mjs writes. */
function modulesLoaded(args: string[], env: Record<string, string> = {}): { status: number | null; stderr: string; modules: string[] } {
  const log = join(tmp, `modules-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', join(REPO_ROOT, 'test/helpers/module-log.mjs'), SPO_BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env, MODULE_LOG: log },
  });
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: r.status, stderr: r.stderr, modules };
}

const packagesIn = (modules: string[]): Set<string> =>
  new Set(modules.map((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m)?.[1]).filter((p): p is string => p !== undefined));

// The libraries that made `spo --help` take a second: crawling, NLP, HTML and XML parsing, schema validation.
const HEAVY = ['@crawlee/cheerio', '@crawlee/http', 'crawlee', 'compromise', 'cheerio', 'linkedom', 'turndown', '@mozilla/readability', 'xmlbuilder2', 'ajv', 'tsx'];

describe('the compiled spo', () => {
  it('runs from dist/ once built, loading no TypeScript compiler', () => {
    expect(compiledIsCurrent()).toBe(true); // test/helpers/build.ts built it
    const { status, modules } = modulesLoaded(['--version']);
    expect(status).toBe(0);
    expect(modules.some((m) => m.includes('/dist/src/cli/index.js'))).toBe(true);
    expect(modules.some((m) => m.endsWith('.ts'))).toBe(false);
    expect(packagesIn(modules).has('tsx')).toBe(false);
  });

  it('`spo --help` loads none of the heavy libraries, nor the database driver', () => {
    const { status, modules } = modulesLoaded(['--help']);
    expect(status).toBe(0);
    const loaded = packagesIn(modules);
    expect([...loaded].filter((p) => HEAVY.includes(p) || p === 'better-sqlite3')).toEqual([]);
  });

  it('`spo stats` loads the database driver but no crawling, NLP or feed library', () => {
    const db = join(tmp, 'stats.sqlite');
    expect(spo(['ingest', SEEDS, DEV, '--db', db]).status).toBe(0);
    const { status, stderr, modules } = modulesLoaded(['stats', '--db', db]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const loaded = packagesIn(modules);
    expect(loaded.has('better-sqlite3')).toBe(true);
    expect([...loaded].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('SPO_FROM_SOURCE=1 runs the TypeScript sources through tsx, with the same result', () => {
    const compiled = spo(['--help']);
    const { status, modules } = modulesLoaded(['--help'], { SPO_FROM_SOURCE: '1' });
    expect(status).toBe(0);
    expect(modules.some((m) => m.endsWith('/src/cli/index.ts'))).toBe(true);
    expect(spo(['--help'], { env: { SPO_FROM_SOURCE: '1' } }).stdout).toBe(compiled.stdout);
  });
});

describe('compiledIsCurrent (bin/compiled.mjs): when bin/spo.js trusts dist/', () => {
  const root = join(tmp, 'project');
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  mkdirSync(join(root, 'scrapers'), { recursive: true });
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  writeFileSync(join(root, 'src/cli/index.ts'), '');
  writeFileSync(join(root, 'src/cli/index.test.ts'), '');
  const at = (file: string, seconds: number): void => utimesSync(join(root, file), seconds, seconds);
  const built = (seconds: number): void => {
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist/BUILT'), '');
    at('dist/BUILT', seconds);
  };
  for (const f of ['tsconfig.json', 'src/cli/index.ts', 'src/cli/index.test.ts']) at(f, 1000);

  it('not before the first build', () => {
    expect(compiledIsCurrent(root)).toBe(false);
  });
  it('after a build newer than every source', () => {
    built(2000);
    expect(compiledIsCurrent(root)).toBe(true);
  });
  it('not once a source changes after the build (a git pull, an edit), nor a tsconfig', () => {
    at('src/cli/index.ts', 3000);
    expect(compiledIsCurrent(root)).toBe(false);
    built(4000);
    writeFileSync(join(root, 'scrapers/new.ts'), '');
    at('scrapers/new.ts', 5000);
    expect(compiledIsCurrent(root)).toBe(false);
    built(6000);
    at('tsconfig.json', 7000);
    expect(compiledIsCurrent(root)).toBe(false);
  });
  it('a changed test is not a changed source', () => {
    built(8000);
    at('src/cli/index.test.ts', 9000);
    expect(compiledIsCurrent(root)).toBe(true);
  });
});
