// Issue 7, security: file names from URLs stay inside data/releases/, the crawler fetches only the
// configured origins over http(s), YAML is loaded with the safe schema, SQL is parameterised.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releasePath, releasesRoot, safeSlug, writeFileAtomic } from '../src/release/files.ts';
import { UrlPolicy, isPrivateAddress } from '../src/crawl/security.ts';
import { ReleaseError, parseRelease, serializeRelease } from '../src/release/index.ts';
import { REPO_ROOT, tempDir } from './helpers/paths.ts';

// ---- file names derived from URLs ---------------------------------------------------------------

const HOSTILE_URLS = [
  'https://www.kent.police.uk/news/../../../../etc/passwd',
  'https://www.kent.police.uk/news/%2e%2e/%2e%2e/%2E%2E%2fetc%2fpasswd',
  'https://www.kent.police.uk/a/..%2f..%2f..%2fetc%2fpasswd',
  'https://www.kent.police.uk/a/%2Fetc%2Fpasswd',
  'https://www.kent.police.uk/a/%252e%252e%252fetc',
  'https://www.kent.police.uk/a/..%5c..%5c..%5cwindows%5csystem32',
  'https://www.kent.police.uk/a\\..\\..\\x',
  'https://www.kent.police.uk/a/%00.md',
  'https://www.kent.police.uk/a/x%00/../../y',
  'https://www.kent.police.uk/a/%E2%80%AEdm.exe',
  'https://www.kent.police.uk/a/%EF%BC%8E%EF%BC%8E', // fullwidth dots: NFKC gives ".."
  'https://www.kent.police.uk/a/%EF%BC%8F%EF%BC%8E%EF%BC%8E%EF%BC%8Fetc', // fullwidth "/../"
  'https://www.kent.police.uk/a/\u2025', // two-dot leader
  'https://www.kent.police.uk/a/%ff%fe%fd', // invalid UTF-8 percent-encoding
  'https://www.kent.police.uk/a/İstanbul-ǅ-ﬁ-Å',
  'https://www.kent.police.uk/a/.',
  'https://www.kent.police.uk/a/..',
  'https://www.kent.police.uk/a/...',
  'https://www.kent.police.uk/a/.hidden',
  'https://www.kent.police.uk/a/CON',
  'https://www.kent.police.uk/',
  `https://www.kent.police.uk/a/${'x'.repeat(5000)}`,
  `https://www.kent.police.uk/a/${'%C3%A9'.repeat(3000)}`,
  `https://www.kent.police.uk/a/${'.-'.repeat(300)}`,
  'not a url/../../x',
  '/etc/passwd',
  '../../../etc/passwd',
  'C:\\Windows\\System32\\x',
  '\\\\server\\share\\x',
  'file:///etc/passwd',
  '',
];

const HOSTILE_FORCES = ['kent', '../..', '/etc', '', 'a/../../b', '..', '.', 'C:\\x', '\u0000', 'ＫＥＮＴ/．．'];
const HOSTILE_DATES = ['2024-05-01', null, '../../x', '2024/../../x', '9999', '1/../', 'xxxx-01-01', ''];

/** The path is inside <dataDir>/releases/, is a .md, and every part of it is a plain, safe name. */
function expectContained(dataDir: string, p: string): void {
  const root = releasesRoot(dataDir);
  expect(isAbsolute(p)).toBe(true);
  expect(p.startsWith(root + sep), p).toBe(true);
  const rel = relative(root, p);
  expect(rel.startsWith('..')).toBe(false);
  const parts = rel.split(sep);
  expect(parts).toHaveLength(3);
  for (const part of parts) {
    expect(part, p).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
    expect(part).not.toMatch(/\.\./);
    expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
  }
  expect(p.endsWith('.md')).toBe(true);
}

