// Every force of England and Wales plus British Transport Police (44): where its news lives and how
// to read it. Facts and their sources: ../shared/notes/force-sites.md (§2 table). Ids and names come
// from the lexicon (src/domain/forces.json). Be honest about what is not known: a force whose news
// platform is unknown is listed as such, and read by the generic strategy (scrapers/generic) from its
// origin alone; a force file (force-file.ts) can say more without code.
import { FORCES, forceById } from '../src/domain/forces.ts';
import type { PlatformId } from './types.ts';

export type ForceStatus = 'crawlable' | 'unconfirmed' | 'unknown-platform';

/**
 * How a force is read. `auto` (the default): its platform's scraper, and the generic strategy when the
 * platform is unknown or its scraper stops matching; `platform`: the scraper only; `generic`: the generic
 * strategy only (set by a force file).
 */
export type ForceStrategy = 'auto' | 'platform' | 'generic';

export interface ForceSite {
  id: string;
  name: string;
  /** Origin of the news pages (scheme + host), e.g. `https://www.kent.police.uk`. */
  origin: string;
  platform: PlatformId | null;
  /** SOH: the path segment after `/news/` (differs from the id for Northamptonshire: `northants`). */
  sohSlug: string | null;
  /** Path of the first listing page, e.g. `/news/kent/latest/`. */
  listingPath: string | null;
  /** RSS feed URL where one is known to be in use. */
  feedUrl: string | null;
  /**
   * crawlable: platform and listing URL verified in a source (markup itself may still be unconfirmed);
   * unconfirmed: platform verified or inferred but the listing URL/slug is inferred, crawled on trust;
   * unknown-platform: news platform or URLs unknown, not crawled.
   */
  status: ForceStatus;
  strategy: ForceStrategy;
  /** Hosts the force's news used to be on: articles there are still the force's. */
  formerHosts: string[];
  /** Fields a force file changed (empty for the built-in table). */
  overridden: string[];
  note: string;
}

interface Row {
  id: string;
  host: string;
  platform: PlatformId | null;
  slug?: string;
  listing?: string;
  feed?: boolean | string;
  status: ForceStatus;
  note: string;
}

/** Listing and RSS paths of SOH (force-sites.md §3). */
const sohListing = (slug: string): string => `/news/${slug}/news/`;
const sohFeed = (slug: string): string => `/news/${slug}/news/GetNewsRss/`;

const SOH_V = 'SOH; listing URL from a source (force-sites.md §2); SOH markup (class names, meta set) unconfirmed';
const SOH_I = 'SOH; slug and listing URL inferred, not seen in a source';

