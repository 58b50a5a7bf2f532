// Single Online Home (SOH) pages: the furniture, listing, news search, article, RSS, robots, sitemap.
// Facts from ../shared/notes/force-sites.md §3; class names are believable guesses (the real ones are unknown).

import type { ReplicaSite, Rel } from './model.ts';
import { bodyToHtml, esc, escXml, isoLocal, rfc822, sohDate, utcFromLocal } from './util.ts';

export interface RenderCtx {
  site: ReplicaSite;
  /** Origin written into absolute URLs (og:url, RSS, sitemap). */
  base: string;
  /** Per-request token (changes on every request unless the replica runs with stable tokens). */
  token: string;
  renderedAt: string;
  /**
   * The 'redesigned' variant (issue 14): the site moved to a new theme. SOH pages then show no
   * `Published:` text (listing: a written date; article: the date in JSON-LD only) and no `<h1>` on
   * articles: the SOH scraper still finds the items but no longer the article's date.
   */
  redesigned?: boolean;
}

export const SOH_PAGE_SIZE = 10;

/** The GMP robots.txt from the notes, byte for byte (CRLF, lower-case user-agent, relative Sitemap). */
export const SOH_ROBOTS =
  ['user-agent: *', 'Disallow: /*/mediacentre', 'Disallow: /*/?u=media', 'Disallow: /*/GetPdf/?', 'Disallow: /*/GetPaginatedResults/?', 'Disallow: /*.aspx$', 'Disallow: /500.html', 'Disallow: /api/*', 'Sitemap: /sitemap.xml'].join('\r\n') + '\r\n';

const imgQuery = (w: number, h: number): string => `?crop=(0,0,${w * 2},${h * 2})&w=${w}&h=${h}&scale=both&mode=max`;

function forceSeg(ctx: RenderCtx): string {
  return ctx.site.force.sohSlug ?? ctx.site.force.id;
}

