// robots.txt rules for one origin (RFC 9309), read by robots-parser.
import { createRequire } from 'node:module';

/** The product token matched against robots.txt user-agent lines. */
export const ROBOTS_AGENT = 'spo-tracker';

export interface RobotsRules {
  allowed(url: string): boolean;
  crawlDelayMs: number | null;
}

interface RobotsTxt {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => RobotsTxt;

/** Rules of a robots.txt answered with a 4xx: none (RFC 9309: everything allowed). */
export const NO_RULES: RobotsRules = { allowed: () => true, crawlDelayMs: null };

export function parseRobots(url: string, text: string): RobotsRules {
  const r = robotsParser(url, text);
  const delay = r.getCrawlDelay(ROBOTS_AGENT);
  return {
    // robots-parser answers undefined for URLs of another origin: those are not ours to fetch.
    allowed: (u: string) => r.isAllowed(u, ROBOTS_AGENT) === true,
    crawlDelayMs: typeof delay === 'number' && delay > 0 ? delay * 1000 : null,
  };
}