const ROWS: Row[] = [
  { id: 'avon-and-somerset', host: 'www.avonandsomerset.police.uk', platform: null, status: 'unknown-platform', note: 'own CMS, not SOH; news URLs unknown' },
  { id: 'bedfordshire', host: 'www.beds.police.uk', platform: 'soh', slug: 'bedfordshire', status: 'unconfirmed', note: `${SOH_I}; SOH status itself inferred` },
  { id: 'btp', host: 'www.btp.police.uk', platform: 'soh', slug: 'btp', status: 'crawlable', note: `${SOH_V}; articles /news/btp/news/<region>/<slug>/ (no date in URL)` },
  { id: 'cambridgeshire', host: 'www.cambs.police.uk', platform: 'soh', slug: 'cambridgeshire', status: 'crawlable', note: SOH_V },
  { id: 'cheshire', host: 'www.cheshire.police.uk', platform: 'soh', slug: 'cheshire', status: 'crawlable', note: `${SOH_V}; articles /news/cheshire/news/articles/YYYY/M/<slug>/` },
  { id: 'city-of-london', host: 'www.cityoflondon.police.uk', platform: 'soh', slug: 'city-of-london', status: 'crawlable', note: SOH_V },
  { id: 'cleveland', host: 'www.cleveland.police.uk', platform: 'soh', slug: 'cleveland', status: 'crawlable', note: SOH_V },
  { id: 'cumbria', host: 'www.cumbria.police.uk', platform: null, status: 'unknown-platform', note: 'legacy .aspx site; current news platform and URLs unknown' },
  { id: 'derbyshire', host: 'www.derbyshire.police.uk', platform: 'soh', slug: 'derbyshire', status: 'crawlable', note: SOH_V },
  { id: 'devon-and-cornwall', host: 'news.devon-cornwall.police.uk', platform: null, status: 'unknown-platform', note: 'main site SOH, but news is on a separate newsroom (/news-article/<GUID>) whose listing, feed and HTML are unknown' },
  { id: 'dorset', host: 'www.dorset.police.uk', platform: 'soh', slug: 'dorset', status: 'unconfirmed', note: `${SOH_I} (SOH assets seen)` },
  { id: 'durham', host: 'www.durham.police.uk', platform: 'soh', slug: 'durham', status: 'crawlable', note: SOH_V },
  { id: 'dyfed-powys', host: 'www.dyfed-powys.police.uk', platform: 'soh', slug: 'dyfed-powys', status: 'crawlable', note: `${SOH_V}; bilingual` },
  { id: 'essex', host: 'www.essex.police.uk', platform: 'soh', slug: 'essex', status: 'crawlable', note: SOH_V },
  { id: 'gloucestershire', host: 'www.gloucestershire.police.uk', platform: 'soh', slug: 'gloucestershire', feed: true, status: 'crawlable', note: `${SOH_V}; RSS in use` },
  { id: 'greater-manchester', host: 'www.gmp.police.uk', platform: 'soh', slug: 'greater-manchester', feed: true, status: 'crawlable', note: `${SOH_V}; RSS verified working; robots.txt known` },
  { id: 'gwent', host: 'www.gwent.police.uk', platform: 'soh', slug: 'gwent', status: 'unconfirmed', note: `${SOH_I}; bilingual (/cy-GB/)` },
  { id: 'hampshire', host: 'www.hampshire.police.uk', platform: 'soh', slug: 'hampshire', status: 'crawlable', note: `${SOH_V}; category segments (news/, appeals/) in article URLs` },
  { id: 'hertfordshire', host: 'www.herts.police.uk', platform: 'soh', slug: 'hertfordshire', status: 'crawlable', note: SOH_V },
  { id: 'humberside', host: 'www.humberside.police.uk', platform: 'soh', slug: 'humberside', status: 'crawlable', note: SOH_V },
  { id: 'kent', host: 'www.kent.police.uk', platform: 'soh', slug: 'kent', listing: '/news/kent/latest/', status: 'crawlable', note: `${SOH_V}; listing segment is latest/` },
  { id: 'lancashire', host: 'www.lancashire.police.uk', platform: 'lancashire', listing: '/news/', status: 'crawlable', note: 'own CMS; listing /news/?page=N verified; article URL shape unconfirmed' },
  { id: 'leicestershire', host: 'www.leics.police.uk', platform: 'soh', slug: 'leicestershire', status: 'crawlable', note: SOH_V },
  { id: 'lincolnshire', host: 'www.lincs.police.uk', platform: 'soh', slug: 'lincolnshire', feed: true, status: 'crawlable', note: `${SOH_V}; RSS in use; 429 pages seen` },
  { id: 'merseyside', host: 'www.merseyside.police.uk', platform: 'soh', slug: 'merseyside', feed: true, status: 'crawlable', note: `${SOH_V}; RSS in use; month segment carries the year from 2026` },
  { id: 'metropolitan', host: 'news.met.police.uk', platform: 'mynewsdesk', listing: '/latest_news', feed: 'https://news.met.police.uk/rss/current_news/66871', status: 'crawlable', note: 'news on a Mynewsdesk newsroom (main site is SOH); theme markup unconfirmed' },
  { id: 'norfolk', host: 'www.norfolk.police.uk', platform: 'soh', slug: 'norfolk', status: 'unconfirmed', note: `${SOH_I}; SOH status itself inferred` },
  { id: 'north-wales', host: 'www.northwales.police.uk', platform: 'soh', slug: 'north-wales', status: 'crawlable', note: SOH_V },
  { id: 'north-yorkshire', host: 'www.northyorkshire.police.uk', platform: 'soh', slug: 'north-yorkshire', status: 'crawlable', note: SOH_V },
  { id: 'northamptonshire', host: 'www.northants.police.uk', platform: 'soh', slug: 'northants', status: 'crawlable', note: `${SOH_V}; slug is northants` },
  { id: 'northumbria', host: 'www.northumbria.police.uk', platform: 'soh', slug: 'northumbria', status: 'crawlable', note: SOH_V },
  { id: 'nottinghamshire', host: 'www.nottinghamshire.police.uk', platform: 'soh', slug: 'nottinghamshire', status: 'crawlable', note: SOH_V },
  { id: 'south-wales', host: 'www.south-wales.police.uk', platform: 'soh', slug: 'south-wales', status: 'crawlable', note: SOH_V },
  { id: 'south-yorkshire', host: 'www.southyorkshire.police.uk', platform: 'soh', slug: 'south-yorkshire', status: 'crawlable', note: SOH_V },
  { id: 'staffordshire', host: 'www.staffordshire.police.uk', platform: 'soh', slug: 'staffordshire', status: 'crawlable', note: SOH_V },
  { id: 'suffolk', host: 'www.suffolk.police.uk', platform: 'soh', slug: 'suffolk', status: 'crawlable', note: SOH_V },
  { id: 'surrey', host: 'www.surrey.police.uk', platform: 'soh', slug: 'surrey', status: 'crawlable', note: SOH_V },
  { id: 'sussex', host: 'www.sussex.police.uk', platform: 'soh', slug: 'sussex', status: 'crawlable', note: SOH_V },
  { id: 'thames-valley', host: 'www.thamesvalley.police.uk', platform: 'soh', slug: 'thames-valley', status: 'crawlable', note: SOH_V },
  { id: 'warwickshire', host: 'www.warwickshire.police.uk', platform: 'soh', slug: 'warwickshire', status: 'crawlable', note: SOH_V },
  { id: 'west-mercia', host: 'www.westmercia.police.uk', platform: 'soh', slug: 'west-mercia', status: 'crawlable', note: SOH_V },
  { id: 'west-midlands', host: 'www.westmidlands.police.uk', platform: 'soh', slug: 'west-midlands', feed: true, status: 'crawlable', note: `${SOH_V}; RSS in use` },
  { id: 'west-yorkshire', host: 'www.westyorkshire.police.uk', platform: null, status: 'unknown-platform', note: 'Drupal (inferred), not SOH; news URLs unknown (/rss.xml reported working)' },
  { id: 'wiltshire', host: 'www.wiltshire.police.uk', platform: 'soh', slug: 'wiltshire', status: 'unconfirmed', note: `${SOH_I} (SOH verified)` },
];

