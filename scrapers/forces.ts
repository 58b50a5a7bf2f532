// Every force's news site as the scrapers read it: where its news lives and which platform reads it,
// built from the one force table (src/domain/forces.json: a force is one row there) and the platform
// modules (a force's listing and feed paths when its row names none). A force whose news platform is
// unknown is listed as such, and read by the generic strategy (scrapers/generic) from its origin alone;
// a force file (force-file.ts) can say more without code.
import { FORCES, type ForceEntry, type ForceStatus } from '../src/domain/forces.ts';
import { PLATFORM_MODULES, type PlatformId } from './platforms/index.ts';
import type { PlatformScraper, PlatformSettings } from './types.ts';

export type { ForceStatus };

/**
 * How a force is read. `auto` (the default): its platform's scraper, and the generic strategy when the
 * platform is unknown or its scraper stops matching; `platform`: the scraper only; `generic`: the generic
 * strategy only (set by a force file).
 */
export type ForceStrategy = 'auto' | 'platform' | 'generic';

/** A force's news site: where it is and which platform scraper reads it. */
export interface ForceSite {
  id: string;
  name: string;
  /** Origin of the news pages (scheme + host), e.g. `https://www.kent.police.uk`. */
  origin: string;
  platform: PlatformId | null;
  /** Settings only its platform reads (SOH: `slug`, given when it is not the force id: Northamptonshire's is `northants`). */
  settings: PlatformSettings;
  /** Path of the first listing page, e.g. `/news/kent/latest/`. */
  listingPath: string | null;
  /** RSS feed URL where one is known to be in use. */
  feedUrl: string | null;
  status: ForceStatus;
  strategy: ForceStrategy;
  /** Hosts the force's news used to be on: articles there are still the force's. */
  formerHosts: string[];
  /** Fields a force file changed (empty for the built-in table). */
  overridden: string[];
  note: string;
}

function siteOf(f: ForceEntry): ForceSite {
  const platform = f.platform as PlatformId | null;
  if (platform !== null && !(platform in PLATFORM_MODULES)) throw new Error(`src/domain/forces.json: ${f.id} names platform "${platform}", which has no module in scrapers/platforms (known: ${Object.keys(PLATFORM_MODULES).join(', ')})`);
  const scraper: PlatformScraper | null = platform && platform !== 'generic' ? PLATFORM_MODULES[platform] : null;
  const settings = f.settings ?? {};
  const origin = f.origin;
  const listingPath = f.listing ?? scraper?.listingPath?.(f.id, settings) ?? null;
  const feedPath = f.feed === true ? scraper?.feedPath?.(f.id, settings) : undefined;
  const feedUrl = typeof f.feed === 'string' ? f.feed : feedPath ? new URL(feedPath, origin).toString() : null;
  return { id: f.id, name: f.name, origin, platform, settings, listingPath, feedUrl, status: f.status, strategy: 'auto', formerHosts: [], overridden: [], note: f.note };
}

/** All 44 forces, in id order. */
export const FORCE_SITES: readonly ForceSite[] = FORCES.map(siteOf).sort((a, b) => a.id.localeCompare(b.id));

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
