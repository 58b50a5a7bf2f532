import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnyDate } from '../scrapers/lib/dates.ts';
import {
  ReleaseError,
  canonicalUrl,
  contentHash,
  parseRelease,
  parseSourceDate,
  readReleaseFile,
  readReleases,
  releaseId,
  serializeRelease,
} from '../src/release/index.ts';
import { DEV, SEEDS, tempDir } from './helpers/paths.ts';

describe('release documents: the seeds', () => {
  const files = readdirSync(SEEDS).sort();

  it('every seed parses', () => {
    expect(files).toHaveLength(5);
    for (const f of files) expect(() => readReleaseFile(join(SEEDS, f))).not.toThrow();
  });

  it('reads the fenced ```yaml front matter, decodes entities and the SOH date', () => {
    const doc = readReleaseFile(join(SEEDS, '000_a29348eabcdd0f55.txt'));
    expect(doc.id).toBe('000_a29348eabcdd0f55');
    expect(doc.frontMatter.area).toBe('Kent');
    expect(doc.frontMatter.og?.description).toBe(
      "The 54-year-old from Rochester appeared at Maidstone Magistrates' Court on Monday 25 February 2020.",
    );
    expect(doc.frontMatter.og?.image).toContain('&w=600&h=300');
    expect(doc.title).toBe('Man served with Kent\u2019s first full Stalking Protection Order');
    expect(doc.url).toBe(
      'https://www.kent.police.uk/news/kent/news2/policing-news/2002/man-served-with-kents-first-full-stalking-protection-order/',
    );
    expect(doc.published).toBe('2020-02-27T12:31');
    expect(doc.body.startsWith('Kent Police has obtained its first full Stalking Protection Order')).toBe(true);
    expect(doc.body).not.toContain('```');
  });

  it('reads a document with no front matter as all text', () => {
    const doc = readReleaseFile(join(SEEDS, '001_02bd68214d20268e.txt'));
    expect(doc.frontMatter).toEqual({});
    expect(doc.url).toBeNull();
    expect(doc.published).toBeNull();
    expect(doc.body.startsWith('Library image: Pexels')).toBe(true);
  });

  it('reads front matter between --- lines (dev corpus)', () => {
    const doc = readReleaseFile(join(DEV, 'h006.md'));
    expect(doc.url).toBe('http://www.deeside.com/north-wales-police-granted-first-stalking-protection-order/');
    expect(doc.title).toBe('North Wales Police granted first Stalking Protection Order');
    expect(doc.body.startsWith('date 2020-07-14')).toBe(true);
  });
});

describe('release documents: bad files', () => {
  it('names the file and the YAML line of a syntax error', () => {
    const text = '```yaml\ntitle: ok\nurl: [unclosed\nother: 1\n```\n\nBody text.';
    let err: unknown;
    try {
      parseRelease(text, 'bad.md');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReleaseError);
    expect((err as ReleaseError).message).toMatch(/^bad\.md:\d+: invalid YAML front matter/);
    expect((err as ReleaseError).line).toBeGreaterThanOrEqual(3);
  });

  it('refuses empty, binary and wrongly typed files, and the rest of the batch goes on', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-empty.md'), '');
    writeFileSync(join(dir, 'b-binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    writeFileSync(join(dir, 'c-types.md'), '---\ntitle: [1, 2]\n---\nText about an order.\n');
    writeFileSync(join(dir, 'd-good.md'), '---\ntitle: Good\n---\nA man was handed a Stalking Protection Order.\n');
    const { releases, errors } = readReleases([dir]);
    expect(releases.map((r) => r.id)).toEqual(['d-good']);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/a-empty\.md: file is empty/),
      expect.stringMatching(/b-binary\.md: binary file/),
      expect.stringMatching(/c-types\.md:2: front matter has wrong types: \/title must be string/),
    ]);
  });

  it('never executes YAML tags (safe schema)', () => {
    expect(() => parseRelease('---\ntitle: !!js/function "function () { return 1 }"\n---\nx', 'evil.md')).toThrow(ReleaseError);
  });
});

