// Lancashire Constabulary's own CMS: "Our Latest News" /news/?page=N, monthly archives /news/YYYY/<month>/,
// yearly /news/YYYY/, cards with "News Image", title, `Thursday, May 8, 2025` and a teaser (notes §4).
// The article URL shape /news/YYYY/<month>/<slug>/ is UNCONFIRMED (chosen for the replica).

import { MONTHS } from './forces.ts';
import type { Rel } from './model.ts';
import { pageOf, type RenderCtx } from './render-soh.ts';
import { bodyToHtml, esc, longUsDate } from './util.ts';

export const LANCS_PAGE_SIZE = 12;
export const LANCS_ROBOTS = `User-agent: *\nDisallow: /umbraco/\nDisallow: /search/\nSitemap: /sitemap.xml\n`;

function page(ctx: RenderCtx, o: { title: string; description: string; canonical: string; ogImage?: string; ogType?: string; main: string; crumbs: [string, string | null][] }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} - Lancashire Constabulary</title>
<meta name="description" content="${esc(o.description)}">
<meta property="og:title" content="${esc(o.title)}">
<meta property="og:description" content="${esc(o.description)}">
<meta property="og:url" content="${esc(o.canonical)}">
<meta property="og:image" content="${esc(o.ogImage ?? `${ctx.base}/media/lancashire-police-og.png`)}">
<meta property="og:type" content="${o.ogType ?? 'website'}">
<link rel="canonical" href="${esc(o.canonical)}">
<link rel="stylesheet" href="/css/site.min.css?v=${ctx.token}">
<script>var lancsSite = { pageId: "${ctx.token}", generated: "${ctx.renderedAt}" };</script>
</head>
<body>
<noscript><p>Some features of this site need JavaScript.</p></noscript>
<div id="cookie-notice" class="cookie-notice"><p>We use cookies to make this website work and to understand how it is used.</p><a href="/cookies/">Cookie settings</a> <button type="button">Accept all cookies</button></div>
<a href="https://www.google.co.uk" class="hide-site" title="Leave this site quickly">Hide this site</a>
<header class="header">
  <a href="/" class="header__logo"><img src="/media/lancashire-constabulary-logo.svg" alt="Lancashire Constabulary"></a>
  <nav class="header__nav"><ul>
    <li><a href="/report-it/">Report it</a></li>
    <li><a href="/help-and-advice/">Help and advice</a></li>
    <li><a href="/news/">News</a></li>
    <li><a href="/contact-us/">Contact us</a></li>
  </ul></nav>
</header>
<div class="breadcrumbs"><ul>${o.crumbs.map(([l, h]) => (h ? `<li><a href="${esc(h)}">${esc(l)}</a></li>` : `<li class="active">${esc(l)}</li>`)).join('')}</ul></div>
<main id="content" class="content">
${o.main}
</main>
<footer class="footer">
  <ul><li><a href="/accessibility/">Accessibility</a></li><li><a href="/privacy/">Privacy</a></li><li><a href="/freedom-of-information/">Freedom of information</a></li></ul>
  <p>© Lancashire Constabulary ${new Date().getUTCFullYear()}</p>
