// A force on a CMS of its own, neither SOH nor Mynewsdesk: West Yorkshire's site is Drupal by its asset
// paths (`/sites/default/files/YYYY-MM/...`) and answers `/rss.xml` (force-sites.md §4). Everything else
// here is a CHOICE made for the replica (no news page of the real site was seen): the crawler must read
// it without knowing it, so it differs from SOH on every point a scraper could key on.
//  - robots.txt with absolute `Sitemap:` lines and disallowed paths that look like articles (/print/, /node/);
//  - a sitemap index (`/sitemap.xml`) with `<lastmod>` per child: pages, then news by year;
//  - RSS 2.0 at /rss.xml, advertised by `<link rel="alternate">` on every page;
//  - the listing `/news-and-appeals` paged Drupal-style: `?page=N` from 0 (the plain URL is page 0),
//    `<link rel="next">` in the head and a pager whose next link is `rel="next"` with `››` as text;
//  - teasers as `<article class="node--view-mode-teaser">`, tag links (`/news-and-appeals/tags/<tag>`),
//    a search form and links, PDF posters under /sites/default/files/;
//  - articles `/news-and-appeals/<slug>` (no date in the URL): title in `<h1><span>`, body in
//    `<div class="field--name-body">`, the date in JSON-LD `datePublished` and `<time datetime>` with the
//    UK offset (`+01:00` in summer), no `Published:` text.
// The 'redesigned' variant moves to another theme: body in `<section class="story__text">`, no JSON-LD and
// no `<time>`, the date only as visible text ("Posted on 8 May 2025 at 10:15"), a "Load more" pager.

import type { Rel } from './model.ts';
import { pageOf, type RenderCtx } from './render-soh.ts';
import { bodyToHtml, esc, escXml, isoLocal, rfc822, utcFromLocal } from './util.ts';

export const DRUPAL_PAGE_SIZE = 10;
export const DRUPAL_LISTING = '/news-and-appeals';

