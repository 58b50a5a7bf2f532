import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import { projectPath } from './project.ts';

/**
 * crawlable: platform and listing URL verified in a source (markup itself may still be unconfirmed);
 * unconfirmed: platform verified or inferred but the listing URL/slug is inferred, crawled on trust;
 * unknown-platform: news platform or URLs unknown (read by the generic strategy).
 */
export type ForceStatus = 'crawlable' | 'unconfirmed' | 'unknown-platform';

/**
 * One force: a row of forces.json, the one force table, read by extraction (names, aliases, domains),
 * the scrapers (its news site: scrapers/forces.ts) and the replica. Facts about the sites and their
 * sources: ../shared/notes/force-sites.md (§2 table).
 */
export interface ForceEntry {
  /** data.police.uk force id (`btp` for British Transport Police). */
  id: string;
  /** Official name, as in ../shared/corpus/LABELING.md. */
  name: string;
  /** Other names texts use for the force ("Northants Police"). */
  aliases: string[];
  /** Registrable domains of the force's websites. */
  domains: string[];
  /**
   * Hosts the force's news was published on before (retired sites), asked of web archives by
   * `spo backfill` besides the current news host. Retired URL schemes on the current host need nothing here.
   */
  formerHosts?: string[];
  /** Origin of the news pages (scheme + host), e.g. `https://www.kent.police.uk`. */
  origin: string;
  /** The platform its news site runs on (a module of scrapers/platforms), null when unknown. */
  platform: string | null;
  /** Path of the first listing page, when not the platform's usual one (scrapers/platforms/<platform>.ts `listingPath`). */
  listing?: string;
  /** An RSS feed known to be in use: true at the platform's usual path, or its URL. */
  feed?: boolean | string;
  /** Settings only the force's platform reads (SOH: `slug`, the path segment after /news/, when not the id). */
  settings?: Record<string, string>;
  status: ForceStatus;
  /** What is known and what is not, and where from. */
  note: string;
}

const require = createRequire(import.meta.url);
/** The 43 forces of England and Wales plus BTP: the one force table, shared by extraction, the scrapers and the replica. */
export const FORCES: readonly ForceEntry[] = require(projectPath('src/domain/forces.json')) as ForceEntry[];

const byId = new Map(FORCES.map((f) => [f.id, f]));
const byLowerName = new Map<string, ForceEntry>();
for (const f of FORCES) {
  byLowerName.set(f.name.toLowerCase(), f);
  for (const a of f.aliases) byLowerName.set(a.toLowerCase(), f);
}

export function forceById(id: string): ForceEntry | undefined {
  return byId.get(id);
}

/** The force an official name, alias or id denotes ("Northants Police" -> Northamptonshire Police). */
export function forceByName(name: string): ForceEntry | undefined {
  const key = name.trim().toLowerCase();
  return byLowerName.get(key) ?? byId.get(key);
}

/** The force whose website a URL belongs to, by host. */
export function forceByUrl(url: string): ForceEntry | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return FORCES.find((f) => f.domains.some((d) => host === d || host.endsWith(`.${d}`)));
}

/**
 * The force id a user means by a --force value (an id in any case, or a name or alias such as "Kent
 * Police"), or an error naming the nearest ids ("did you mean kent?"), so a typo is never a silent
 * "0 orders". Used by every command that takes a force.
 */
export function checkForceId(value: string): string {
  const key = value.trim().toLowerCase();
  const f = byId.get(key) ?? forceByName(key);
  if (f) return f.id;
  const ids = FORCES.map((x) => x.id);
  // Near misses: a small edit distance (a typo), or an id that starts with what was typed ("devon").
  const scored = ids
    .map((id) => ({ id, d: id.startsWith(key) && key.length >= 3 ? 0.5 : distance(key, id) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(key.length / 3)))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((x) => x.id);
  if (scored.length) throw new Error(`unknown force "${value}"; did you mean ${scored.join(' or ')}? (\`spo forces\` lists them)`);
  throw new Error(`unknown force "${value}"; force ids are: ${ids.join(', ')}`);
}