describe('security: release file names derived from URLs', () => {
  const dataDir = join(tempDir(), 'data');

  it('hostile URLs, force ids and dates never escape data/releases/', () => {
    for (const url of HOSTILE_URLS) {
      for (const force of HOSTILE_FORCES) {
        for (const date of HOSTILE_DATES) expectContained(dataDir, releasePath(dataDir, force, date, url));
      }
    }
  });

  it('a stored path from the database is reused only when it is a .md inside data/releases/', () => {
    const root = releasesRoot(dataDir);
    const url = 'https://www.kent.police.uk/news/kent/news/news/2024/may/man-given-spo/';
    const fresh = releasePath(dataDir, 'kent', '2024-05-01', url);
    for (const existing of ['/etc/passwd.md', `${root}/../x.md`, `${root}/kent/../../../x.md`, '../x.md', `${root}/kent/x.txt`, root, `${root}.md`, `${root}-evil/x.md`]) {
      const p = releasePath(dataDir, 'kent', '2024-05-01', url, existing);
      expect(p, existing).toBe(fresh);
    }
    expect(releasePath(dataDir, 'kent', '2024-05-01', url, join(root, 'kent', '2024', 'old-name.md'))).toBe(join(root, 'kent', '2024', 'old-name.md'));
  });

  it('property: arbitrary URLs, path segments and Unicode stay contained', () => {
    const segment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2E%2F', '..%2f', '%5c', '\\..', '%00', '%ef%bc%8e', '～', '‥', '/'),
    );
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.array(segment, { maxLength: 6 }).map((s) => `https://www.kent.police.uk/${s.join('/')}`),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    fc.assert(
      fc.property(url, fc.string({ maxLength: 20 }), fc.option(fc.string({ maxLength: 20 }), { nil: null }), (u, force, date) => {
        expectContained(dataDir, releasePath(dataDir, force, date, u));
      }),
      { numRuns: 300 },
    );
  });

  it('safeSlug yields only [a-z0-9.-], never empty, never "." or "..", bounded in length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (s, max) => {
        const slug = safeSlug(s, max);
        expect(slug).toMatch(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
        expect(slug).not.toContain('..');
        expect(slug.length).toBeLessThanOrEqual(Math.max(max, 'release'.length));
      }),
      { numRuns: 500 },
    );
  });

  it('two different releases with the same slug get two files', () => {
    const dir = join(tempDir(), 'data');
    const a = 'https://www.kent.police.uk/news/kent/news/2024/may/man-given-spo/';
    const b = 'https://www.kent.police.uk/news/kent/other/2024/may/man-given-spo/';
    const pa = releasePath(dir, 'kent', '2024-05-01', a);
    writeFileAtomic(pa, serializeRelease({ url: a, title: 'A' }, 'A text.'));
    const pb = releasePath(dir, 'kent', '2024-05-01', b);
    expect(pb).not.toBe(pa);
    expectContained(dir, pb);
    // The same release maps back to its own file.
    expect(releasePath(dir, 'kent', '2024-05-01', a)).toBe(pa);
  });

  it('a release whose URL is a prefix of another release\'s URL does not overwrite its file', () => {
    // Known weakness (release/files.ts fileHasUrl): "same release" is decided by a substring search of
    // the URL in the file's first 4000 characters, so https://…/spo/ matches a file written for
    // https://…/spo/?id=2 and would overwrite it.
    const dir = join(tempDir(), 'data');
    const a = 'https://www.kent.police.uk/news/kent/news/2024/may/man-given-spo/?id=2';
    const b = 'https://www.kent.police.uk/news/kent/news/2024/may/man-given-spo/';
    const pa = releasePath(dir, 'kent', '2024-05-01', a);
    writeFileAtomic(pa, serializeRelease({ url: a, title: 'A' }, 'A text.'));
    expect(releasePath(dir, 'kent', '2024-05-01', b)).not.toBe(pa);
  });

  it('writeFileAtomic leaves no temporary file behind, on success or failure', () => {
    const dir = join(tempDir(), 'data', 'releases', 'kent', '2024');
    const target = join(dir, 'x.md');
    writeFileAtomic(target, 'one');
    writeFileAtomic(target, 'two');
    expect(readFileSync(target, 'utf8')).toBe('two');
    mkdirSync(join(dir, 'is-a-dir.md'));
    expect(() => writeFileAtomic(join(dir, 'is-a-dir.md'), 'x')).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['is-a-dir.md', 'x.md']);
  });
});

// ---- what the crawler may fetch -----------------------------------------------------------------

