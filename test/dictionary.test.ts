import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DICTIONARY_PATH, SCHEMA_DIR, VIEWS_SCHEMA_FILE, generateDataDictionary } from '../src/report/dictionary.ts';
import { EXPORT_KINDS, exportColumns } from '../src/report/index.ts';
import type { JsonSchema } from '../src/report/columns.ts';
import { openStore } from '../src/store/index.ts';

describe('data dictionary', () => {
  it('docs/data-dictionary.md is what the schemas generate (run `npm run docs` after changing schemas/)', () => {
    const committed = readFileSync(DICTIONARY_PATH, 'utf8');
    const fresh = generateDataDictionary();
    if (committed !== fresh) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      throw new Error(
        `docs/data-dictionary.md is out of date: run \`npm run docs\` and commit it.\n` +
          `first difference at line ${line + 1}:\n  committed: ${a[line] ?? '(end)'}\n  generated: ${b[line] ?? '(end)'}`,
      );
    }
  });

  it('documents every schema in schemas/ and every export column with a meaning', () => {
    const doc = generateDataDictionary();
    for (const f of readdirSync(SCHEMA_DIR).filter((x) => x.endsWith('.schema.json'))) expect(doc).toContain(`schemas/${f}`);
    for (const kind of EXPORT_KINDS) {
      for (const c of exportColumns(kind)) {
        expect(c.description, `${kind}.${c.name}`).not.toBe('');
        expect(doc).toContain(`| \`${c.name}\` |`);
      }
    }
  });

  it('the SQLite views have exactly the documented columns, in order', () => {
    const views = JSON.parse(readFileSync(join(SCHEMA_DIR, VIEWS_SCHEMA_FILE), 'utf8')) as JsonSchema;
    const store = openStore(':memory:');
    try {
      const inDb = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      const documented = Object.keys(views.definitions ?? {});
      expect(documented.sort()).toEqual(inDb.filter((v) => documented.includes(v) || v.endsWith('_flat')).sort());
      for (const [name, v] of Object.entries(views.definitions ?? {})) {
        const cols = (store.db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
        expect(cols, name).toEqual(Object.keys(v.properties ?? {}));
        for (const [col, s] of Object.entries(v.properties ?? {})) expect(s.description, `${name}.${col}`).toBeTruthy();
      }
    } finally {
      store.close();
    }
  });
});