/** Paths robots.txt disallows; the print pages and /node/N pages are linked from every article. */
export function drupalRobots(base: string): string {
  return [
    '# Drupal robots.txt (replica)',
    'User-agent: *',
    'Crawl-delay: 0',
    'Disallow: /admin/',
    'Disallow: /node/',
    'Disallow: /print/',
    'Disallow: /search',
    'Disallow: /user/',
    'Disallow: /*?sort=',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
}

/** W3C date-time with the UK offset of that moment: `2025-05-08T10:15:00+01:00`. */
export function zoned(localMs: number): string {
  const off = (localMs - utcFromLocal(localMs)) / 3600_000;
  return `${isoLocal(localMs)}:00${off === 0 ? '+00:00' : `+0${off}:00`}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const display = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

const TAGS = ['appeals', 'court-results', 'road-safety', 'missing-people', 'knife-crime', 'stalking-and-harassment'];
const tagOf = (r: Rel): string => (r.kind === 'spo' || r.kind === 'near-miss' ? 'stalking-and-harassment' : TAGS[r.title.length % (TAGS.length - 1)]!);
const poster = (r: Rel): string => `/sites/default/files/${new Date(r.local).toISOString().slice(0, 7)}/${r.slug.slice(0, 40)}-poster.pdf`;

export interface DrupalCtx extends RenderCtx {
  redesigned: boolean;
}

function page(ctx: DrupalCtx, o: { title: string; description: string; canonical: string; head?: string; main: string; ogType?: string }): string {
  const f = ctx.site.force;
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(o.title)} | ${esc(f.name)}</title>
<meta name="description" content="${esc(o.description)}">
<meta property="og:site_name" content="${esc(f.name)}">
<meta property="og:title" content="${esc(o.title)}">
<meta property="og:url" content="${esc(o.canonical)}">
<meta property="og:type" content="${o.ogType ?? 'website'}">
<link rel="canonical" href="${esc(o.canonical)}">
<link rel="alternate" type="application/rss+xml" title="${esc(f.name)} news" href="${ctx.base}/rss.xml">
<link rel="stylesheet" media="all" href="/sites/default/files/css/css_${ctx.token}.css">
${o.head ?? ''}
<script type="application/json" data-drupal-selector="drupal-settings-json">{"path":{"baseUrl":"\\/","currentPath":"${esc(o.canonical.replace(ctx.base, ''))}"},"ajaxPageState":{"libraries":"${ctx.token}"}}</script>
</head>
<body class="path-${ctx.redesigned ? 'story' : 'node'}${ctx.redesigned ? ' theme-wyp-2026' : ''}">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="leave-site"><a href="https://www.bbc.co.uk/weather" class="leave-site__button">Leave site</a></div>
<div id="sliding-popup" class="eu-cookie-compliance-banner" role="dialog"><p>We use cookies on this site to enhance your user experience.</p><button type="button">Accept all cookies</button> <a href="/cookie-policy">Cookie policy</a></div>
<header role="banner" class="site-header">
  <a href="/" rel="home" class="site-logo"><img src="/sites/default/files/wyp-logo.svg" alt="Home"></a>
  <nav role="navigation" aria-labelledby="main-menu" class="main-menu"><h2 id="main-menu" class="visually-hidden">Main navigation</h2><ul>
    <li><a href="/report-it">Report it</a></li>
    <li><a href="/advice-and-support">Advice and support</a></li>
    <li><a href="${DRUPAL_LISTING}">News and appeals</a></li>
    <li><a href="/your-area">Your area</a></li>
    <li><a href="/about-us">About us</a></li>
  </ul></nav>
  <form action="/search" method="get" class="search-block-form"><input type="search" name="keys" aria-label="Search"><input type="submit" value="Search"></form>
</header>
<main role="main"><a id="main-content" tabindex="-1"></a>
${o.main}
</main>
<footer role="contentinfo" class="site-footer"><ul>
  <li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy-notice">Privacy notice</a></li><li><a href="/sitemap">Site map</a></li>
  <li><a href="/rss.xml">RSS</a></li><li><a href="/user/login">Log in</a></li>
</ul><p>© ${esc(f.name)}</p></footer>
<script src="/core/misc/drupal.js?v=${ctx.token}"></script>
</body>
</html>
`;
}

function teaser(ctx: DrupalCtx, r: Rel): string {
  if (ctx.redesigned)
    return `<div class="story-card"><a class="story-card__link" href="${esc(r.path)}"><span class="story-card__title">${esc(r.title)}</span></a><span class="story-card__date">${display(r.local)}</span><p>${esc(r.description)}</p></div>`;
  return `<article role="article" class="node node--type-news-release node--view-mode-teaser">
  <h2 class="node__title"><a href="${esc(r.path)}" rel="bookmark"><span>${esc(r.title)}</span></a></h2>
  <div class="node__meta"><time datetime="${zoned(r.local)}">${display(r.local)}</time> · <a href="${DRUPAL_LISTING}/tags/${tagOf(r)}" hreflang="en">${tagOf(r).replace(/-/g, ' ')}</a></div>
  <div class="field field--name-body field--type-text-with-summary"><p>${esc(r.description)}</p></div>
  <a href="${esc(r.path)}" class="read-more" hreflang="en">Read more<span class="visually-hidden"> about ${esc(r.title)}</span></a>
</article>`;
}

/** `/news-and-appeals?page=N`, N from 0 (the plain URL is page 0). */
export function drupalListing(ctx: DrupalCtx, page0: number): string {
  const f = ctx.site.force;
  const all = ctx.site.live();
  const { items, pages } = pageOf(all, page0 + 1, DRUPAL_PAGE_SIZE);
  const url = (n: number): string => `${DRUPAL_LISTING}?page=${n}`;
  const hasNext = page0 + 1 < pages;
  let pager = '';
  if (ctx.redesigned) pager = hasNext ? `<div class="load-more"><a class="button" href="${url(page0 + 1)}">Load more stories</a></div>` : '';
  else if (pages > 1) {
    const li: string[] = [];
    if (page0 > 0) li.push(`<li class="pager__item pager__item--first"><a href="${url(0)}" title="Go to first page"><span aria-hidden="true">«</span></a></li>`, `<li class="pager__item pager__item--previous"><a href="${url(page0 - 1)}" title="Go to previous page" rel="prev"><span aria-hidden="true">‹‹</span></a></li>`);
    for (let n = Math.max(0, page0 - 4); n <= Math.min(pages - 1, page0 + 4); n++) li.push(n === page0 ? `<li class="pager__item is-active">${n + 1}</li>` : `<li class="pager__item"><a href="${url(n)}" title="Go to page ${n + 1}">${n + 1}</a></li>`);
    if (hasNext) li.push(`<li class="pager__item pager__item--next"><a href="${url(page0 + 1)}" title="Go to next page" rel="next"><span class="visually-hidden">Next page</span><span aria-hidden="true">››</span></a></li>`, `<li class="pager__item pager__item--last"><a href="${url(pages - 1)}" title="Go to last page"><span aria-hidden="true">»</span></a></li>`);
    pager = `<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" class="visually-hidden">Pagination</h4><ul class="pager__items js-pager__items">${li.join('')}</ul></nav>`;
  }
  const main = `<h1 class="page-title">News and appeals</h1>
<div class="view-filters"><a href="${DRUPAL_LISTING}?sort=oldest">Oldest first</a> <a href="/search?keys=stalking">Search news</a></div>
<div class="view-content">
${items.map((r) => teaser(ctx, r)).join('\n')}
</div>
${pager}`;
  const head = hasNext && !ctx.redesigned ? `<link rel="next" href="${url(page0 + 1)}">` : '';
  return page(ctx, { title: 'News and appeals', description: `The latest news and appeals from ${f.name}`, canonical: `${ctx.base}${DRUPAL_LISTING}${page0 ? `?page=${page0}` : ''}`, head, main });
}

export function drupalArticle(ctx: DrupalCtx, r: Rel): string {
  const f = ctx.site.force;
  const live = ctx.site.live();
  const idx = live.indexOf(r);
  const related = [live[idx + 1], live[idx - 1]].filter((x): x is Rel => !!x);
  const canonical = `${ctx.base}${r.path}`;
  const nodeId = 10_000 + (r.id6 % 90_000);
  if (ctx.redesigned) {
    const main = `<div class="story">
  <div class="story__header"><h1 class="story__title">${esc(r.title)}</h1><p class="story__byline">Posted on ${display(r.local)} at ${clock(r.local)}</p></div>
  <section class="story__text">
${bodyToHtml(r.body)}
  </section>
  <ul class="story__actions"><li><a href="/print${esc(r.path)}">Print</a></li><li><a href="${DRUPAL_LISTING}/tags/${tagOf(r)}">More on ${tagOf(r).replace(/-/g, ' ')}</a></li></ul>
</div>
<div class="more-stories"><h2>More stories</h2>${related.map((x) => `<a href="${esc(x.path)}">${esc(x.title)}</a>`).join(' ')}</div>`;
    return page(ctx, { title: r.title, description: r.description, canonical, main, ogType: 'article' });
  }
  const ld = { '@context': 'https://schema.org', '@graph': [{ '@type': 'NewsArticle', headline: r.title, datePublished: zoned(r.local), dateModified: zoned(r.modified ?? r.local), publisher: { '@type': 'GovernmentOrganization', name: f.name } }] };
  const head = `<meta property="article:published_time" content="${zoned(r.local)}">\n<script type="application/ld+json">${JSON.stringify(ld)}</script>`;
  const main = `<div class="region region--content">
<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="${DRUPAL_LISTING}">News and appeals</a></li></ol></nav>
<article role="article" class="node node--type-news-release node--view-mode-full">
  <h1 class="page-title"><span class="field field--name-title">${esc(r.title)}</span></h1>
  <div class="node__meta"><span class="field field--name-field-published"><time datetime="${zoned(r.local)}">${display(r.local)} ${clock(r.local)}</time></span>
    <div class="field field--name-field-tags"><a href="${DRUPAL_LISTING}/tags/${tagOf(r)}" hreflang="en">${tagOf(r).replace(/-/g, ' ')}</a></div></div>
  <div class="node__content">
    <div class="clearfix text-formatted field field--name-body field--type-text-with-summary field__item">
${bodyToHtml(r.body)}
    </div>
    <div class="field field--name-field-attachments"><a href="${poster(r)}" type="application/pdf">Appeal poster (PDF, 120 KB)</a></div>
  </div>
  <ul class="links inline"><li><a href="/print${esc(r.path)}" rel="nofollow">Printer-friendly version</a></li><li><a href="/node/${nodeId}" rel="shortlink">Short link</a></li></ul>
</article>
</div>
<aside class="region region--sidebar"><h2>Latest news</h2><ul>${related.map((x) => `<li><a href="${esc(x.path)}">${esc(x.title)}</a></li>`).join('')}</ul>
<h2>Share</h2><ul><li><a href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(canonical)}">Facebook</a></li><li><a href="https://twitter.com/intent/tweet?url=${encodeURIComponent(canonical)}">X</a></li></ul></aside>`;
  return page(ctx, { title: r.title, description: r.description, canonical, head, main, ogType: 'article' });
}

/** A tag page: a short listing of teasers (never an article). */
export function drupalTag(ctx: DrupalCtx, tag: string): string {
  const items = ctx.site.live().filter((r) => tagOf(r) === tag).slice(0, 10);
  return page(ctx, { title: tag.replace(/-/g, ' '), description: `News tagged ${tag}`, canonical: `${ctx.base}${DRUPAL_LISTING}/tags/${tag}`, main: `<h1 class="page-title">${esc(tag.replace(/-/g, ' '))}</h1>\n<div class="view-content">${items.map((r) => teaser(ctx, r)).join('\n')}</div>` });
}

export function drupalStatic(ctx: DrupalCtx, path: string): string {
  const title = path.split('/').filter(Boolean).pop()!.replace(/-/g, ' ');
  const t = title[0]!.toUpperCase() + title.slice(1);
  return page(ctx, { title: t, description: t, canonical: ctx.base + path, main: `<h1 class="page-title">${esc(t)}</h1><p>Information about ${esc(title)} from ${esc(ctx.site.force.name)}. If you need to report a crime, call 101 or report it online; in an emergency always call 999.</p>` });
}

export function drupalHome(ctx: DrupalCtx): string {
  const latest = ctx.site.live().slice(0, 4);
  return page(ctx, { title: 'Home', description: ctx.site.force.name, canonical: `${ctx.base}/`, main: `<h1 class="visually-hidden">${esc(ctx.site.force.name)}</h1><section class="latest"><h2>Latest news and appeals</h2>${latest.map((r) => teaser(ctx, r)).join('\n')}<p><a href="${DRUPAL_LISTING}">All news and appeals</a></p></section>` });
}

export function drupalNotFound(ctx: DrupalCtx): string {
  return page(ctx, { title: 'Page not found', description: 'Page not found', canonical: `${ctx.base}/404`, main: '<h1 class="page-title">Page not found</h1><p>The requested page could not be found.</p>' });
}

/** Static pages listed in the pages sitemap (not news). */
export const DRUPAL_STATIC = ['/report-it', '/advice-and-support', '/advice-and-support/stalking-and-harassment', '/your-area', '/your-area/leeds-district', '/about-us', '/about-us/freedom-of-information', '/accessibility', '/privacy-notice'];

const years = (ctx: DrupalCtx): number[] => [...new Set(ctx.site.live().map((r) => new Date(r.local).getUTCFullYear()))].sort((a, b) => b - a);
const lastmodOf = (r: Rel): number => r.modified ?? r.local;

/** `/sitemap.xml`: an index of the pages sitemap and one news sitemap per year, each with its `<lastmod>`. */
export function drupalSitemapIndex(ctx: DrupalCtx): string {
  const live = ctx.site.live();
  const entries = [
    { loc: `${ctx.base}/sitemaps/pages.xml`, lastmod: zoned(Date.UTC(2024, 2, 1, 9, 0)) },
    ...years(ctx).map((y) => {
      const newest = Math.max(...live.filter((r) => new Date(r.local).getUTCFullYear() === y).map(lastmodOf));
      return { loc: `${ctx.base}/sitemaps/news-${y}.xml`, lastmod: zoned(newest) };
    }),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `  <sitemap><loc>${escXml(e.loc)}</loc><lastmod>${e.lastmod}</lastmod></sitemap>`).join('\n')}
</sitemapindex>
`;
}

/** A child sitemap: `pages` or `news-YYYY`; null when there is no such sitemap. */
export function drupalSitemap(ctx: DrupalCtx, name: string): string | null {
  let urls: { loc: string; lastmod: string }[];
  if (name === 'pages') {
    const at = zoned(Date.UTC(2024, 2, 1, 9, 0));
    urls = [{ loc: `${ctx.base}/`, lastmod: at }, { loc: `${ctx.base}${DRUPAL_LISTING}`, lastmod: at }, ...DRUPAL_STATIC.map((p) => ({ loc: ctx.base + p, lastmod: at })), ...TAGS.map((t) => ({ loc: `${ctx.base}${DRUPAL_LISTING}/tags/${t}`, lastmod: at }))];
  } else {
    const m = name.match(/^news-(\d{4})$/);
    if (!m) return null;
    urls = ctx.site.live().filter((r) => new Date(r.local).getUTCFullYear() === +m[1]!).map((r) => ({ loc: ctx.base + r.path, lastmod: zoned(lastmodOf(r)) }));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `  <url><loc>${escXml(u.loc)}</loc><lastmod>${u.lastmod}</lastmod><changefreq>monthly</changefreq></url>`).join('\n')}
</urlset>
`;
}

/** `/rss.xml`: the newest 10 (Drupal's default feed length). */
export function drupalRss(ctx: DrupalCtx): string {
  const f = ctx.site.force;
  const items = ctx.site.live().slice(0, 10);
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xml:base="${escXml(ctx.base)}/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${escXml(f.name)}</title>
<link>${escXml(ctx.base)}/</link>
<description>News and appeals</description>
<language>en</language>
${items.map((r) => `<item>
<title>${escXml(r.title)}</title>
<link>${escXml(ctx.base + r.path)}</link>
<description>${escXml(`<p>${esc(r.description)}</p>`)}</description>
<pubDate>${rfc822(r.local)}</pubDate>
<dc:creator>Corporate Communications</dc:creator>
<guid isPermaLink="false">${10_000 + (r.id6 % 90_000)} at ${escXml(ctx.base)}</guid>
</item>`).join('\n')}
</channel>
</rss>
`;
}
