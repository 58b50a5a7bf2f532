// The stages keep to their boundaries: only src/store talks to SQLite. Everything else asks the Store
// for what it needs by name (src/store/index.ts, src/store/queries/*), so a query can be found, tuned
// and tested in one place. Biome's noRestrictedImports (biome.jsonc) keeps better-sqlite3 out; this
// catches a handle reached through the store (`store.db.prepare(...)`).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.ts';

const SCANNED = ['src', 'bench', 'scrapers'];
const STORE = 'src/store/';

/** What talking to SQLite directly looks like. RegExp#exec takes no string literal, so it does not match. */
const SQL_CALL = /\.(prepare|pragma)\(|\.exec\(\s*['"`]|\bdb\.exec\(|\bstore\.db\b|\.db\.(prepare|exec|pragma|transaction)\b/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'fixtures') out.push(...sourceFiles(p));
    } else if (/\.(ts|mts|js|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** "file:line: code" for each line that talks to SQLite directly. */
function sqlOutsideStore(files: { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const f of files) {
    if (f.path.startsWith(STORE)) continue;
    f.text.split('\n').forEach((line, i) => {
      if (SQL_CALL.test(line)) found.push(`${f.path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('architecture: only src/store runs SQL', () => {
  const files = SCANNED.flatMap((d) => sourceFiles(join(REPO_ROOT, d))).map((p) => ({
    path: relative(REPO_ROOT, p).split('\\').join('/'),
    text: readFileSync(p, 'utf8'),
  }));

  it('no prepare/exec/pragma or store.db outside src/store', () => {
    expect(sqlOutsideStore(files)).toEqual([]);
  });

  it('the scanner sees a statement, a pragma, an exec and a reach into the store, and not a RegExp exec', () => {
    const text = [
      "const a = store.db.prepare('SELECT 1');",
      "db.pragma('journal_mode = WAL');",
      "db.exec('DELETE FROM orders');",
      'const rows = store.db;',
      'const m = /x/.exec(text);',
      'const n = re.exec(line);',
    ].join('\n');
    expect(sqlOutsideStore([{ path: 'src/report/x.ts', text }]).map((l) => l.split(':')[1])).toEqual(['1', '2', '3', '4']);
    expect(sqlOutsideStore([{ path: 'src/store/x.ts', text }])).toEqual([]);
  });
});
