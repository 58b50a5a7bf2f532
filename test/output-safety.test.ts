// Issue 18 item 4: scraped titles and text carry terminal control codes (clear screen, colours, the
// window title, OSC 8 hyperlinks, BEL, C1 CSI). Nothing spo prints may pass them to the terminal.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { safeText, jsonText } from '../src/cli/print.ts';
import { spo } from './helpers/cli.ts';
import { REPO_ROOT, SEEDS, tempDir } from './helpers/paths.ts';

// ESC [2J (clear), ESC ]0; title BEL, OSC 8 hyperlink, C1 CSI (U+009B), BEL, backspace, CR, DEL.
const HOSTILE = '\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\\u009b31m\x08\r\x7f';
/** Control characters a terminal acts on: C0 but newline and tab, DEL, C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('safeText (the one output sanitiser)', () => {
  it('replaces C0 and C1 control characters, keeps newline, tab and ordinary text', () => {
    expect(safeText(`a${HOSTILE}b\n\tc`)).not.toMatch(CONTROL);
    expect(safeText('Kent\u2019s order\n\tline — café')).toBe('Kent\u2019s order\n\tline — café');
    expect(safeText('x\x1b[31my')).toBe('x\uFFFD[31my');
  }, 300_000);
  it('JSON keeps the data exact: C0 escaped by JSON.stringify, C1 and DEL escaped too', () => {
    const text = jsonText({ title: `t${HOSTILE}` });
    expect(text).not.toMatch(CONTROL);
    expect(JSON.parse(text)).toEqual({ title: `t${HOSTILE}` });
  }, 300_000);
});

describe('read commands print no control characters from scraped text', () => {
  let db: string;
  let id: string;
  beforeAll(() => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    const seed = readFileSync(join(SEEDS, '000_a29348eabcdd0f55.txt'), 'utf8');
    // YAML double quotes spell the control characters as escapes; the body carries them raw.
    const yamlHostile = JSON.stringify(HOSTILE).slice(1, -1).replace(/\\u001b/g, '\\e');
    const text = seed
      .replace(/^( *)title: .*$/gm, `$1title: "Man served${yamlHostile} with an order"`)
      .replace('Kent Police has obtained', `Kent Police${HOSTILE} has obtained`);
    writeFileSync(join(dir, 'in', 'hostile.md'), text);
    db = join(dir, 'x.sqlite');
    const r = spo(['ingest', join(dir, 'in'), '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    id = JSON.parse(r.stdout.trim().split('\n')[0]!).release_id;
  }, 300_000);

  const commands = (): string[][] => [
    ['show', id],
    ['show', id, '--json'],
    ['search', 'obtained'],
    ['search', 'obtained', '--json'],
    ['diff'],
    ['diff', '--json'],
    ['orders'],
    ['stats'],
    ['export', 'releases', '--format', 'json'],
  ];

  it('show, search, diff, orders, stats: the title is printed, its control codes are not', () => {
    for (const args of commands()) {
      const r = spo([...args, '--db', db]);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(CONTROL);
      expect(r.stderr, args.join(' ')).not.toMatch(CONTROL);
    }
    expect(spo(['show', id, '--db', db]).stdout).toContain('Man served');
  }, 300_000);

  it('orders --explain (text and JSON) too', () => {
    const list = spo(['orders', '--json', '--db', db]);
    const orderId = JSON.parse(list.stdout)[0].order_id as string;
    for (const extra of [[], ['--json']]) {
      const r = spo(['orders', '--explain', orderId, ...extra, '--db', db]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('Man served');
      expect(r.stdout).not.toMatch(CONTROL);
    }
  }, 300_000);

  it('every command prints through src/cli/print.ts (no console.log or stdout.write of its own)', () => {
    const dir = join(REPO_ROOT, 'src/cli/commands');
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/console\.(log|error|warn|info)\(|process\.(stdout|stderr)\.write\(/);
    }
  }, 300_000);
});