</footer>
</body>
</html>
`;
}

/** Older archive pages (2022 and before) write `September 02, 2022` (notes §4). */
function oldArchiveDate(localMs: number): string {
  const d = new Date(localMs);
  const m = MONTHS[d.getUTCMonth()]!;
  return `${m[0]!.toUpperCase()}${m.slice(1)} ${String(d.getUTCDate()).padStart(2, '0')}, ${d.getUTCFullYear()}`;
}

function card(r: Rel, archiveStyle = false): string {
  return `  <div class="news-card">
    <a href="${esc(r.path)}" class="news-card__image"><img src="${esc(r.image)}" alt="News Image"></a>
    <div class="news-card__body">
      <h2 class="news-card__title"><a href="${esc(r.path)}">${esc(r.title)}</a></h2>
      <p class="news-card__date">${archiveStyle ? oldArchiveDate(r.local) : longUsDate(r.local)}</p>
      <p class="news-card__teaser">${esc(r.description)}</p>
    </div>
  </div>`;
}

function pager(pageNo: number, pages: number, base: string): string {
  if (pages <= 1) return '';
  const links: string[] = [];
  if (pageNo > 1) links.push(`<li class="pager__prev"><a href="${base}?page=${pageNo - 1}">Previous</a></li>`);
  for (let n = Math.max(1, pageNo - 3); n <= Math.min(pages, pageNo + 3); n++) links.push(n === pageNo ? `<li class="pager__current"><span>${n}</span></li>` : `<li><a href="${base}?page=${n}">${n}</a></li>`);
  if (pageNo < pages) links.push(`<li class="pager__next"><a href="${base}?page=${pageNo + 1}">Next</a></li>`);
  return `<nav class="pager"><ul>${links.join('')}</ul></nav>`;
}

/** `/news/?page=N`, `/news/YYYY/` and `/news/YYYY/<month>/`. */
export function lancsListing(ctx: RenderCtx, pageNo: number, filter?: { year: number; month?: number }): string {
  let all = ctx.site.live();
  let base = '/news/';
  let heading = 'Our Latest News';
  if (filter) {
    all = all.filter((r) => {
      const d = new Date(r.local);
      return d.getUTCFullYear() === filter.year && (filter.month === undefined || d.getUTCMonth() === filter.month);
    });
    base = filter.month === undefined ? `/news/${filter.year}/` : `/news/${filter.year}/${MONTHS[filter.month]}/`;
    heading = filter.month === undefined ? `News from ${filter.year}` : `News from ${MONTHS[filter.month]![0]!.toUpperCase()}${MONTHS[filter.month]!.slice(1)} ${filter.year}`;
  }
  const { items, pages } = pageOf(all, pageNo, LANCS_PAGE_SIZE);
  const years = [...new Set(ctx.site.live().map((r) => new Date(r.local).getUTCFullYear()))];
  const main = `<h1 class="page-title">${esc(heading)}</h1>
<div class="news-list">
${items.map((r) => card(r, !!filter && filter.year <= 2022)).join('\n')}
</div>
${pager(pageNo, pages, base)}
<aside class="news-archive"><h2>News archive</h2><ul>${years.map((y) => `<li><a href="/news/${y}/">${y}</a></li>`).join('')}</ul></aside>`;
  return page(ctx, { title: heading, description: 'The latest news from Lancashire Constabulary', canonical: `${ctx.base}${base}${pageNo > 1 ? `?page=${pageNo}` : ''}`, main, crumbs: [['Home', '/'], ['News', filter ? '/news/' : null], ...(filter ? [[heading, null] as [string, null]] : [])] });
}

export function lancsArticle(ctx: RenderCtx, r: Rel): string {
  const main = `<article class="news-article">
  <h1 class="news-article__title">${esc(r.title)}</h1>
  <p class="news-article__date">${longUsDate(r.local)}</p>
  <img class="news-article__image" src="${esc(r.image)}" alt="News Image">
  <div class="news-article__content">
${bodyToHtml(r.body)}
  </div>
  <div class="news-article__share"><p>Share this article</p><a href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(ctx.base + r.path)}">Facebook</a> <a href="https://twitter.com/intent/tweet?url=${encodeURIComponent(ctx.base + r.path)}">X</a></div>
</article>`;
  return page(ctx, { title: r.title, description: r.description, canonical: ctx.base + r.path, ogImage: ctx.base + r.image, ogType: 'article', main, crumbs: [['Home', '/'], ['News', '/news/'], [r.title, null]] });
}

export function lancsNotFound(ctx: RenderCtx): string {
  return page(ctx, { title: 'Page not found', description: 'Page not found', canonical: `${ctx.base}/404/`, main: '<h1>Page not found</h1>', crumbs: [['Home', '/'], ['Page not found', null]] });
}

export function lancsHome(ctx: RenderCtx): string {
  const latest = ctx.site.live().slice(0, 4);
  return page(ctx, { title: 'Lancashire Constabulary', description: 'Lancashire Constabulary', canonical: `${ctx.base}/`, main: `<h1>Lancashire Constabulary</h1><section><h2>Latest news</h2>\n${latest.map((r) => card(r)).join('\n')}\n<a href="/news/">More news</a></section>`, crumbs: [['Home', null]] });
}
