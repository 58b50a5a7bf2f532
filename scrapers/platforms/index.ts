// The platform registry: one line per platform module. A force's row in src/domain/forces.json names its
// platform by this id; scrapers/fixtures/<id>/ holds the platform's saved pages.
import { lancashire } from './lancashire.ts';
import { mynewsdesk } from './mynewsdesk.ts';
import { soh } from './soh.ts';

export const PLATFORM_MODULES = { soh, mynewsdesk, lancashire } as const;

/** A platform with a scraper written for it, or `generic`: the strategy for sites no scraper knows. */
export type PlatformId = keyof typeof PLATFORM_MODULES | 'generic';