function build(row: Row): ForceSite {
  const force = forceById(row.id);
  if (!force) throw new Error(`scrapers/forces.ts: ${row.id} is not in the force lexicon`);
  const origin = `https://${row.host}`;
  const listingPath = row.listing ?? (row.platform === 'soh' && row.slug ? sohListing(row.slug) : null);
  const feedUrl =
    typeof row.feed === 'string' ? row.feed : row.feed && row.slug ? new URL(sohFeed(row.slug), origin).toString() : null;
  return {
    id: row.id,
    name: force.name,
    origin,
    platform: row.platform,
    sohSlug: row.slug ?? null,
    listingPath,
    feedUrl,
    status: row.status,
    strategy: 'auto',
    formerHosts: [],
    overridden: [],
    note: row.note,
  };
}

/** All 44 forces, in id order. */
export const FORCE_SITES: readonly ForceSite[] = ROWS.map(build).sort((a, b) => a.id.localeCompare(b.id));

const byId = new Map(FORCE_SITES.map((f) => [f.id, f]));

export function forceSite(id: string): ForceSite | undefined {
  return byId.get(id);
}

/** Whether the force is read by its platform's scraper (a platform and a listing URL known), else by the generic strategy. */
export const usesPlatform = (f: ForceSite): boolean => f.strategy !== 'generic' && f.platform !== null && f.platform !== 'generic' && f.listingPath !== null;

/** The strategy a force is crawled with first: its platform's id, or `generic`. */
export const strategyOf = (f: ForceSite): PlatformId => (usesPlatform(f) ? f.platform! : 'generic');

/**
 * Whether the crawler can read a force: every force can (by its platform, else by the generic strategy
 * from its origin), unless a force file pins it to a platform scraper it does not have.
 */
export const isCrawlable = (f: ForceSite): boolean => f.strategy !== 'platform' || usesPlatform(f);

// Every lexicon force has exactly one entry.
if (FORCE_SITES.length !== FORCES.length || FORCES.some((f) => !byId.has(f.id))) {
  throw new Error('scrapers/forces.ts does not cover the force lexicon exactly');
}
