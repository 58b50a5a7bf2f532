// The Met's Mynewsdesk newsroom (news.met.police.uk): /latest_news?page=N, /news/<slug>-<id>,
// /rss/current_news/66871. Selectors from the notes §4 (older Mynewsdesk theme): `.grid.js-material-grid a`,
// `time[datetime="YYYY-MM-DD hh:mm:ss +0000"]`, `.panel__heading`, `h1.panel__title`, `.panel__text p strong`,
// `.entry-content`, `.type__date time[datetime]`. Their currency is unconfirmed.

import type { Rel } from './model.ts';
import { pageOf, type RenderCtx } from './render-soh.ts';
import { bodyToHtml, esc, escXml, mndDatetime, mndDisplay, rfc822 } from './util.ts';

export const MND_PAGE_SIZE = 20;
export const MND_NEWSROOM_ID = 66871;
export const MND_ROBOTS = `User-agent: *\nDisallow: /search\nDisallow: /*?q=\nDisallow: /api/\n`;

function page(ctx: RenderCtx, o: { title: string; description: string; canonical: string; ogImage?: string; ogType?: string; main: string }): string {
  return `<!DOCTYPE html>
<html lang="en" class="mnd-newsroom">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} | Metropolitan Police</title>
<meta name="description" content="${esc(o.description)}">
<meta property="og:title" content="${esc(o.title)}">
<meta property="og:description" content="${esc(o.description)}">
<meta property="og:url" content="${esc(o.canonical)}">
<meta property="og:image" content="${esc(o.ogImage ?? 'https://mnd-assets.mynewsdesk.com/image/upload/c_fill,w_1200,h_630/met-police-newsroom-default')}">
<meta property="og:type" content="${o.ogType ?? 'website'}">
<meta property="og:site_name" content="Metropolitan Police">
<link rel="canonical" href="${esc(o.canonical)}">
<link rel="alternate" type="application/rss+xml" title="Metropolitan Police - News" href="${ctx.base}/rss/current_news/${MND_NEWSROOM_ID}">
<link rel="stylesheet" href="https://static.mynewsdesk.com/assets/newsroom-${ctx.token.slice(0, 12)}.css">
<script>window.MND={"newsroomId":${MND_NEWSROOM_ID},"csrf":"${ctx.token}","renderedAt":"${ctx.renderedAt}"};</script>
</head>
<body class="newsroom newsroom--material">
<noscript><p class="noscript-warning">Please enable JavaScript for the best experience of this newsroom.</p></noscript>
<header class="newsroom-header">
  <a class="newsroom-header__logo" href="/"><img src="https://mnd-assets.mynewsdesk.com/image/upload/met-police-logo" alt="Metropolitan Police"></a>
  <nav class="newsroom-nav"><ul>
    <li><a href="/latest_news">Latest news</a></li>
    <li><a href="/news">News</a></li>
    <li><a href="/images">Images</a></li>
    <li><a href="/contact_people">Contacts</a></li>
    <li><a href="https://www.met.police.uk/">met.police.uk</a></li>
  </ul></nav>
  <a class="btn btn--follow" href="/subscribe">Follow Metropolitan Police</a>
</header>
<main class="newsroom-main" id="main">
${o.main}
</main>
<footer class="newsroom-footer">
  <p>Metropolitan Police Service, New Scotland Yard, Victoria Embankment, London SW1A 2JL</p>
  <p>For urgent media enquiries call the Press Bureau. Report crime at <a href="https://www.met.police.uk/">met.police.uk</a>.</p>
  <p class="powered-by">Powered by <a href="https://www.mynewsdesk.com/">Mynewsdesk</a> · © ${new Date().getUTCFullYear()}</p>
</footer>
</body>
</html>
`;
}

