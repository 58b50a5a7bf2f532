// Licence, citation and provenance (issue 17): the code's licence, the data's terms with the GeoNames
// credit, a CITATION.cff that parses, and a Frictionless datapackage.json beside exports whose fields
// are the CSV's columns and whose types and constraints every cell meets.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { DataPackageField } from '../src/report/datapackage.ts';
import { REPO_ROOT, tempDir } from './helpers/paths.ts';
import { spo } from './helpers/cli.ts';
import { sampleStore } from './report.helpers.ts';

const read = (f: string): string => readFileSync(join(REPO_ROOT, f), 'utf8');

/** Does a CSV cell meet its Table Schema field (type, required, enum, pattern, minimum)? */
function cellProblem(f: DataPackageField, cell: string): string | null {
  if (cell === '') return f.constraints?.required ? 'required but empty' : null;
  switch (f.type) {
    case 'integer':
      if (!/^-?\d+$/.test(cell)) return 'not an integer';
      break;
    case 'number':
      if (!Number.isFinite(Number(cell))) return 'not a number';
      break;
    case 'boolean':
      if (![...(f.trueValues ?? []), ...(f.falseValues ?? [])].includes(cell)) return 'not a boolean';
      break;
  }
  const c = f.constraints ?? {};
  if (c.enum && !c.enum.includes(cell)) return `not one of ${c.enum.join(', ')}`;
  if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(cell)) return `does not match ${c.pattern}`;
  if (c.minimum !== undefined && Number(cell) < c.minimum) return `below ${c.minimum}`;
  return null;
}

describe('licence, citation, provenance', () => {
  it('the code has a licence, the data its terms with the GeoNames credit, and CITATION.cff parses', () => {
    expect(read('LICENSE')).toMatch(/^MIT License/);
    const terms = read('DATA-LICENSE.md');
    expect(terms).toMatch(/forces' text/);
    expect(terms).toMatch(/CC BY 4\.0/);
    expect(terms).toMatch(/GeoNames/);
    const cff = yaml.load(read('CITATION.cff')) as Record<string, unknown>;
    expect(cff['cff-version']).toBe('1.2.0');
    for (const k of ['message', 'title', 'authors', 'version', 'license']) expect(cff[k], k).toBeTruthy();
    expect(JSON.parse(read('package.json')).license).toBe(cff.license);
  });

  it('an export written to a folder gets a datapackage.json whose fields every cell meets', () => {
    const dir = tempDir();
    const dbPath = join(dir, 'spo.sqlite');
    sampleStore(dbPath).close();
    for (const [what, file] of [['orders', 'orders.csv'], ['releases', 'releases.csv'], ['towns', 'towns.geojson']] as const) {
      const r = spo(['export', what, '--db', dbPath, '--out', join(dir, file)]);
      expect(r.status, r.stderr).toBe(0);
    }
    const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as {
      name: string;
      licenses: { name: string }[];
      sources: { title: string; path?: string }[];
      resources: { name: string; path: string; profile: string; schema?: { fields: DataPackageField[]; primaryKey: string } }[];
    };
    expect(pkg.licenses.map((l) => l.name)).toEqual(['CC-BY-4.0']);
    expect(pkg.sources.some((s) => s.path === 'https://www.geonames.org')).toBe(true);
    expect(pkg.resources.map((r) => r.path)).toEqual(['orders.csv', 'releases.csv', 'towns.geojson']);
    for (const res of pkg.resources.filter((r) => r.path.endsWith('.csv'))) {
      const text = readFileSync(join(dir, res.path), 'utf8');
      const [header, ...records] = parse(text) as string[][];
      const fields = res.schema!.fields;
      expect(header, res.path).toEqual(fields.map((f) => f.name));
      expect(records.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const rec of records) {
        rec.forEach((cell, i) => {
          const p = cellProblem(fields[i]!, cell);
          if (p) problems.push(`${res.path} ${fields[i]!.name}="${cell}": ${p}`);
        });
      }
      expect(problems).toEqual([]);
      const key = header!.indexOf(res.schema!.primaryKey);
      expect(new Set(records.map((r) => r[key])).size).toBe(records.length);
      for (const f of fields) expect(f.description, `${res.path} ${f.name}`).toBeTruthy();
    }
    // Exporting the same file again replaces its resource, not duplicates it.
    expect(spo(['export', 'orders', '--db', dbPath, '--out', join(dir, 'orders.csv')]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')).resources).toHaveLength(3);
  });

  it("another project's datapackage.json is left alone, with an error naming it", () => {
    const dir = tempDir();
    const dbPath = join(dir, 'spo.sqlite');
    sampleStore(dbPath).close();
    writeFileSync(join(dir, 'datapackage.json'), JSON.stringify({ name: 'someone-else', resources: [] }));
    const r = spo(['export', 'orders', '--db', dbPath, '--out', join(dir, 'orders.csv')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/datapackage\.json describes another data package \("someone-else"\)/);
    expect(JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')).name).toBe('someone-else');
    expect(existsSync(join(dir, 'orders.csv'))).toBe(true);
  });
});
