// The scraper registry: every force (scrapers/forces.ts) and the platform modules that read them.
import type { PlatformScraper, PlatformForceConfig, PlatformId } from './types.ts';
import { soh } from './platforms/soh.ts';
import { mynewsdesk } from './platforms/mynewsdesk.ts';
import { lancashire } from './platforms/lancashire.ts';
import { generic } from './generic/index.ts';
import { FORCE_SITES, forceSite, isCrawlable, type ForceSite } from './forces.ts';

export * from './types.ts';
export { FORCE_SITES, forceSite, isCrawlable, strategyOf, usesPlatform, type ForceSite, type ForceStatus, type ForceStrategy } from './forces.ts';
export { applyForceFile, defaultForceFile, loadForceFile, loadForceSites, type ForceFile, type ForceOverride } from './force-file.ts';
export { FURNITURE_PHRASES, toMarkdown } from './common.ts';

export const PLATFORMS: Readonly<Record<PlatformId, PlatformScraper>> = { soh, mynewsdesk, lancashire, generic };

export function platform(id: PlatformId): PlatformScraper {
  return PLATFORMS[id];
}

/** The per-force config a platform module takes, optionally pointed at another origin (a replica, a mirror). */
export function platformConfig(site: ForceSite, origin?: string): PlatformForceConfig {
  if (!site.listingPath) throw new Error(`${site.id}: no listing URL known (${site.note})`);
  const o = new URL(origin ?? site.origin).origin;
  return { origin: o, listingPath: site.listingPath, ...(site.sohSlug ? { sohSlug: site.sohSlug } : {}), ...(site.formerHosts.length ? { formerHosts: site.formerHosts } : {}) };
}

export const crawlableForces = (): ForceSite[] => FORCE_SITES.filter(isCrawlable);
export { forceSite as site };
