// Saves example replica pages to scrapers/fixtures/<platform>/ for the scrapers' fixture tests.
// Pages are rendered with the real sites' origins in absolute URLs (og:url, RSS links) and stable tokens,
// so re-running gives the same files.
//   npx tsx src/replica/save-fixtures.ts [--force] [outDir]
// Existing fixture files are left alone (scrapers/fixtures/*/<name>.expected.json were reviewed against
// them); --force overwrites them, after which the expected JSON must be reviewed again.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPLICA_FORCES, startReplica, type GroundTruthRelease } from './index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const overwrite = args.includes('--force');
const outDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(here, '..', '..', 'scrapers', 'fixtures'));

interface Entry {
  file: string;
  platform: string;
  forceId: string;
  /** What the page is: listing | search | article | rss | robots | sitemap | archive */
  page: string;
  /** URL of the page on the real site's origin (the replica renders absolute URLs with it). */
  url: string;
  spo?: boolean;
  note?: string;
}

async function main(): Promise<void> {
  const forces = ['kent', 'greater-manchester', 'merseyside', 'cheshire', 'btp', 'northamptonshire', 'sussex', 'metropolitan', 'lancashire', 'west-yorkshire'];
  const publicOrigins = Object.fromEntries(forces.map((id) => [id, REPLICA_FORCES[id]!.realOrigin]));
  const rep = await startReplica({ forces, publicOrigins, stableTokens: true });
  const manifest: Entry[] = [];
  const manifestFile = path.join(outDir, 'manifest.json');
  const previous = new Map<string, Entry>(existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Entry[]).map((e) => [e.file, e]) : []);
  try {
    const save = async (e: Omit<Entry, 'url' | 'platform'> & { path: string }): Promise<void> => {
      const res = await fetch(rep.origins[e.forceId] + e.path, { headers: { 'user-agent': 'spo-tracker-fixtures' } });
      if (res.status !== 200) throw new Error(`${e.path}: HTTP ${res.status}`);
      // A site on a CMS of its own has no scraper: its pages are the generic strategy's fixtures.
      const site = REPLICA_FORCES[e.forceId]!.platform;
      const platform = site === 'drupal' ? 'generic' : site;
      const file = path.join(outDir, platform, e.file);
      mkdirSync(path.dirname(file), { recursive: true });
      const { path: p, ...rest } = e;
      const rel = `${platform}/${e.file}`;
      if (existsSync(file) && !overwrite) {
        const old = previous.get(rel);
        manifest.push(old ?? { ...rest, file: rel, platform, url: publicOrigins[e.forceId] + p });
        console.log(`${rel}  (kept)`);
        return;
      }
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      manifest.push({ ...rest, file: rel, platform, url: publicOrigins[e.forceId] + p });
      console.log(`${rel}  <-  ${p}`);
    };
    const rel = (forceId: string, pred: (r: GroundTruthRelease) => boolean): string => {
      const r = rep.allReleases(forceId).find(pred);
      if (!r) throw new Error(`no release for ${forceId}`);
      return new URL(r.url).pathname;
    };
    const ordinary = (r: GroundTruthRelease): boolean => r.kind === 'ordinary';

    // SOH
    await save({ file: 'kent-listing.html', forceId: 'kent', page: 'listing', path: '/news/kent/latest/' });
    await save({ file: 'greater-manchester-listing-page-3.html', forceId: 'greater-manchester', page: 'listing', path: '/news/greater-manchester/news/?page=3' });
    await save({ file: 'greater-manchester-news-search-page-2.html', forceId: 'greater-manchester', page: 'search', path: '/news/news-search/?ct=News&fdte=&page=2&tdte=' });
    await save({ file: 'kent-article.html', forceId: 'kent', page: 'article', spo: false, path: rel('kent', ordinary) });
    await save({ file: 'kent-spo-article.html', forceId: 'kent', page: 'article', spo: true, note: 'real text: corpus seeds/000', path: rel('kent', (r) => r.source === 'seeds/000_a29348eabcdd0f55.txt') });
    await save({ file: 'kent-spo-article-written.html', forceId: 'kent', page: 'article', spo: true, note: 'written for the replica', path: rel('kent', (r) => r.kind === 'spo' && !r.source) });
    await save({ file: 'kent-near-miss-article.html', forceId: 'kent', page: 'article', spo: false, note: 'stalking-related but not an SPO', path: rel('kent', (r) => r.kind === 'near-miss') });
    await save({ file: 'greater-manchester-spo-article.html', forceId: 'greater-manchester', page: 'article', spo: true, path: rel('greater-manchester', (r) => r.kind === 'spo') });
    await save({ file: 'merseyside-article-2026.html', forceId: 'merseyside', page: 'article', spo: false, note: 'month segment carries the year (june-2026)', path: rel('merseyside', (r) => ordinary(r) && r.published.startsWith('2026')) });
    await save({ file: 'merseyside-article-2024.html', forceId: 'merseyside', page: 'article', spo: false, path: rel('merseyside', (r) => ordinary(r) && r.published.startsWith('2024')) });
    await save({ file: 'cheshire-spo-article.html', forceId: 'cheshire', page: 'article', spo: true, note: 'real text: corpus dev/h017; numeric month in URL', path: rel('cheshire', (r) => r.source === 'dev/h017.md') });
    await save({ file: 'btp-article.html', forceId: 'btp', page: 'article', spo: false, note: 'region segment, no date in URL', path: rel('btp', ordinary) });
    await save({ file: 'northamptonshire-spo-article.html', forceId: 'northamptonshire', page: 'article', spo: true, note: 'real text: corpus seeds/002; month segment may-20', path: rel('northamptonshire', (r) => r.source === 'seeds/002_c1dff9f53e99654e.txt') });
    await save({ file: 'sussex-spo-article.html', forceId: 'sussex', page: 'article', spo: true, note: 'real text: corpus seeds/003; category segment, no date', path: rel('sussex', (r) => r.source === 'seeds/003_b7934daad10ad773.txt') });
    await save({ file: 'greater-manchester-rss.xml', forceId: 'greater-manchester', page: 'rss', path: '/news/greater-manchester/news/GetNewsRss/' });
    await save({ file: 'robots.txt', forceId: 'greater-manchester', page: 'robots', path: '/robots.txt' });
    await save({ file: 'kent-sitemap.xml', forceId: 'kent', page: 'sitemap', path: '/sitemap.xml' });

    // Met Mynewsdesk
    await save({ file: 'latest-news.html', forceId: 'metropolitan', page: 'listing', path: '/latest_news' });
    await save({ file: 'latest-news-page-2.html', forceId: 'metropolitan', page: 'listing', path: '/latest_news?page=2' });
    await save({ file: 'article.html', forceId: 'metropolitan', page: 'article', spo: false, path: rel('metropolitan', ordinary) });
    await save({ file: 'spo-article.html', forceId: 'metropolitan', page: 'article', spo: true, path: rel('metropolitan', (r) => r.kind === 'spo') });
    await save({ file: 'rss.xml', forceId: 'metropolitan', page: 'rss', path: '/rss/current_news/66871' });

    // Lancashire
    await save({ file: 'news-listing.html', forceId: 'lancashire', page: 'listing', path: '/news/' });
    await save({ file: 'news-listing-page-4.html', forceId: 'lancashire', page: 'listing', path: '/news/?page=4' });
    await save({ file: 'archive-2023-december.html', forceId: 'lancashire', page: 'archive', path: '/news/2023/december/' });
    await save({ file: 'article.html', forceId: 'lancashire', page: 'article', spo: false, note: 'article URL shape unconfirmed', path: rel('lancashire', ordinary) });
    await save({ file: 'spo-article.html', forceId: 'lancashire', page: 'article', spo: true, note: 'article URL shape unconfirmed', path: rel('lancashire', (r) => r.kind === 'spo') });

    // A CMS of its own, read by the generic strategy (issue 14)
    await save({ file: 'west-yorkshire-listing.html', forceId: 'west-yorkshire', page: 'listing', path: '/news-and-appeals' });
    await save({ file: 'west-yorkshire-listing-page-2.html', forceId: 'west-yorkshire', page: 'listing', note: 'pager counts from 0: ?page=2 is the third page', path: '/news-and-appeals?page=2' });
    await save({ file: 'west-yorkshire-article.html', forceId: 'west-yorkshire', page: 'article', spo: false, path: rel('west-yorkshire', ordinary) });
    await save({ file: 'west-yorkshire-spo-article.html', forceId: 'west-yorkshire', page: 'article', spo: true, note: 'date in JSON-LD and <time datetime> with the UK offset', path: rel('west-yorkshire', (r) => r.kind === 'spo') });
    await save({ file: 'west-yorkshire-rss.xml', forceId: 'west-yorkshire', page: 'rss', path: '/rss.xml' });
    await save({ file: 'west-yorkshire-sitemap-index.xml', forceId: 'west-yorkshire', page: 'sitemap', path: '/sitemap.xml' });

    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    console.log(`${manifest.length} fixtures in ${outDir}`);
  } finally {
    await rep.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