describe('dates the sources use', () => {
  it.each([
    ['12:31 27/02/2020', '2020-02-27T12:31'],
    ['Published: 09:45 20/11/2025', '2025-11-20T09:45'],
    ['27/02/2020', '2020-02-27'],
    ['2020-07-14', '2020-07-14'],
    ['2024-12-03T10:15:00Z', '2024-12-03T10:15'],
    // A time with a zone is an instant, stored as UK wall-clock time: in summer (BST) an hour ahead of UTC.
    ['Fri, 29 May 2020 16:08:00 GMT', '2020-05-29T17:08'],
    ['Fri, 29 Nov 2024 16:08:00 GMT', '2024-11-29T16:08'],
    ['Fri, 05 Jul 2024 13:20:00 +0000', '2024-07-05T14:20'],
    ['2024-07-05T13:20:00Z', '2024-07-05T14:20'],
    ['2024-07-05T13:20:00+00:00', '2024-07-05T14:20'],
    ['2024-07-05T13:20:00+0000', '2024-07-05T14:20'],
    ['2024-07-05 13:20:00 +0000', '2024-07-05T14:20'],
    ['2024-07-05T14:20:00+01:00', '2024-07-05T14:20'],
    ['2024-07-05T08:20:00-05:00', '2024-07-05T14:20'],
    ['2024-06-30T23:30:00Z', '2024-07-01T00:30'],
    ['2024-07-05T14:20', '2024-07-05T14:20'],
    ['Thursday, May 8, 2025', '2025-05-08'],
    ['September 02, 2022', '2022-09-02'],
    ['25 February 2020', '2020-02-25'],
    ['31/02/2020', null],
    ['0999-12-31T23:59:59.999Z', null],
    ['next Tuesday', null],
  ])('%s -> %s', (input, expected) => {
    expect(parseSourceDate(input)).toBe(expected);
  });

  it('a YAML timestamp is an instant (read in UK time), a YAML date stays a date', () => {
    expect(parseRelease('---\ntitle: x\npublished: 2024-07-05T13:20:00+00:00\n---\nbody', 'a.md').published).toBe('2024-07-05T14:20');
    expect(parseRelease('---\ntitle: x\npublished: 2024-07-05\n---\nbody', 'a.md').published).toBe('2024-07-05');
  });

  it('a platform page\'s <time datetime> in UTC, in summer', () => {
    expect(parseAnyDate('2024-07-05T13:20:00Z')).toBe('2024-07-05T14:20');
    expect(parseAnyDate('2024-07-05T13:20:00.000+00:00')).toBe('2024-07-05T14:20');
  });
});

describe('identity and hashing', () => {
  it('round-trips the seed format', () => {
    const doc = readReleaseFile(join(SEEDS, '002_c1dff9f53e99654e.txt'));
    const again = parseRelease(serializeRelease(doc.frontMatter, doc.body), '002.md');
    expect(again.frontMatter).toEqual(doc.frontMatter);
    expect(again.body.trim()).toBe(doc.body.trim());
  });

  it('ignores cosmetic differences in the content hash but not real edits', () => {
    const a = 'The order lasts five years.\n\nHe must not contact her.';
    expect(contentHash('  The order lasts  **five** years.\n\n\n\nHe must not contact her.  ')).toBe(contentHash(a));
    expect(contentHash('The order lasts ten years.\n\nHe must not contact her.')).not.toBe(contentHash(a));
  });

  it('gives one id per force and canonical URL', () => {
    const u = 'https://www.kent.police.uk/news/kent/latest/some-story/';
    expect(canonicalUrl(`${u}?utm_source=twitter#top`)).toBe(u);
    expect(releaseId('kent', `${u}?utm_source=x`, 'a')).toBe(releaseId('kent', u, 'b'));
    expect(releaseId('essex', u, 'a')).not.toBe(releaseId('kent', u, 'a'));
  });
});
