// readPageHead (one streaming pass) must read what the DOM queries read: on every saved page, the
// article parsed through it equals the article parsed through loadFast's DOM.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGenericArticle } from './lib/article.ts';
import { articleLimitProblem, loadFast, metaContent, pageLimitProblem } from './lib/html.ts';
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
    // The text outside furniture holds every word of the body (the pipeline builds no body for a page
    // whose SPO words are not in it, the title or the description).
    const outside = (viaHead.textOutsideFurniture ?? '').replace(/\s+/g, ' ');
    expect(viaHead.textOutsideFurniture).toBeTypeOf('string');
    // (Link targets are not text: "[name](https://...)" keeps the name.)
    const bodyWords = viaDom.bodyMarkdown.replace(/\]\([^)]*\)/g, ']').match(/[A-Za-z]{4,}/g) ?? [];
    const missing = bodyWords.filter((w) => !outside.includes(w));
    expect(missing).toEqual([]);
  });
  it('leaves out the text of furniture elements, and keeps links and text in the content', () => {
    const html =
      '<html><head><title>T</title><script>var spo = "Stalking Protection Order";</script></head><body><header><a href="/">Home</a></header>' +
      '<nav><a href="/news">News</a></nav><main><h1>Man jailed</h1><p>He was <a href="/x">jailed</a> for burglary.</p>' +
      '<aside class="related-news"><h2>Related news</h2><ul><li><a href="/y">Woman given stalking protection order</a></li></ul></aside>' +
      '<p>Embedded <svg><text>chart</text></svg>after.</p></main><footer>Contact us</footer></body></html>';
    const outside = readPageHead(html).textOutsideFurniture;
    expect(outside).toContain('He was jailed for burglary.');
    expect(outside).toContain('Embedded after.');
    for (const word of ['Home', 'News', 'stalking', 'Stalking', 'chart', 'Contact']) expect(outside).not.toContain(word);
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

describe('articleLimitProblem', () => {
  const files = pages(root);
  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s: measures the page as pageLimitProblem does', (_name, file) => {
    const html = readFileSync(file, 'utf8');
    // Tight limits, so that every page is over one of them and the message (depth or links) is compared.
    const tight = { maxDepth: 3, maxLinks: 1 };
    expect(articleLimitProblem(html, tight)).toBe(pageLimitProblem(html, tight));
    expect(articleLimitProblem(html)).toBe(pageLimitProblem(html));
  });
  it('refuses a page nested too deep or linking too often, for the reasons pageLimitProblem gives', () => {
    const deep = `<body>${'<div>'.repeat(1500)}x${'</div>'.repeat(1500)}</body>`;
    const linky = `<body>${'<a href="/x">x</a>'.repeat(5001)}</body>`;
    expect(articleLimitProblem(deep)).toBe('elements nested 1501 deep, over the cap of 1000');
    expect(articleLimitProblem(linky)).toBe('5001 links, over the cap of 5000 per page');
    expect(articleLimitProblem(deep)).toBe(pageLimitProblem(deep));
  });
  it('reads the head once: the scraper reading the page next gets the same pass', () => {
    const html = '<html><head><title>T</title></head><body><h1>A</h1><p>b</p></body></html>';
    expect(articleLimitProblem(html)).toBeNull();
    expect(readPageHead(html)).toBe(readPageHead(html));
    expect(readPageHead(html)).toMatchObject({ h1: 'A', title: 'T', maxDepth: 3, links: 0 });
  });
});
