// Safe sharing (issue 17): `spo export --redact` and `spo report --redact` (and the database copy to
// publish, `spo export sqlite --redact`: test/publish.test.ts) leave no personal name or street address from the texts in test/fixtures/redact (police
// releases and press reports of the corpus, with officers, subjects, victims, reporters and a street in
// them), and keep the towns, courts and conditions. The same outputs without --redact carry the names,
// so the test fails if redaction stops working.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, exportRows, formatRows } from '../src/report/index.ts';
import { redactRows, redactText, redactUrl } from '../src/report/redact.ts';
import { openStore } from '../src/store/index.ts';
import { REPO_ROOT, tempDir } from './helpers/paths.ts';
import { spo } from './helpers/cli.ts';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'redact');
const LIST = JSON.parse(readFileSync(join(FIXTURES, 'names.json'), 'utf8')) as { names: string[]; addresses: string[]; kept: string[] };

/** Every listed name or address that appears in a text (as a word, glued text too). */
function survivors(text: string): string[] {
  return [...LIST.names, ...LIST.addresses].filter((n) => new RegExp(`(?<![A-Za-z])${n}(?![a-z])`).test(text));
}

describe('redaction', () => {
  const dir = tempDir('spo-redact-');
  const db = join(dir, 'spo.sqlite');

  it('ingests the texts (names and all)', () => {
    const r = spo(['ingest', '--db', db, FIXTURES]);
    expect(r.status, r.stderr).toBe(0);
    const store = openStore(db, { readonly: true });
    expect((store.db.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n).toBe(readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).length);
    store.close();
  });

  it('exports: no name or street survives in any column; towns and courts stay', () => {
    const store = openStore(db, { readonly: true });
    for (const kind of ['orders', 'mentions', 'releases'] as const) {
      const rows = exportRows(store, kind);
      const plain = formatRows(kind, rows, 'ndjson');
      const redacted = formatRows(kind, redactRows(store, kind, rows), 'ndjson');
      expect(survivors(redacted), kind).toEqual([]);
      expect(survivors(plain).length, `${kind} without --redact`).toBeGreaterThan(2);
      // What is kept is kept: every town or court the plain export names is still there.
      for (const k of LIST.kept) if (plain.includes(k)) expect(redacted, `${kind} keeps ${k}`).toContain(k);
    }
    store.close();
  });

  it('spo export --redact on the command line, and the report page with --redact (titles, evidence, links, search data)', () => {
    const out = spo(['export', 'releases', '--db', db, '--redact', '--format', 'csv']);
    expect(out.status, out.stderr).toBe(0);
    expect(survivors(out.stdout)).toEqual([]);
    expect(out.stdout).toContain('[name]');
    const store = openStore(db, { readonly: true });
    const plain = buildReport(store, { now: new Date(0) });
    const page = buildReport(store, { now: new Date(0), redact: true });
    store.close();
    expect(survivors(plain).length).toBeGreaterThan(0);
    expect(survivors(page)).toEqual([]);
    expect(page).toContain('Rhyl');
    expect(page).toContain('Llandudno Magistrates');
  });

  it('the rules one by one: ranks and titles, "Name, 44,", glued bylines, streets, postcodes, slugs; towns and courts kept', () => {
    expect(redactText('Detective Inspector Cate Webb-Jones said the order was made at Wolverhampton Magistrates Court.')).toBe(
      'Detective Inspector [name] said the order was made at Wolverhampton Magistrates Court.',
    );
    expect(redactText('Attending Portsmouth Magistrates’ Court, Philip Jerome, 44, was subjected to the order. Jerome, of Fivefields Road, Winchester, must wear a tag.')).toBe(
      'Attending Portsmouth Magistrates’ Court, [name], 44, was subjected to the order. [name], of [address], Winchester, must wear a tag.',
    );
    expect(redactText('Author: Isabel KimbreyPublished 17th Dec 2020')).toBe('Author: [name]Published 17th Dec 2020');
    expect(redactText('He lives at 14 Mill Lane, Burgess Hill, RH15 9AB.')).toBe('He lives at [address], Burgess Hill, [address].');
    expect(redactText('A man from Rhyl must not enter Dudley or contact the victim.')).toBe('A man from Rhyl must not enter Dudley or contact the victim.');
    expect(redactUrl('https://www.portsmouth.co.uk/news/people/billie-pipers-hampshire-stalker-3777757', ['Billie', 'Piper'])).toBe('https://www.portsmouth.co.uk/');
    expect(redactUrl('https://www.kent.police.uk/news/kent/2020/man-served-with-spo/', ['Jerome'])).toBe('https://www.kent.police.uk/news/kent/2020/man-served-with-spo/');
  });
});