export function sohPage(ctx: RenderCtx, o: { title: string; description?: string; canonical: string; ogImage?: string; breadcrumb: [string, string | null][]; main: string; ogType?: string }): string {
  const f = ctx.site.force;
  const seg = forceSeg(ctx);
  const crest = `/SysSiteAssets/media/images/brand/${seg}/crest/${seg}-logo.png`;
  const ogImage = o.ogImage ?? `${ctx.base}/SysSiteAssets/media/images/brand/${seg}/open-graph/open-graph-default.jpg?crop=(15,0,585,300)&w=600&h=300&scale=both`;
  const desc = o.description ?? `The latest news from ${f.name}.`;
  return `<!DOCTYPE html>
<html lang="en-GB" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} | ${esc(f.name)}</title>
<meta name="description" content="${esc(desc)}">
<meta property="og:title" content="${esc(o.title)}">
<meta property="og:description" content="${esc(desc)}">
<meta property="og:url" content="${esc(o.canonical)}">
<meta property="og:image" content="${esc(ogImage)}">
<meta property="og:type" content="${o.ogType ?? 'website'}">
<meta property="og:locale" content="en_GB">
<meta property="og:site_name" content="${esc(f.name)}">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="${esc(o.canonical)}">
<link rel="stylesheet" href="/dist/css/main.css?v=${ctx.token}">
<link rel="icon" href="/SysSiteAssets/media/images/brand/${seg}/favicon.ico">
<script>document.documentElement.className=document.documentElement.className.replace('no-js','js');window.dataLayer=window.dataLayer||[];window.sohConfig={"force":"${f.id}","requestId":"${ctx.token}","renderedAt":"${ctx.renderedAt}","cookieConsent":null};</script>
</head>
<body class="force-${seg} theme-default">
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-${ctx.token.slice(0, 6).toUpperCase()}" height="0" width="0" style="display:none;visibility:hidden" title="Google Tag Manager"></iframe></noscript>
<a class="skip-link" href="#main-content">Skip to main content</a>
<div class="cookie-banner" role="region" aria-label="Cookies on ${esc(f.name)}" data-cookie-banner>
  <div class="cookie-banner__message">
    <h2 class="cookie-banner__heading">Cookies on this site</h2>
    <p>We use some essential cookies to make our website work. We'd like to set additional cookies to understand how you use the site and improve our services.</p>
    <button type="button" class="btn btn--primary" data-accept-cookies>Accept additional cookies</button>
    <button type="button" class="btn btn--primary" data-reject-cookies>Reject additional cookies</button>
    <a href="/cookies/" class="cookie-banner__link">Customise Cookies</a>
  </div>
  <div class="cookie-banner__confirmation" hidden><p>Your cookie preferences have been saved. You can change your cookie settings at any time.</p></div>
  <div class="cookie-banner__error" hidden><p>Sorry, there was a technical problem. Please try again.</p></div>
</div>
<div class="quick-exit">
  <p class="quick-exit__text">Quickly exit this site by pressing the Escape key</p>
  <a class="quick-exit__button" href="https://www.bbc.co.uk/weather" rel="nofollow noopener">Leave this site</a>
</div>
<div class="phase-banner"><p><strong class="tag">Beta</strong> This site is a beta, which means it's a work in progress. <a href="/feedback/">Your feedback</a> will help us improve it.</p></div>
<header class="site-header" role="banner">
  <div class="site-header__inner">
    <a href="/" class="site-header__logo"><img src="${crest}" alt="${esc(f.name)} - home"></a>
    <form class="site-search" action="/search/" method="get" role="search"><label for="site-search-q" class="visually-hidden">Search</label><input id="site-search-q" name="q" type="search"><button type="submit">Search</button></form>
  </div>
  <nav class="site-nav" aria-label="Main navigation">
    <ul class="site-nav__list">
      <li><a href="/report/">Report</a></li>
      <li><a href="/advice/">Advice</a></li>
      <li><a href="/police-forces/${seg}/areas/">Your area</a></li>
      <li><a href="${f.listingPath}">News</a></li>
      <li><a href="/news/${seg}/mediacentre/">Media centre</a></li>
      <li><a href="/contact/af/contact-us/">Contact us</a></li>
    </ul>
  </nav>${['north-wales', 'south-wales', 'gwent', 'dyfed-powys'].includes(f.id) ? `
  <nav class="language-toggle" aria-label="Language"><a href="/cy-GB${esc(o.canonical.replace(/^https?:\/\/[^/]+/, ''))}" lang="cy" hreflang="cy">Cymraeg</a></nav>` : ''}
</header>
<nav class="breadcrumb" aria-label="Breadcrumb">
  <ol class="breadcrumb__list">
${o.breadcrumb.map(([label, href]) => (href ? `    <li class="breadcrumb__item"><a href="${esc(href)}">${esc(label)}</a></li>` : `    <li class="breadcrumb__item" aria-current="page">${esc(label)}</li>`)).join('\n')}
  </ol>
</nav>
<main id="main-content" class="main-content" role="main">
<input name="__RequestVerificationToken" type="hidden" value="${ctx.token}">
${o.main}
</main>
<footer class="site-footer" role="contentinfo">
  <div class="site-footer__feedback"><a href="/contact/af/contact-us/website-feedback/">Is there a problem with this page?</a></div>
  <ul class="site-footer__links">
    <li><a href="/accessibility.aspx">Accessibility</a></li>
    <li><a href="/hyperlink/privacy-notice/">Privacy notice</a></li>
    <li><a href="/cookies/">Cookies</a></li>
    <li><a href="/foi-ai/${esc(f.id)}/">Freedom of information</a></li>
    <li><a href="/sitemap.xml">Sitemap</a></li>
  </ul>
  <p class="site-footer__copyright">© ${esc(f.name)} ${new Date().getUTCFullYear()}</p>
</footer>
<script src="/dist/js/main.js?v=${ctx.token}" defer></script>
<script>window.sohConfig.pageRendered=${JSON.stringify(ctx.renderedAt)};</script>
</body>
</html>
`;
}

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const writtenDate = (ms: number): string => `${new Date(ms).getUTCDate()} ${LONG_MONTHS[new Date(ms).getUTCMonth()]} ${new Date(ms).getUTCFullYear()}`;

