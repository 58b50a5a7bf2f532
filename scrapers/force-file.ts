// Overrides of the force table without code: a force file (YAML or JSON) changes a force's origin, news
// listing, feed, platform or strategy, and adds former hosts. Validated against
// schemas/force-file.schema.json; every error names the file, the force and the field.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import yaml from 'js-yaml';
import { projectPath } from '../src/domain/project.ts';
import { FORCE_SITES, type ForceSite, type ForceStrategy } from './forces.ts';
import { PLATFORM_MODULES, type PlatformId } from './platforms/index.ts';

export interface ForceOverride {
  origin?: string;
  listing?: string;
  feed?: string;
  platform?: PlatformId;
  strategy?: ForceStrategy;
  sohSlug?: string;
  formerHosts?: string[];
}

export interface ForceFile {
  /** Where it was read from (for messages). */
  path: string;
  forces: Record<string, ForceOverride>;
}

const schema = createRequire(import.meta.url)(projectPath('schemas/force-file.schema.json')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** `forces.yaml` then `forces.json` in the data folder: the force file used when none is named. */
export function defaultForceFile(dataDir: string): string | null {
  for (const name of ['forces.yaml', 'forces.yml', 'forces.json']) {
    const p = join(dataDir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

function describeError(path: string, e: ErrorObject): string {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = parts[0] === 'forces' && parts[1] ? `force "${parts[1]}"${parts[2] ? `, field "${parts.slice(2).join('.')}"` : ''}` : parts.length ? `field "${parts.join('.')}"` : 'top level';
  let what = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return `${path}: ${where === 'top level' ? '' : `${where}: `}unknown field "${extra}"${parts[0] === 'forces' && parts[1] ? ' (known: origin, listing, feed, platform, strategy, sohSlug, formerHosts)' : ' (the file holds one key, "forces")'}`;
  }
  if (e.keyword === 'enum') what = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'pattern' && parts[2] === 'origin') what = 'must be a scheme and host only, e.g. https://www.example.police.uk';
  if (e.keyword === 'pattern' && (parts[2] === 'listing' || parts[2] === 'feed')) what = 'must be a path starting with / or an http(s) URL';
  if (e.keyword === 'propertyNames') what = 'force ids are lower-case words joined by hyphens';
  return `${path}: ${where}: ${what}`;
}

/** Read and check a force file. Throws one Error listing every problem, each naming the file, the force and the field. */
export function loadForceFile(path: string): ForceFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read the force file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : yaml.load(text);
  } catch (e) {
    throw new Error(`${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === undefined || data === null) data = { forces: {} };
  const problems: string[] = [];
  if (!validate(data)) problems.push(...(validate.errors ?? []).map((e) => describeError(path, e)));
  const forces = ((data as { forces?: Record<string, ForceOverride> }).forces ?? {}) as Record<string, ForceOverride>;
  const known = new Set(FORCE_SITES.map((f) => f.id));
  for (const [id, o] of Object.entries(forces)) {
    if (!known.has(id)) problems.push(`${path}: force "${id}": not one of the 44 forces (see \`spo forces\`)`);
    if (!o || typeof o !== 'object') continue;
    const base = FORCE_SITES.find((f) => f.id === id);
    const origin = o.origin ?? base?.origin;
    for (const field of ['listing', 'feed'] as const) {
      const v = o[field];
      if (typeof v === 'string' && /^https?:\/\//.test(v) && origin && field === 'listing' && new URL(v).origin !== new URL(origin).origin)
        problems.push(`${path}: force "${id}", field "listing": ${v} is not on the force's origin ${new URL(origin).origin} (change "origin" too)`);
    }
    // Platforms are the modules of scrapers/platforms: checked against the registry, not listed in the schema.
    const platforms = [...Object.keys(PLATFORM_MODULES), 'generic'];
    if (typeof o.platform === 'string' && !platforms.includes(o.platform))
      problems.push(`${path}: force "${id}", field "platform": must be one of ${platforms.map((p) => JSON.stringify(p)).join(', ')}`);
    if (o.strategy === 'platform' && (o.platform ?? base?.platform ?? 'generic') === 'generic')
      problems.push(`${path}: force "${id}", field "strategy": "platform" needs a platform with a scraper (set "platform": ${Object.keys(PLATFORM_MODULES).join(', ')})`);
    if ((o.platform ?? base?.platform) === 'soh' && !o.sohSlug && !(base?.platform === 'soh') && !(o.listing && /\/news\/[a-z0-9-]+\//.test(o.listing)))
      problems.push(`${path}: force "${id}", field "sohSlug": an SOH force needs its slug (or a listing /news/<slug>/news/)`);
  }
  if (problems.length) throw new Error(problems.length === 1 ? problems[0]! : `${problems.length} problems in the force file:\n  ${problems.join('\n  ')}`);
  return { path, forces };
}

/** The force table with a force file's overrides applied (the built-in table when there is no file). */
export function applyForceFile(file: ForceFile | null, sites: readonly ForceSite[] = FORCE_SITES): ForceSite[] {
  if (!file) return [...sites];
  return sites.map((site) => {
    const o = file.forces[site.id];
    if (!o) return site;
    const origin = o.origin ? new URL(o.origin).origin : site.origin;
    const platform = o.platform === 'generic' ? null : (o.platform ?? site.platform);
    const listingPath = o.listing ? new URL(o.listing, origin).pathname + new URL(o.listing, origin).search : site.listingPath;
    // `sohSlug` is the SOH platform's `slug` setting: named for its platform in the file, one setting among the platform's here.
    const slug = o.sohSlug ?? (platform === 'soh' ? (site.settings.slug ?? (site.platform === 'soh' ? site.id : listingPath?.match(/^\/news\/([a-z0-9-]+)\//)?.[1])) : undefined);
    const settings = slug ? { ...site.settings, slug } : site.settings;
    const next: ForceSite = {
      ...site,
      origin,
      platform,
      settings,
      listingPath: listingPath ?? (platform && platform !== 'generic' ? (PLATFORM_MODULES[platform].listingPath?.(site.id, settings) ?? null) : null),
      feedUrl: o.feed ? new URL(o.feed, origin).href : site.feedUrl,
      strategy: o.strategy ?? (o.platform === 'generic' ? 'generic' : site.strategy),
      formerHosts: [...new Set([...site.formerHosts, ...(o.formerHosts ?? [])])],
      overridden: Object.keys(o),
      note: `${site.note}; overridden by ${file.path} (${Object.keys(o).join(', ')})`,
    };
    return next;
  });
}

/** The effective force table: the built-in one with the named force file, else the data folder's, applied. */
export function loadForceSites(opts: { forcesFile?: string | null; dataDir?: string } = {}): { sites: ForceSite[]; file: string | null } {
  const path = opts.forcesFile ?? defaultForceFile(opts.dataDir ?? 'data');
  const file = path ? loadForceFile(path) : null;
  return { sites: applyForceFile(file), file: path };
}
