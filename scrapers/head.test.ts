// readPageHead (one streaming pass) must read what the DOM queries read: on every saved page, the
// article parsed through it equals the article parsed through loadFast's DOM.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGenericArticle } from './lib/article.ts';
import { loadFast, metaContent } from './lib/html.ts';
import { readPageHead } from './head.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const pages = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? pages(p) : /\.html?$/.test(n) ? [p] : [];
  });

describe('readPageHead', () => {
  const files = pages(root);
  it('has pages to check', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s: same article as through the DOM', (_name, file) => {
    const html = readFileSync(file, 'utf8');
    // A `published` reader that finds nothing takes the DOM path with the same fallbacks.
    const viaDom = parseGenericArticle(html, { published: () => null });
    const viaHead = parseGenericArticle(html);
    expect({ ...viaHead }).toEqual({ ...viaDom });
  });
  it('reads odd markup as the DOM does: two bodies, nested headings, repeated meta keys, entities', () => {
    const html = '<title>T &amp; U</title><meta name="d" content="one"><meta name="d" content="two"><body><h1>A <b>b</b><h1>c</h1></h1><time>x</time><time datetime="2024-01-02">y</time><h1>z</h1></body><body>tail</body>';
    const $ = loadFast(html);
    const h = readPageHead(html);
    expect(h.title).toBe($('title').first().text());
    expect(h.h1).toBe($('h1').first().text());
    expect(h.metas.get('d')).toBe(metaContent($, 'd'));
    expect(h.timeDatetime).toBe($('time[datetime]').first().attr('datetime'));
    expect(h.text).toBe($('body').text() || $.root().text());
    expect(h.text).toContain('tail');
  });
});