function listingItem(ctx: RenderCtx, r: Rel): string {
  if (ctx.redesigned)
    return `  <li class="card card--news"><a class="card__link" href="${esc(r.path)}"><span class="card__title">${esc(r.title)}</span></a><span class="card__date">${writtenDate(r.local)}</span><p class="card__text">${esc(r.description)}</p></li>`;
  return `  <li class="news-listing__item">
    <a class="news-listing__image" href="${esc(r.path)}" tabindex="-1" aria-hidden="true"><img src="${esc(r.image + imgQuery(400, 225))}" alt="" loading="lazy"></a>
    <div class="news-listing__content">
      <h3 class="news-listing__title"><a href="${esc(r.path)}">${esc(r.title)}</a></h3>
      <p class="news-listing__summary">${esc(r.description)}</p>
      <p class="news-listing__meta"><span class="news-listing__date">Published: ${sohDate(r.local)}</span></p>
    </div>
  </li>`;
}

function pagination(page: number, pages: number, href: (n: number) => string): string {
  if (pages <= 1) return '';
  const items: string[] = [];
  if (page > 1) items.push(`<li class="pagination__item pagination__item--prev"><a href="${esc(href(page - 1))}" rel="prev">Previous</a></li>`);
  const nums = new Set<number>([1, pages]);
  for (let n = Math.max(1, page - 2); n <= Math.min(pages, page + 2); n++) nums.add(n);
  let last = 0;
  for (const n of [...nums].sort((a, b) => a - b)) {
    if (n - last > 1) items.push('<li class="pagination__item pagination__item--ellipsis">&hellip;</li>');
    items.push(n === page ? `<li class="pagination__item pagination__item--current" aria-current="page"><span>${n}</span></li>` : `<li class="pagination__item"><a href="${esc(href(n))}">${n}</a></li>`);
    last = n;
  }
  if (page < pages) items.push(`<li class="pagination__item pagination__item--next"><a href="${esc(href(page + 1))}" rel="next">Next</a></li>`);
  return `<nav class="pagination" aria-label="Pagination"><ul class="pagination__list">\n${items.join('\n')}\n</ul></nav>`;
}

export function pageOf<T>(xs: T[], page: number, size: number): { items: T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(xs.length / size));
  return { items: xs.slice((page - 1) * size, page * size), pages };
}

/** Force listing `/news/{slug}/news/?page=N` (Kent `/news/kent/latest/`). */
export function sohListing(ctx: RenderCtx, page: number): string {
  const f = ctx.site.force;
  const all = ctx.site.live();
  const { items, pages } = pageOf(all, page, SOH_PAGE_SIZE);
  const heading = f.id === 'kent' ? 'Latest news' : 'News';
  const from = (page - 1) * SOH_PAGE_SIZE + 1;
  const main = `<div class="page-header"><h1 class="page-header__title">${heading}</h1></div>
<div class="news-filter"><ul class="news-filter__tabs"><li><a href="${f.listingPath}?newsCategory=News">News</a></li><li><a href="${f.listingPath}?newsCategory=Press+releases">Press releases</a></li><li><a href="${f.listingPath}?newsCategory=Most+Wanted">Most wanted</a></li></ul></div>
${items.length ? `<p class="results-summary">Showing ${from} to ${from + items.length - 1} of ${all.length} results</p>\n<ul class="news-listing">\n${items.map((r) => listingItem(ctx, r)).join('\n')}\n</ul>` : '<p class="results-summary">There are no news items to show.</p>'}
${pagination(page, pages, (n) => `${f.listingPath}?page=${n}`)}
<p class="news-rss"><a href="/news/${forceSeg(ctx)}/news/GetNewsRss/">RSS feed</a></p>`;
  return sohPage(ctx, { title: heading, canonical: `${ctx.base}${f.listingPath}${page > 1 ? `?page=${page}` : ''}`, breadcrumb: [['Home', '/'], ['News', null]], main });
}

function searchFilter(all: Rel[], q: string, ct: string): Rel[] {
  let xs = all;
  if (q) {
    const needle = q.toLowerCase();
    xs = xs.filter((r) => r.title.toLowerCase().includes(needle) || r.body.toLowerCase().includes(needle));
  }
  if (ct === 'Appeals') xs = xs.filter((r) => /appeal|witness|missing|cctv/i.test(r.title));
  return xs;
}