describe('security: the URL policy', () => {
  const replica = 'http://127.0.0.1:38211';
  const policy = new UrlPolicy([replica, 'https://www.kent.police.uk'], ['news.met.police.uk']);

  it('allows the configured origins (loopback only when configured) and configured hosts', () => {
    for (const u of [
      `${replica}/news/kent/news/`,
      'http://2130706433:38211/x', // the same loopback origin, written as a number
      'https://www.kent.police.uk/news/',
      'https://WWW.Kent.Police.UK/news/',
      'https://www.kent.police.uk:443/x',
      'https://news.met.police.uk/latest_news',
    ]) {
      expect(policy.refusal(u), u).toBeNull();
    }
  });

  it.each([
    ['other host', 'https://evil.example.com/'],
    ['look-alike host', 'https://www.kent.police.uk.evil.com/'],
    ['host in query only', 'https://evil.com/?u=https://www.kent.police.uk/'],
    ['userinfo trick', 'https://www.kent.police.uk@evil.com/'],
    ['credentials', 'https://user:pw@www.kent.police.uk/'],
    ['other port of a configured host', 'https://www.kent.police.uk:8443/'],
    ['http for an https origin', 'http://www.kent.police.uk/'],
    ['other loopback port', 'http://127.0.0.1:38212/'],
    ['loopback name', 'http://localhost:38211/'],
    ['*.localhost', 'http://x.localhost/'],
    ['IPv6 loopback', 'http://[::1]:38211/'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:38211/'],
    ['public IP literal', 'http://8.8.8.8/'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['metadata name', 'http://metadata.google.internal/'],
    ['link-local IPv6', 'http://[fe80::1]/'],
    ['private 10/8', 'http://10.0.0.1/'],
    ['private 192.168/16', 'http://192.168.1.1/'],
    ['private 172.16/12', 'http://172.16.0.1/'],
    ['octal IP', 'http://0177.0.0.2/'],
    ['hex IP', 'http://0x7f000002/'],
    ['mDNS .local', 'http://printer.local/'],
    ['file scheme', 'file:///etc/passwd'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['ftp scheme', 'ftp://www.kent.police.uk/'],
    ['gopher scheme', `gopher://127.0.0.1:38211/`],
    ['ws scheme', 'ws://www.kent.police.uk/'],
    ['scheme-relative', '//evil.com/x'],
    ['not a URL', 'http://'],
    ['trailing-dot host not configured', 'https://news.met.police.uk./x'],
  ])('refuses %s: %s', (_what, url) => {
    expect(policy.refusal(url)).toEqual(expect.any(String));
  });

  it('with no loopback origin configured, every loopback / private / link-local address is refused', () => {
    const p = new UrlPolicy(['https://www.kent.police.uk']);
    for (const u of ['http://127.0.0.1/', 'http://127.1/', 'http://0.0.0.0/', 'http://[::]/', 'http://[::1]/', 'http://[fd00::1]/', 'http://100.64.0.1/', 'http://localhost/']) {
      expect(p.refusal(u), u).not.toBeNull();
    }
  });

  it('isPrivateAddress: loopback, private, link-local, CGNAT and unspecified addresses, in every spelling', () => {
    const priv = ['127.0.0.1', '127.255.255.254', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1',
      // The same addresses as Node's URL parser and some resolvers spell them:
      '::ffff:7f00:1', '::ffff:a00:1', '0:0:0:0:0:0:0:1', '0000:0000:0000:0000:0000:0000:0000:0001', 'FE80::1'];
    const pub = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', 'www.kent.police.uk'];
    const wrong = [...priv.filter((ip) => !isPrivateAddress(ip)).map((ip) => `${ip} should be private`), ...pub.filter((ip) => isPrivateAddress(ip)).map((ip) => `${ip} should be public`)];
    expect(wrong).toEqual([]);
  });
});

// ---- YAML and SQL -------------------------------------------------------------------------------

describe('security: YAML is loaded with the safe schema only', () => {
  it.each([
    ['!!js/function', 'x: !!js/function "function () { return process.exit(7) }"'],
    ['!!js/undefined', 'x: !!js/undefined ""'],
    ['!!js/regexp', 'x: !!js/regexp /(a+)+$/'],
    ['!!python/object', 'x: !!python/object/apply:os.system ["id"]'],
    ['!<tag:yaml.org,2002:js/function>', 'x: !<tag:yaml.org,2002:js/function> "function(){}"'],
    ['%TAG directive', '```yaml\n%TAG !js! tag:yaml.org,2002:js/\n---\nx: !js!function "function(){}"\n```'],
    ['a local tag', 'x: !Ref foo'],
  ])('rejects %s', (_tag, yamlText) => {
    const text = yamlText.startsWith('```') ? `${yamlText}\nbody` : `---\n${yamlText}\n---\nbody`;
    expect(() => parseRelease(text, 'tag.md')).toThrow(ReleaseError);
  });

  it('the reader uses js-yaml with DEFAULT_SCHEMA and never an unsafe loader', () => {
    const files = listTs(join(REPO_ROOT, 'src')).filter((f) => /from 'js-yaml'|require\('js-yaml'\)/.test(readFileSync(f, 'utf8')));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const code = readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(code, f).not.toMatch(/js-yaml-js-types|\bloadAll\s*\(/);
      for (const m of code.matchAll(/\bschema:\s*([\w.]+)/g)) expect(m[1], f).toMatch(/^yaml\.(DEFAULT_SCHEMA|CORE_SCHEMA|JSON_SCHEMA|FAILSAFE_SCHEMA)$/);
    }
  });

  it('a merge key or __proto__ in front matter cannot pollute Object.prototype', () => {
    const doc = parseRelease('---\n__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\nx: {<<: {__proto__: {polluted: yes}}}\n---\nbody', 'p.md');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc.frontMatter)).toBe(Object.prototype);
  });
});

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listTs(p));
    else if (/\.(ts|mjs|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

/**
 * SQL fragments that may be interpolated: each is built from fixed text with `?` placeholders (the
 * values go in as parameters) or is a column/table name from a fixed list. Review before adding.
 */
const SQL_INTERPOLATION_ALLOWED: RegExp[] = [
  /^w\.(inside|before)$/, // src/diff: run/date window, "run_id BETWEEN ? AND ?" etc.
  /^(\w+\.)?(where|whereSql|conditions|clauses|filters?Sql|placeholders|marks|qs|cols|columns|columnList|table|tableName|orderBy|order|limitSql|sqlFragment|set|sets|assignments)$/,
  /^\w+\.join\((['"])(, | AND | OR |,)\1\)$/, // joining fixed fragments
  /^(placeholders|marks|qs)\(\w+(\.length)?\)$/,
  /^\w+\.map\(\(\) => '\?'\)\.join\(', ?'\)$/,
  // A condition choosing between two fixed fragments: `${opts.force ? 'WHERE o.force_id = ?' : ''}`.
  /^[\w.!&|() ]+\?\s*'[^'$]*'\s*:\s*'[^'$]*'$/,
];

describe('security: SQL is parameterised everywhere', () => {
  it('no SQL string in src/ interpolates or concatenates a value', () => {
    const findings: string[] = [];
    for (const f of [...listTs(join(REPO_ROOT, 'src')), ...(existsSync(join(REPO_ROOT, 'scrapers')) ? listTs(join(REPO_ROOT, 'scrapers')) : [])]) {
      const src = readFileSync(f, 'utf8');
      const where = (i: number): string => `${relative(REPO_ROOT, f)}:${src.slice(0, i).split('\n').length}`;
      for (const m of src.matchAll(/`((?:[^`\\]|\\.)*)`/g)) {
        const body = m[1]!;
        if (!/\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|PRAGMA|DROP|CREATE)\b/.test(body)) continue;
        if (!/\b(FROM|INTO|SET|WHERE|TABLE|INDEX|PRAGMA|VALUES)\b/.test(body)) continue;
        for (const e of body.matchAll(/\$\{([^}]*)\}/g)) {
          const expr = e[1]!.trim();
          if (!SQL_INTERPOLATION_ALLOWED.some((r) => r.test(expr))) findings.push(`${where(m.index!)}: \${${expr}} in SQL`);
        }
      }
      for (const m of src.matchAll(/(['"])[^'"\n]*\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE)\b[^'"\n]*\1\s*\+\s*(?!['"`])/g)) {
        findings.push(`${where(m.index!)}: SQL built by concatenation`);
      }
    }
    expect(findings).toEqual([]);
  });

  it('the scanner catches an interpolated value (self-test)', () => {
    const dir = tempDir();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the file written is source code with an interpolation in it
    writeFileSync(join(dir, 'bad.ts'), 'db.prepare(`SELECT * FROM releases WHERE url = \'${url}\'`)');
    const src = readFileSync(join(dir, 'bad.ts'), 'utf8');
    const exprs = [...src.matchAll(/`((?:[^`\\]|\\.)*)`/g)].flatMap((m) => [...m[1]!.matchAll(/\$\{([^}]*)\}/g)].map((e) => e[1]!));
    expect(exprs).toEqual(['url']);
    expect(SQL_INTERPOLATION_ALLOWED.some((r) => r.test('url'))).toBe(false);
    expect(basename(join(dir, 'bad.ts'))).toBe('bad.ts');
  });
});

// ---- end to end: `spo crawl` against the replica with hostile redirects --------------------------

describe('security: the real `spo crawl` never follows a redirect off the configured origins', () => {
  it('redirects to the off-host trap and to file:// are refused and reported; the rest of the crawl goes on', async () => {
    const { startReplica } = await import('../src/replica/index.ts');
    const { spawn } = await import('node:child_process');
    const { SPO_BIN } = await import('./helpers/paths.ts');
    const rep = await startReplica({ forces: ['kent', 'metropolitan'], ordinaryPerForce: 10, writtenSpoPerForce: 1, seed: 5 });
    try {
      const kentSpo = new URL(rep.spoReleases('kent')[0]!.url).pathname;
      const metSpo = new URL(rep.spoReleases('metropolitan')[0]!.url).pathname;
      const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      rep.setFault('kent', { kind: 'redirect-offhost', paths: new RegExp(`^${esc(kentSpo)}$`) });
      rep.setFault('metropolitan', { kind: 'redirect-offhost', paths: new RegExp(`^${esc(metSpo)}$`), location: 'file:///etc/passwd' });
      const root = tempDir();
      const db = join(root, 'spo.sqlite');
      const args = [SPO_BIN, 'crawl', '--origin', `kent=${rep.origins.kent}`, '--origin', `metropolitan=${rep.origins.metropolitan}`, '--db', db, '--data-dir', join(root, 'data'), '--delay-ms', '10', '--json'];
      const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const guard = setTimeout(() => child.kill('SIGKILL'), 100_000);
        child.on('error', reject);
        child.on('exit', (code) => {
          clearTimeout(guard);
          resolve({ code, stdout, stderr });
        });
      });
      expect(rep.requests.filter((q) => q.forceId === 'offhost'), 'the trap host was reached').toEqual([]);
      const forces = JSON.parse(out.stdout) as { forceId: string; errors: string[]; new: number }[];
      const byId = Object.fromEntries(forces.map((f) => [f.forceId, f]));
      expect(byId.kent!.errors.join('\n'), out.stderr).toMatch(/refused/);
      expect(byId.metropolitan!.errors.join('\n'), out.stderr).toMatch(/refused|file:/);
      // The faulted article was asked for once (a refusal is not retried) and the others were stored.
      expect(rep.requests.filter((q) => q.forceId === 'kent' && q.path === kentSpo)).toHaveLength(1);
      expect(byId.kent!.new).toBe(rep.spoReleases('kent').length - 1);
      expect(byId.metropolitan!.new).toBe(rep.spoReleases('metropolitan').length - 1);
      const { openStore } = await import('../src/store/index.ts');
      const store = openStore(db, { readonly: true });
      const urls = (store.db.prepare('SELECT url FROM releases').all() as { url: string }[]).map((r) => r.url);
      store.close();
      expect(urls.some((u) => !u.startsWith(rep.origins.kent!) && !u.startsWith(rep.origins.metropolitan!))).toBe(false);
    } finally {
      await rep.stop();
    }
  }, 150_000);
});