export function mndListing(ctx: RenderCtx, pageNo: number): string {
  const all = ctx.site.live();
  const { items, pages } = pageOf(all, pageNo, MND_PAGE_SIZE);
  const main = `<section class="section">
<h1 class="section__title">Latest news</h1>
<div class="grid js-material-grid">
${items
  .map(
    (r: Rel) => `  <a class="panel panel--material" href="${esc(ctx.base + r.path)}">
    <div class="panel__image"><img src="${esc(r.image)}" alt="" loading="lazy"></div>
    <div class="panel__body">
      <span class="type__date"><time datetime="${mndDatetime(r.local)}">${mndDisplay(r.local)}</time></span>
      <span class="type__label">News</span>
      <h2 class="panel__heading">${esc(r.title)}</h2>
      <p class="panel__text">${esc(r.description)}</p>
    </div>
  </a>`,
  )
  .join('\n')}
</div>
<nav class="pagination" aria-label="Pagination">
${pageNo > 1 ? `<a class="pagination__prev" rel="prev" href="/latest_news?page=${pageNo - 1}">‹ Previous</a>` : ''}
<span class="pagination__current">Page ${pageNo} of ${pages}</span>
${pageNo < pages ? `<a class="pagination__next" rel="next" href="/latest_news?page=${pageNo + 1}">Next ›</a>` : ''}
</nav>
</section>`;
  return page(ctx, { title: 'Latest news', description: 'Latest news from the Metropolitan Police', canonical: `${ctx.base}/latest_news${pageNo > 1 ? `?page=${pageNo}` : ''}`, main });
}

export function mndArticle(ctx: RenderCtx, r: Rel): string {
  const paras = r.body.split(/\n\s*\n/);
  const lead = paras[0] && !paras[0].startsWith('- ') ? paras[0] : '';
  const rest = lead ? paras.slice(1).join('\n\n') : r.body;
  const canonical = ctx.base + r.path;
  const main = `<article class="panel panel--article">
  <header class="panel__header">
    <span class="type__label">News</span>
    <span class="type__date"><time datetime="${mndDatetime(r.local)}">${mndDisplay(r.local)}</time></span>
    <h1 class="panel__title">${esc(r.title)}</h1>
  </header>
  <figure class="panel__image"><img src="${esc(r.image)}" alt=""></figure>
  ${lead ? `<div class="panel__text"><p><strong>${esc(lead.replace(/\s+/g, ' '))}</strong></p></div>` : ''}
  <div class="entry-content">
${bodyToHtml(rest)}
  </div>
  <div class="share-links"><a href="https://twitter.com/intent/tweet?url=${encodeURIComponent(canonical)}">Share on X</a> <a href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(canonical)}">Share on Facebook</a></div>
  <div class="tags"><span class="tag">Court news</span></div>
</article>`;
  return page(ctx, { title: r.title, description: r.description, canonical, ogImage: r.image, ogType: 'article', main });
}

export function mndNotFound(ctx: RenderCtx): string {
  return page(ctx, { title: 'Page not found', description: 'Page not found', canonical: `${ctx.base}/404`, main: '<h1 class="panel__title">The page you were looking for doesn’t exist</h1>' });
}

export function mndHome(ctx: RenderCtx): string {
  return mndListing(ctx, 1).replace('<h1 class="section__title">Latest news</h1>', '<h1 class="section__title">Metropolitan Police newsroom</h1>');
}

export function mndRss(ctx: RenderCtx): string {
  const items = ctx.site.live().slice(0, 20);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Metropolitan Police - News</title>
<link>${escXml(ctx.base)}/</link>
<description>News from the Metropolitan Police</description>
<language>en</language>
<atom:link href="${escXml(`${ctx.base}/rss/current_news/${MND_NEWSROOM_ID}`)}" rel="self" type="application/rss+xml"/>
${items
  .map(
    (r) => `<item>
<title>${escXml(r.title)}</title>
<description>${escXml(r.description)}</description>
<link>${escXml(ctx.base + r.path)}</link>
<guid>${escXml(ctx.base + r.path)}</guid>
<pubDate>${rfc822(r.local)}</pubDate>
</item>`,
  )
  .join('\n')}
</channel>
</rss>
`;
}