/** `/news/news-search/?ct=News&fdte=&page=N&tdte=` (and `q`). */
export function sohNewsSearch(ctx: RenderCtx, params: URLSearchParams): string {
  const page = pageParam(params);
  const q = params.get('q') ?? '';
  const ct = params.get('ct') ?? 'News';
  const all = searchFilter(ctx.site.live(), q, ct);
  const { items, pages } = pageOf(all, page, SOH_PAGE_SIZE);
  const qs = (n: number): string => `/news/news-search/?${new URLSearchParams({ ...(q ? { q } : {}), ct, fdte: '', page: String(n), tdte: '' }).toString()}`;
  const main = `<div class="page-header"><h1 class="page-header__title">News search</h1></div>
<form class="news-search" action="/news/news-search/" method="get">
  <label for="ns-q">Search news</label><input id="ns-q" name="q" type="text" value="${esc(q)}">
  <label for="ns-ct">Type</label><select id="ns-ct" name="ct">${['News', 'Appeals', 'Updates', 'Policing news', 'Most Wanted'].map((x) => `<option${x === ct ? ' selected' : ''}>${x}</option>`).join('')}</select>
  <label for="ns-fdte">From</label><input id="ns-fdte" name="fdte" type="date" value="">
  <label for="ns-tdte">To</label><input id="ns-tdte" name="tdte" type="date" value="">
  <button type="submit">Search</button>
</form>
<p class="results-summary">${all.length} results</p>
<ul class="news-listing" data-load-more-target>
${items.map((r) => listingItem(ctx, r)).join('\n')}
</ul>
${page < pages ? `<div class="load-more"><a class="load-more__button js-load-more" href="/news/news-search/GetPaginatedResults/?${new URLSearchParams({ q, ct, page: String(page + 1) }).toString()}">Load more</a></div>` : ''}
${pagination(page, pages, qs)}`;
  return sohPage(ctx, { title: 'News search', canonical: `${ctx.base}${qs(page)}`, breadcrumb: [['Home', '/'], ['News', ctx.site.force.listingPath], ['News search', null]], main });
}

/** The "Load more" endpoint (disallowed by robots.txt): an HTML fragment of listing items. */
export function sohPaginatedResults(ctx: RenderCtx, params: URLSearchParams): string {
  const page = pageParam(params);
  const all = searchFilter(ctx.site.live(), params.get('q') ?? '', params.get('ct') ?? 'News');
  const { items } = pageOf(all, page, SOH_PAGE_SIZE);
  return items.map((r) => listingItem(ctx, r)).join('\n') + '\n';
}

export function pageParam(params: URLSearchParams): number {
  const n = Number.parseInt(params.get('page') ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

export function sohArticle(ctx: RenderCtx, r: Rel): string {
  const f = ctx.site.force;
  const live = ctx.site.live();
  const idx = live.indexOf(r);
  const related = [live[idx + 1], live[idx + 2], live[idx - 1]].filter((x): x is Rel => !!x).slice(0, 3);
  const canonical = `${ctx.base}${r.path}`;
  const enc = encodeURIComponent(canonical);
  const main = `<article class="article" id="article">
  ${ctx.redesigned ? `<div class="article-hero"><div class="article-hero__title">${esc(r.title)}</div></div>
  <script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: r.title, datePublished: `${isoLocal(r.local)}:00${r.local !== utcFromLocal(r.local) ? '+01:00' : '+00:00'}` })}</script>` : `<header class="article__header">
    <h1 class="article__title">${esc(r.title)}</h1>
    <p class="article__meta"><span class="article__published">Published: ${sohDate(r.local)}</span>${r.modified ? ` <span class="article__updated">Updated: ${sohDate(r.modified)}</span>` : ''}</p>
  </header>`}
  <figure class="article__image"><img src="${esc(r.image + imgQuery(1024, 576))}" alt=""></figure>
  <div class="article__body rich-text">
${bodyToHtml(r.body)}
  </div>
  <aside class="share" aria-labelledby="share-heading">
    <h2 id="share-heading" class="share__heading">Share this page</h2>
    <ul class="share__list">
      <li><a href="https://www.facebook.com/sharer/sharer.php?u=${enc}" rel="noopener" target="_blank">Facebook</a></li>
      <li><a href="https://twitter.com/intent/tweet?url=${enc}" rel="noopener" target="_blank">X (Twitter)</a></li>
      <li><a href="https://www.linkedin.com/sharing/share-offsite/?url=${enc}" rel="noopener" target="_blank">LinkedIn</a></li>
      <li><a href="mailto:?subject=${encodeURIComponent(r.title)}&amp;body=${enc}">Email</a></li>
    </ul>
  </aside>
</article>
${related.length ? `<aside class="related-news"><h2>Related news</h2><ul>\n${related.map((x) => `<li><a href="${esc(x.path)}">${esc(x.title)}</a></li>`).join('\n')}\n</ul></aside>` : ''}`;
  return sohPage(ctx, {
    title: r.title,
    description: r.description,
    canonical,
    ogImage: `${ctx.base}${r.image}${imgQuery(600, 300)}`,
    breadcrumb: [['Home', '/'], ['News', f.listingPath], [r.title, null]],
    main,
    ogType: 'article',
  });
}

