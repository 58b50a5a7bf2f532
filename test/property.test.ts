// Issue 7, property-based tests (fast-check): no input makes the front-matter parser throw anything but
// ReleaseError, and extraction never throws nor returns a value outside the contract. Runs are bounded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReleaseDocument } from '../src/domain/types.ts';
import { validateExtractedDocument } from '../src/domain/validate.ts';
import {
  ReleaseError,
  contentHash,
  normaliseText,
  parseRelease,
  parseSourceDate,
  serializeRelease,
} from '../src/release/index.ts';

const RUNS = { numRuns: Number(process.env.SPO_PROPERTY_RUNS ?? 200) };
// Reproducible by default, so a CI run cannot go red on a lucky draw; SPO_PROPERTY_SEED=random explores.
const SEED = process.env.SPO_PROPERTY_SEED;
fc.configureGlobal({ seed: SEED === 'random' ? Date.now() : Number(SEED ?? 20260123) });

/** Run fn; anything thrown must be a ReleaseError naming the file. */
function onlyReleaseError(text: string, file = 'prop.md'): void {
  try {
    parseRelease(text, file);
  } catch (e) {
    if (!(e instanceof ReleaseError)) throw new Error(`threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    expect(e.message.startsWith(file)).toBe(true);
    expect(e.message).not.toContain('\n');
    // A line number, when given, is a line of the file.
    if (e.line !== undefined) {
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line, e.message).toBeLessThanOrEqual(text.split('\n').length);
    }
  }
}

// ---- YAML-ish front matter ----------------------------------------------------------------------

const KEYS = ['title', 'url', 'force', 'area', 'published', 'publish', 'og', 'date', '__proto__', 'constructor', '<<', '? a', '"q"', 'x y', '-'];
const SCALARS = [
  '', '~', 'null', 'true', 'no', '12', '1e309', '0x1F', '.nan', '2020-02-30', '2020-01-01T10:00:00Z', '"quoted \\u0000 \\x"',
  "'single ''q'''", '|', '>-', '&a x', '*a', '*undefined', '!!js/function "function(){}"', '!!js/undefined ""', '!!binary aGVsbG8=',
  '!!set {a, b}', '!!omap [a: 1]', '!!timestamp 2020-01-01', '!!int "x"', '!<tag:yaml.org,2002:str> s', '!custom v', '[1, [2, [3]]]',
  '{a: {b: {c: d}}}', '[*a, *a]', '{<<: *a}', '"unclosed', '[unclosed', '&#39; &amp; &lt;script&gt;', 'https://x.police.uk/a?utm_source=y',
  '12:31 27/02/2020', '\t', '% directive', '@reserved', '`backtick', '#comment', ': colon', '- dash', '? question',
];

const yamlLine = fc.tuple(
  fc.constantFrom('', ' ', '  ', '\t', '    '),
  fc.constantFrom(...KEYS),
  fc.constantFrom(': ', ':', ' : ', ': &a ', ':\n  - ', ':\n  '),
  fc.oneof(fc.constantFrom(...SCALARS), fc.string({ maxLength: 20 })),
).map(([indent, key, sep, value]) => `${indent}${key}${sep}${value}`);

const frontMatterText = fc
  .tuple(
    fc.constantFrom('---\n', '```yaml\n', '```yml \n', ' \n```yaml\n', '\uFEFF---\n', '---\r\n', ''),
    fc.array(yamlLine, { maxLength: 12 }),
    fc.constantFrom('\n---\n', '\n```\n', '\n...\n', '\r\n---\r\n', '\n', ''),
    fc.string({ maxLength: 80 }),
  )
  .map(([open, lines, close, body]) => `${open}${lines.join('\n')}${close}${body}`);

describe('property: the front-matter parser throws only ReleaseError', () => {
  it('on arbitrary strings (any code points, lone surrogates included)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => onlyReleaseError(s)), RUNS);
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => onlyReleaseError(`---\n${s}\n---\nbody`)), RUNS);
  });

  it('on arbitrary YAML-ish front matter (tags, anchors, aliases, merge keys, bad indentation)', () => {
    fc.assert(fc.property(frontMatterText, (s) => onlyReleaseError(s)), { numRuns: 500 });
  });

  it('a parsed document always has the documented shape', () => {
    fc.assert(
      fc.property(frontMatterText, (s) => {
        let doc: ReleaseDocument;
        try {
          doc = parseRelease(s, 'dir/name.md');
        } catch (e) {
          expect(e).toBeInstanceOf(ReleaseError);
          return;
        }
        expect(doc.id).toBe('name');
        expect(typeof doc.body).toBe('string');
        expect(doc.frontMatter !== null && typeof doc.frontMatter === 'object' && !Array.isArray(doc.frontMatter)).toBe(true);
        for (const k of ['title', 'url', 'published'] as const) expect(doc[k] === null || typeof doc[k] === 'string').toBe(true);
        if (doc.published !== null) expect(doc.published).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/);
        // Nothing the YAML said can reach Object.prototype.
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('serialize then parse gives back the front matter and the text', () => {
    // Strings without '&' (entities are decoded on reading, by design) and without NUL.
    const str = fc.string({ maxLength: 30 }).filter((s) => !s.includes('&') && !s.includes('\0'));
    const key = fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !['title', 'url', 'force', 'area', 'published', 'publish', 'og', '__proto__'].includes(s) && !s.includes('&'));
    const value = fc.oneof(str, fc.integer(), fc.boolean(), fc.array(str, { maxLength: 3 }), fc.dictionary(key, str, { maxKeys: 3 }));
    const fm = fc.record(
      { title: str, url: fc.webUrl(), published: fc.constantFrom('12:31 27/02/2020', '2024-05-01', '2024-05-01T10:30'), extra: fc.dictionary(key, value, { maxKeys: 4 }) },
      { requiredKeys: [] },
    );
    const body = fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(fm, body, ({ extra, ...known }, b) => {
        const front = { ...extra, ...known };
        const doc = parseRelease(serializeRelease(front, b), 'x.md');
        expect(doc.frontMatter).toEqual(front);
        expect(doc.body.trim()).toBe(b.trim());
        expect(contentHash(doc.body)).toBe(contentHash(b));
      }),
      RUNS,
    );
  });

  it('parseSourceDate never throws and returns null or an ISO date / date-time', () => {
    const dateish = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99), fc.nat(99), fc.nat(9999)).map(([h, m, d, mo, y]) => `${h}:${m} ${d}/${mo}/${y}`),
      fc.tuple(fc.nat(40), fc.constantFrom('Jan', 'February', 'sept', 'Mayo', 'x'), fc.nat(3000)).map(([d, m, y]) => `${d} ${m} ${y}`),
      fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString())),
    );
    fc.assert(
      fc.property(fc.oneof(dateish, fc.anything()), (v) => {
        const r = parseSourceDate(v);
        if (r !== null) {
          expect(r).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/);
          expect(Number.isNaN(Date.parse(r.slice(0, 10)))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('property: text normalisation', () => {
  /** The regex form normaliseText had before it was made linear (fine on short inputs). */
  const oldFold = (s: string): string => s.replace(/[ \t\u00A0]+/g, ' ').replace(/\s*\n\s*/g, '\n').replace(/\n{2,}/g, '\n').trim();
  const newFold = (s: string): string => s.replace(/[ \t\u00A0]+/g, ' ').replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : run)).trim();
  const wsy = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', '\u00A0', '\u2028', '\u3000', '\f', '\v', '\uFEFF'), maxLength: 60 });

  it('the linear whitespace folding equals the old regex folding', () => {
    fc.assert(
      fc.property(wsy, (s) => {
        expect(newFold(s)).toBe(oldFold(s));
        expect(normaliseText(s)).toBe(oldFold(s.normalize('NFKC').replace(/[*_`]+/g, '')));
      }),
      { numRuns: 1000 },
    );
  });

  it('the linear title cleaning equals the old regex', () => {
    const title = fc.string({ unit: fc.constantFrom('a', ' ', '|', '\t', 'K', '\n'), maxLength: 30 }).filter((s) => s.length > 0);
    const old = (t: string): string | null => t.replace(/\s+\|\s+[^|]+$/, '').trim() || null;
    fc.assert(
      fc.property(title, (t) => {
        expect(parseRelease(`---\ntitle: ${JSON.stringify(t)}\n---\nx`, 't.md').title).toBe(old(t));
      }),
      { numRuns: 1000 },
    );
  });

  it('normaliseText is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(wsy, fc.string({ unit: 'binary', maxLength: 100 })), (s) => {
        const n = normaliseText(s);
        expect(normaliseText(n)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});

// ---- the extractor ------------------------------------------------------------------------------

const PHRASES = [
  'Stalking Protection Order', 'stalking protection order', 'interim Stalking Protection Order', 'SPO', 'full order',
  'aged 47', 'aged 0', 'aged 150', 'aged forty-seven', '47-year-old', 'a 1000-year-old', 'a man', 'a woman', 'he', 'she',
  'for five years', 'for 18 months', 'for 0 years', 'for ninety-nine years', 'until 3 July 2025', 'until 31 February 2025', 'indefinitely',
  'must not contact', 'must not enter', 'is prohibited from', 'is required to', 'register his vehicle', 'exclusion zone',
  "at Maidstone Magistrates' Court", 'at Crown Court', 'from Dover', 'from Ramsgate', 'of no fixed abode', 'Kent Police', 'Northants Police',
  'on Monday 25 February 2020', 'on 29/02/2021', 'in January', 'on 2020-13-45', 'The order', '.', '. ', '\n\n', '\n- ', '## ', '"', '“', '’',
  'Dr.', 'Mr. Smith', 'St. Helens', '...', '(', ')', '|', '&amp;', '<script>', '\u0000', '\uD800', '🙂', '\t', '  ',
];

const spoText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PHRASES) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }), { maxLength: 60 })
  .map((parts) => parts.join(' '));

type ExtractModule = {
  extractRelease: (doc: ReleaseDocument) => unknown;
  toExtractedDocument: (x: never) => unknown;
};

async function loadExtract(): Promise<ExtractModule | null> {
  try {
    return (await import('../src/extract/index.ts')) as unknown as ExtractModule;
  } catch {
    return null;
  }
}

describe('property: extraction never throws and stays inside the contract', async () => {
  const mod = await loadExtract();

  it.skipIf(!mod)('for arbitrary text mixed with domain phrases', () => {
    const { extractRelease, toExtractedDocument } = mod!;
    fc.assert(
      fc.property(spoText, fc.option(fc.constantFrom('Kent Police', 'kent', 'nonsense', ''), { nil: undefined }), (body, force) => {
        const doc: ReleaseDocument = {
          id: 'prop',
          path: null,
          frontMatter: force === undefined ? {} : { force },
          body,
          title: null,
          url: null,
          published: null,
        };
        const x = extractRelease(doc);
        const out = toExtractedDocument(x as never);
        const problem = validateExtractedDocument(out);
        expect(problem, `${problem}\nbody: ${JSON.stringify(body)}`).toBeNull();
        // Evidence spans point into the text.
        for (const e of collectEvidence(x)) {
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeGreaterThanOrEqual(e.start);
          expect(e.end).toBeLessThanOrEqual(body.length);
        }
      }),
      RUNS,
    );
  });

  it.skipIf(!mod)('for parsed documents built from arbitrary front matter and text', () => {
    const { extractRelease, toExtractedDocument } = mod!;
    fc.assert(
      fc.property(frontMatterText, spoText, (fm, body) => {
        let doc: ReleaseDocument;
        try {
          doc = parseRelease(`${fm}\n${body}`, 'p.md');
        } catch {
          return;
        }
        expect(validateExtractedDocument(toExtractedDocument(extractRelease(doc) as never))).toBeNull();
      }),
      RUNS,
    );
  });
});

describe('property: extraction of templated SPO sentences with hostile numbers and dates', async () => {
  const mod = await loadExtract();
  // biome-ignore lint/correctness/noPrecisionLoss: a number too long to be exact is one of the hostile inputs
  const num = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(0, 9, 10, 110, 111, 999, 1e21, 99999999999999999999, 2 ** 53 + 1));
  const word = fc.constantFrom('zero', 'one', 'five', 'ten', 'eighteen', 'forty-seven', 'ninety-nine', 'a hundred', 'a thousand', 'twelve hundred');
  const month = fc.constantFrom('January', 'February', 'Feb', 'Sept', 'Smarch', 'december');
  const sentence = fc.oneof(
    fc.tuple(num, fc.constantFrom('man', 'woman', 'person')).map(([n, who]) => `A ${n}-year-old ${who} from Dover was given a Stalking Protection Order.`),
    fc.tuple(num, word).map(([n, w]) => `The man, aged ${n}, was made subject to an interim Stalking Protection Order lasting ${w} years.`),
    fc.tuple(fc.integer({ min: 0, max: 40 }), month, fc.integer({ min: 0, max: 3000 })).map(
      ([d, m, y]) => `The full order was granted at Maidstone Magistrates' Court on ${d} ${m} ${y} and runs until ${d + 1} ${m} ${y + 5}.`,
    ),
    fc.tuple(num, fc.constantFrom('years', 'months', 'weeks', 'days', 'year', 'fortnights')).map(([n, u]) => `The Stalking Protection Order will last for ${n} ${u}.`),
    fc.tuple(word, fc.constantFrom('years', 'months')).map(([w, u]) => `He must not contact her for ${w} ${u} under the SPO.`),
    fc.constantFrom(
      'She must not contact the victim, attend her address or post about her online, and must register her vehicle.',
      'The order was made indefinitely.',
      'The SPO, made on 29 February 2021, lasts until 31 June 2025.',
      'Two men, aged 34 and 41, were each given Stalking Protection Orders.',
    ),
  );
  const realDate = (s: string): boolean => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number | undefined];
    if (m < 1 || m > 12) return false;
    if (d === undefined) return true;
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  };

  it.skipIf(!mod)('stays in the contract: ages 10-110, real calendar dates, well-formed durations', () => {
    const { extractRelease, toExtractedDocument } = mod!;
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (parts) => {
        const body = parts.join(' ');
        const doc: ReleaseDocument = { id: 't', path: null, frontMatter: { force: 'Kent Police' }, body, title: null, url: null, published: '2024-05-01' };
        const out = toExtractedDocument(extractRelease(doc) as never) as { orders: { age: number | null; made_on: string | null; duration: string | null }[] };
        const problem = validateExtractedDocument(out);
        expect(problem, `${problem}\nbody: ${body}`).toBeNull();
        for (const o of out.orders) {
          if (o.made_on !== null) expect(realDate(o.made_on), `made_on ${o.made_on}\nbody: ${body}`).toBe(true);
          if (o.duration?.startsWith('until:')) expect(realDate(o.duration.slice(6)), `duration ${o.duration}\nbody: ${body}`).toBe(true);
          if (o.duration?.startsWith('P')) expect(o.duration, `body: ${body}`).toMatch(/^P(?!$)(?!(0[YMWD])+$)/);
        }
      }),
      RUNS,
    );
  });
});

function collectEvidence(x: unknown): { start: number; end: number }[] {
  const e = x as { evidence?: { start: number; end: number }[]; orders?: { evidence?: { start: number; end: number }[] }[] };
  return [...(e.evidence ?? []), ...(e.orders ?? []).flatMap((o) => o.evidence ?? [])];
}
