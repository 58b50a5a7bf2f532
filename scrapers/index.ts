// The scrapers: the platform modules (platforms/, built by definePlatform from define.ts), the generic
// strategy for sites no module knows (generic/), the readers they share (lib/), and every force's site
// (forces.ts, from the one force table src/domain/forces.json) with the force file's overrides.
import { generic } from './generic/index.ts';
import { PLATFORM_MODULES, type PlatformId } from './platforms/index.ts';
import type { ForceSite } from './forces.ts';
import type { PlatformScraper, SiteConfig } from './types.ts';

export * from './types.ts';
export { definePlatform, type PlatformSpec } from './define.ts';
export type { PlatformId } from './platforms/index.ts';
export { FORCE_SITES, forceSite, isCrawlable, strategyOf, usesPlatform, type ForceSite, type ForceStatus, type ForceStrategy } from './forces.ts';
export { applyForceFile, defaultForceFile, loadForceFile, loadForceSites, type ForceFile, type ForceOverride } from './force-file.ts';
export { FURNITURE_PHRASES, toMarkdown } from './lib/article.ts';
export { articleLimitProblem, loadFast, pageLimitProblem } from './lib/html.ts';

/** Every strategy a force can be read with: the platform modules, and `generic`. */
export const PLATFORMS: Readonly<Record<PlatformId, PlatformScraper>> = { ...PLATFORM_MODULES, generic };

/** The site config a platform scraper takes for a force, optionally pointed at another origin (a replica, a mirror). */
export function siteConfig(site: ForceSite, origin?: string): SiteConfig {
  if (!site.listingPath) throw new Error(`${site.id}: no listing URL known (${site.note})`);
  const o = new URL(origin ?? site.origin).origin;
  return { origin: o, listingPath: site.listingPath, ...(Object.keys(site.settings).length ? { settings: site.settings } : {}), ...(site.formerHosts.length ? { formerHosts: site.formerHosts } : {}) };
}