export function sohNotFound(ctx: RenderCtx): string {
  return sohPage(ctx, {
    title: 'Page not found',
    canonical: `${ctx.base}/404`,
    breadcrumb: [['Home', '/'], ['Page not found', null]],
    main: `<h1>Sorry, we can't find that page</h1><p>The page may have been moved or deleted. <a href="${ctx.site.force.listingPath}">Read the latest news</a>.</p>`,
  });
}

export function sohHome(ctx: RenderCtx): string {
  const f = ctx.site.force;
  const latest = ctx.site.live().slice(0, 7);
  return sohPage(ctx, {
    title: f.name,
    canonical: `${ctx.base}/`,
    breadcrumb: [['Home', null]],
    main: `<h1>${esc(f.name)}</h1>
<section class="latest-panel"><h2>Latest news</h2><ul>
${latest.map((r) => `<li><a href="${esc(r.path)}">${esc(r.title)}</a></li>`).join('\n')}
</ul><p><a href="${f.listingPath}">See all news</a></p></section>`,
  });
}

export function sohMediaCentre(ctx: RenderCtx): string {
  return sohPage(ctx, {
    title: 'Media centre',
    canonical: `${ctx.base}/news/${forceSeg(ctx)}/mediacentre/`,
    breadcrumb: [['Home', '/'], ['Media centre', null]],
    main: `<h1>Media centre</h1><p>This area is for accredited journalists. Media enquiries: press office, 01234 000000.</p>`,
  });
}

export function sohRss(ctx: RenderCtx): string {
  const f = ctx.site.force;
  const items = ctx.site.live().slice(0, 20);
  const feedUrl = `${ctx.base}/news/${forceSeg(ctx)}/news/GetNewsRss/`;
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escXml(f.name)} - News</title>
<link>${escXml(ctx.base + f.listingPath)}</link>
<description>The latest news from ${escXml(f.name)}</description>
<language>en-gb</language>
<lastBuildDate>${items[0] ? rfc822(items[0].modified ?? items[0].local) : new Date().toUTCString()}</lastBuildDate>
<atom:link href="${escXml(feedUrl)}" rel="self" type="application/rss+xml" />
${items
  .map(
    (r) => `<item>
<title>${escXml(r.title)}</title>
<link>${escXml(ctx.base + r.path)}</link>
<description>${escXml(`<p>${esc(r.description)}</p>`)}</description>
<pubDate>${rfc822(r.local)}</pubDate>
<guid isPermaLink="true">${escXml(ctx.base + r.path)}</guid>
</item>`,
  )
  .join('\n')}
</channel>
</rss>
`;
}

export function sitemapXml(ctx: RenderCtx, extra: string[]): string {
  const urls = [...extra.map((p) => ({ loc: ctx.base + p, lastmod: undefined as string | undefined })), ...ctx.site.live().map((r) => ({ loc: ctx.base + r.path, lastmod: new Date(r.modified ?? r.local).toISOString().slice(0, 10) }))];
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `<url><loc>${escXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}
