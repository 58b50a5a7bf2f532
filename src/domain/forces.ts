import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import { projectPath } from './project.ts';

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
}

const require = createRequire(import.meta.url);
/** The 44 forces of England and Wales plus BTP: data shared by extraction and the scrapers. */
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
