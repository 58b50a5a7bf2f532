// The head of an article page in one streaming pass (htmlparser2's tokenizer, no DOM): the first <h1>,
// the <title>, the page's text, its meta tags and the first <time datetime>. What classifying a page
// needs (title and date), for the cost of reading it once: most pages of a crawl are ordinary releases
// whose DOM is never needed. Reads exactly what the same queries on loadFast's DOM read (same parser,
// same options), which scrapers.test.ts checks on every saved article. The same pass measures the page
// against its limits (nesting depth, links): the crawl checks an article page with it, and the scraper
// reading the page next gets the remembered pass instead of a second one.
import { Parser } from 'htmlparser2';

export interface PageHead {
  /** Text of the first <h1> (not cleaned), null when there is none. */
  h1: string | null;
  /** Text of the first <title>, null when there is none. */
  title: string | null;
  /** Text of the <body>, else of the whole page (as cheerio's `$('body').text() || $.root().text()`). */
  text: string;
  /** Meta tags: the first content (cleaned by the caller) per name and per property. */
  metas: Map<string, string>;
  /** The datetime attribute of the first <time datetime>. */
  timeDatetime: string | undefined;
  /** How deep elements nest (pageLimitProblem's measure). */
  maxDepth: number;
  /** `<a href>` elements (pageLimitProblem's measure). */
  links: number;
  /**
   * The page's text outside the elements the article reader always strips (FURNITURE_ELEMENTS: nav,
   * header, footer, aside, scripts, forms...): the body can hold no word that is not in here. Related
   * news headlines in an <aside> name other stories; a page whose only SPO words are there is ordinary.
   */
  textOutsideFurniture: string;
}

/**
 * Elements whose text never reaches an article's body: a subset of what stripFurniture removes
 * (lib/article.ts NEVER_TEXT), by tag name only, so the text outside them holds at least the body's.
 */
export const FURNITURE_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'form', 'button', 'select', 'textarea', 'nav', 'header', 'footer', 'aside', 'dialog']);

/** The last page read and its head: a pure function's memo, one page long (see the top of this file). */
let last: { html: string; head: PageHead } | null = null;

/** The head of a page (remembered for the last page read; callers must not change it). */
export function readPageHead(html: string): PageHead {
  if (last?.html === html) return last.head;
  const head = readHead(html);
  last = { html, head };
  return head;
}

function readHead(html: string): PageHead {
  const all: string[] = [];
  const body: string[] = [];
  const outsideFurniture: string[] = [];
  // Depths of the open furniture elements (text inside any of them is not the body's).
  const furniture: number[] = [];
  const h1: string[] = [];
  const title: string[] = [];
  const metas = new Map<string, string>();
  let timeDatetime: string | undefined;
  let sawH1 = false;
  let sawTitle = false;
  let h1Depth = 0;
  let titleDepth = 0;
  let depth = 0;
  let maxDepth = 0;
  let links = 0;
  // Open <body> elements, each with its depth: `$('body').text()` joins the text of every body element
  // (a body nested in another is counted twice there, and here).
  const bodies: number[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (++depth > maxDepth) maxDepth = depth;
        if (name === 'a' && attribs.href !== undefined) links++;
        if (FURNITURE_ELEMENTS.has(name)) furniture.push(depth);
        if (h1Depth) h1Depth++;
        if (titleDepth) titleDepth++;
        for (let i = 0; i < bodies.length; i++) bodies[i]!++;
        if (name === 'h1' && !sawH1) {
          sawH1 = true;
          h1Depth = 1;
        } else if (name === 'title' && !sawTitle) {
          sawTitle = true;
          titleDepth = 1;
        } else if (name === 'body') {
          bodies.push(1);
        } else if (name === 'meta') {
          const content = attribs.content ?? '';
          for (const k of [attribs.name, attribs.property]) if (k !== undefined && !metas.has(k)) metas.set(k, content);
        } else if (name === 'time' && timeDatetime === undefined && 'datetime' in attribs) timeDatetime = attribs.datetime;
      },
      ontext(data) {
        all.push(data);
        if (!furniture.length) outsideFurniture.push(data);
        for (let i = 0; i < bodies.length; i++) body.push(data);
        if (h1Depth) h1.push(data);
        if (titleDepth) title.push(data);
      },
      onclosetag() {
        if (furniture.at(-1) === depth) furniture.pop();
        depth--;
        if (h1Depth) h1Depth--;
        if (titleDepth) titleDepth--;
        for (let i = bodies.length - 1; i >= 0; i--) if (--bodies[i]! === 0) bodies.splice(i, 1);
      },
    },
    { xmlMode: false, decodeEntities: true },
  );
  parser.end(html);
  const bodyText = body.join('');
  return { h1: sawH1 ? h1.join('') : null, title: sawTitle ? title.join('') : null, text: bodyText || all.join(''), metas, timeDatetime, maxDepth, links, textOutsideFurniture: outsideFurniture.join('') };
}
