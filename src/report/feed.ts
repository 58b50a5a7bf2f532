// The Atom feed for journalists (RFC 4287): one entry per order, rolling (the newest N entries of the
// last D days, not one run's changes, so a reader who polls weekly misses nothing), newest first, one
// feed for the country and one per force. Each entry belongs to the release its order came from: its
// link, title and publication date are that release's. Entry text is written for people and as plain
// text (never scraped markup), with the characters XML 1.0 forbids removed.
import { randomUUID, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../release/files.ts';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { create } from 'xmlbuilder2';
import type { Store } from '../store/index.ts';
import { feedOrders, forcesWithOrders, type FeedOrderRow } from '../store/queries/feed.ts';
import { instantOf } from '../release/dates.ts';
import { forceById } from '../domain/forces.ts';
import { DEFAULT_FEED_WINDOW, type FeedWindow } from './defaults.ts';

export { DEFAULT_FEED_WINDOW, type FeedWindow } from './defaults.ts';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** Where this install's feed lives: entry and feed ids are built from it, so they are stable and its own. */
export interface FeedSite {
  /** The public URL the data folder is served from (`https://example.org/spo/`), or null when unpublished. */
  baseUrl: string | null;
  /** A random id made once per data folder: ids of an install without a base URL. */
  installId: string;
  /** The data folder (self links of an unpublished feed are file URLs into it). */
  dataDir: string;
}

export interface FeedEntry {
  id: string;
  title: string;
  link: string | null;
  published: Date;
  updated: Date;
  summary: string;
  author: string;
  /** The force: term is its id, label its name. */
  category: { term: string; label: string } | null;
  orderId: string;
  releaseId: string;
}

/** What each condition means to a reader (the order's wording, short). Keys: the LABELING.md vocabulary. */
export const CONDITION_PHRASES: Record<string, string> = {
  contact: 'no contact',
  contact_family: 'no contact with the victim’s family',
  approach: 'must not approach the victim',
  surveillance: 'no following or monitoring',
  attend_address: 'must not go to the victim’s address',
  attend_workplace: 'must not go to the victim’s workplace',
  exclusion_zone: 'must stay out of an exclusion zone',
  publish: 'must not post about the victim',
  device_limit: 'limits on phones and devices',
  obstruct_police: 'must not obstruct the police',
  register_vehicle: 'must register vehicles',
  register_phone: 'must register phones and accounts',
  attend_programme: 'must attend a programme or treatment',
  declare_relationships: 'must declare relationships',
  notify_address: 'must tell police of address changes',
  home_visits: 'must allow home visits',
  report_to_station: 'must report to a police station',
  surrender_devices: 'must hand over devices or passwords',
};

// XML 1.0 allows tab, newline, carriage return and U+0020 up, less the surrogates and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// C1 controls are allowed by XML but are never text a person wrote (a feed reader shows boxes or worse).
const C1 = /[\u007F-\u009F]/g;

/** Text safe to put in an XML 1.0 document: characters XML forbids, and C1 controls, removed; spaces tidied. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(C1, '').replace(/[ \t]+/g, ' ').trim();
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "5 March 2024", "March 2024", "2024". */
export function readableDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y!;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d.slice(0, 2))} ${month} ${y}` : `${month} ${y}`;
}

/** "5-year", "18-month", "2-year-6-month" from P5Y, P18M, P2Y6M; null for anything else. */
function durationAdjective(duration: string | null): string | null {
  const m = duration?.match(/^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/);
  if (!m || !(m[1] || m[2] || m[3] || m[4])) return null;
  return [m[1] && `${m[1]}-year`, m[2] && `${m[2]}-month`, m[3] && `${m[3]}-week`, m[4] && `${m[4]}-day`].filter(Boolean).join('-');
}

function article(word: string): string {
  return /^[aeiou]|^8|^11-|^18-/i.test(word) ? 'an' : 'a';
}

/** "North Wales Police: a 5-year order against a 34-year-old man from Rhyl: no contact, must not go to the victim's address". */
export function entryTitle(o: FeedOrderRow): string {
  const force = o.force_name ?? 'Unknown force';
  const until = o.duration?.startsWith('until:') ? ` until ${readableDate(o.duration.slice(6))}` : '';
  const words = [
    o.duration === 'indefinite' ? 'indefinite' : durationAdjective(o.duration),
    o.kind === 'interim' ? 'interim' : null,
    'order',
  ].filter(Boolean) as string[];
  const what = `${article(words[0]!)} ${words.join(' ')}${until}`;
  const person = o.sex === 'male' ? 'man' : o.sex === 'female' ? 'woman' : null;
  const who = [o.age !== null ? `${o.age}-year-old` : null, person].filter(Boolean).join(' ');
  const against = who || o.town ? ` against ${who ? `${article(who)} ${who}` : 'someone'}${o.town ? ` from ${o.town}` : ''}` : '';
  const conditions = conditionPhrases(o);
  return xmlText(`${force}: ${what}${against}${conditions.length ? `: ${conditions.join(', ')}` : ''}`);
}

/** The same sentence for an order as `spo diff` and the changes files hold it (its merged fields). */
export function orderHeadline(forceId: string | null, f: Record<string, unknown>): string {
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const list = (v: unknown): string => JSON.stringify(Array.isArray(v) ? v : []);
  return entryTitle({
    order_id: '', force_id: forceId, force_name: (forceId ? forceById(forceId)?.name : null) ?? forceId,
    age: typeof f.age === 'number' ? f.age : null, sex: str(f.sex), town: str(f.town), court: str(f.court), kind: str(f.kind),
    made_on: str(f.made_on), duration: str(f.duration), first_seen_at: '', release_id: '', release_url: null, release_title: null,
    release_published: null, release_first_seen_at: '', last_reported: null, prohibitions: list(f.prohibitions), requirements: list(f.requirements),
  });
}

function conditionPhrases(o: FeedOrderRow): string[] {
  const terms = [...(JSON.parse(o.prohibitions) as string[]), ...(JSON.parse(o.requirements) as string[])];
  return terms.map((t) => CONDITION_PHRASES[t] ?? t.replace(/_/g, ' '));
}

/** The entry's text: the facts a title has no room for, then the release it came from. */
export function entrySummary(o: FeedOrderRow): string {
  const kind = o.kind === 'interim' ? 'An interim Stalking Protection Order' : o.kind === 'full' ? 'A full Stalking Protection Order' : 'A Stalking Protection Order';
  const made = [o.court ? `at ${o.court}` : null, o.made_on ? `on ${readableDate(o.made_on)}` : null].filter(Boolean).join(' ');
  const length =
    o.duration === 'indefinite' ? ', with no end date'
      : o.duration?.startsWith('until:') ? `, until ${readableDate(o.duration.slice(6))}`
        : durationAdjective(o.duration) ? `, for ${durationAdjective(o.duration)!.replace(/-/g, ' ').replace(/(\d+) (\w+)/g, (_s, n: string, u: string) => `${n} ${u}${n === '1' ? '' : 's'}`)}` : '';
  const p = (JSON.parse(o.prohibitions) as string[]).map((t) => CONDITION_PHRASES[t] ?? t);
  const r = (JSON.parse(o.requirements) as string[]).map((t) => CONDITION_PHRASES[t] ?? t);
  const parts = [
    `${kind}${made ? ` made ${made}` : ''}${length}.`,
    p.length ? `Prohibitions: ${p.join('; ')}.` : null,
    r.length ? `Requirements: ${r.join('; ')}.` : null,
    `Source: ${o.release_title ? `“${o.release_title}”` : 'a release'}${o.force_name ? `, ${o.force_name}` : ''}${o.release_published ? `, ${readableDate(o.release_published.slice(0, 10))}` : ''}.`,
  ];
  return xmlText(parts.filter(Boolean).join(' '));
}

/** A UUID made from a name within this install (RFC 4122 version 5 layout over SHA-256). */
function nameUuid(installId: string, name: string): string {
  const h = createHash('sha256').update(`${installId}\n${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A stable IRI for a thing of this install: under the base URL when there is one, else a name-based UUID. */
export function installIri(site: FeedSite, path: string): string {
  if (site.baseUrl) return new URL(path, site.baseUrl.endsWith('/') ? site.baseUrl : `${site.baseUrl}/`).href;
  return `urn:uuid:${nameUuid(site.installId, path)}`;
}

/** Where a file of the data folder is read from: under the base URL, else its file URL. */
function fileUrl(site: FeedSite, path: string): string {
  if (site.baseUrl) return installIri(site, path);
  return pathToFileURL(join(site.dataDir, path)).href;
}

/** The feed's entries, from the store, newest first. */
export function feedEntries(store: Store, site: FeedSite, opts: { window?: FeedWindow; now?: Date; forceId?: string | null } = {}): FeedEntry[] {
  const w = opts.window ?? DEFAULT_FEED_WINDOW;
  const now = opts.now ?? new Date();
  const since = w.days !== null ? new Date(now.getTime() - w.days * 86_400_000).toISOString() : null;
  return feedOrders(store, { since, limit: w.entries, forceId: opts.forceId ?? null }).map((row) => {
    // The official name from the force lexicon, whatever name the forces table was given.
    const o = { ...row, force_name: (row.force_id ? forceById(row.force_id)?.name : null) ?? row.force_name };
    const published = instantOf(o.release_published) ?? instantOf(o.release_first_seen_at) ?? new Date(o.first_seen_at);
    // Updated moves when a later release reports the order again (a court's full order, an appeal).
    const last = instantOf(o.last_reported);
    const updated = last && last > published ? last : published;
    return {
      id: installIri(site, `orders/${o.order_id}`),
      title: entryTitle(o),
      link: o.release_url,
      published,
      updated,
      summary: entrySummary(o),
      author: xmlText(o.force_name ?? 'Unknown force'),
      category: o.force_id ? { term: o.force_id, label: xmlText(o.force_name ?? o.force_id) } : null,
      orderId: o.order_id,
      releaseId: o.release_id,
    };
  });
}

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Atom 1.0 XML for entries; `path` is the feed's path in the data folder (`feed.xml`, `feeds/kent.xml`). */
export function buildFeed(entries: FeedEntry[], site: FeedSite, meta: { path: string; title: string; subtitle: string; now?: Date }): string {
  const updated = entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null) ?? meta.now ?? new Date();
  const feed = create({ version: '1.0', encoding: 'utf-8' }).ele(ATOM_NS, 'feed');
  feed.ele('id').txt(installIri(site, meta.path));
  feed.ele('title', { type: 'text' }).txt(xmlText(meta.title));
  feed.ele('subtitle', { type: 'text' }).txt(xmlText(meta.subtitle));
  feed.ele('updated').txt(iso(updated));
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: fileUrl(site, meta.path) });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: fileUrl(site, 'report.html') });
  const author = feed.ele('author');
  author.ele('name').txt('spo-tracker');
  if (site.baseUrl) author.ele('uri').txt(installIri(site, ''));
  feed.ele('generator').txt('spo-tracker');
  feed.ele('rights', { type: 'text' }).txt('Releases are the police forces’ text, linked from each entry; the extracted data is spo-tracker’s (see DATA-LICENSE.md).');
  for (const e of entries) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(e.id);
    entry.ele('title', { type: 'text' }).txt(e.title);
    if (e.link) entry.ele('link', { rel: 'alternate', type: 'text/html', href: xmlText(e.link) });
    entry.ele('published').txt(iso(e.published));
    entry.ele('updated').txt(iso(e.updated));
    entry.ele('author').ele('name').txt(e.author);
    if (e.category) entry.ele('category', { term: e.category.term, label: e.category.label, scheme: installIri(site, 'forces/') });
    entry.ele('summary', { type: 'text' }).txt(e.summary);
  }
  return feed.end({ prettyPrint: true });
}

/** The install id of a data folder: made once, kept in `install-id` there. */
export function installIdOf(dataDir: string): string {
  const path = join(dataDir, 'install-id');
  if (existsSync(path)) {
    const id = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/.test(id)) return id;
  }
  const id = randomUUID();
  mkdirSync(dataDir, { recursive: true });
  // Whole or not at all: a half-written id (a full disk) would give the feed another id next time.
  writeFileAtomic(path, `${id}\n`);
  return id;
}

/** The site of a data folder: its base URL from the option or $SPO_BASE_URL, its install id. */
export function feedSite(dataDir: string, baseUrl?: string | null): FeedSite {
  const url = checkBaseUrl(baseUrl ?? process.env.SPO_BASE_URL ?? null);
  return { baseUrl: url, installId: installIdOf(dataDir), dataDir };
}

/** A base URL as given, or a clear error naming the option (checked before a run starts). */
export function checkBaseUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--base-url (or $SPO_BASE_URL) must be an absolute URL such as https://example.org/spo/, got "${url}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`--base-url (or $SPO_BASE_URL) must be an http(s) URL, got "${url}"`);
  return u.href;
}

/** Write `feed.xml` (every force) and `feeds/<force>.xml` (one per force with orders) into the data folder. */
export function writeFeeds(
  store: Store,
  site: FeedSite,
  opts: { window?: FeedWindow; now?: Date } = {},
): { path: string; entries: number; forces: { force_id: string; path: string; entries: number }[] } {
  mkdirSync(join(site.dataDir, 'feeds'), { recursive: true });
  const all = feedEntries(store, site, opts);
  const path = join(site.dataDir, 'feed.xml');
  writeFileAtomic(path, buildFeed(all, site, {
    path: 'feed.xml',
    title: 'Stalking Protection Orders in England and Wales',
    subtitle: 'Orders found in police press releases by spo-tracker, newest first',
    now: opts.now,
  }));
  // Force ids come from the force lexicon; anything else would not make a safe file name.
  const forces = forcesWithOrders(store).filter((f) => /^[a-z0-9-]+$/.test(f.force_id)).map((f) => {
    const entries = feedEntries(store, site, { ...opts, forceId: f.force_id });
    const rel = `feeds/${f.force_id}.xml`;
    const p = join(site.dataDir, rel);
    writeFileAtomic(p, buildFeed(entries, site, {
      path: rel,
      title: `Stalking Protection Orders: ${forceById(f.force_id)?.name ?? f.name ?? f.force_id}`,
      subtitle: `Orders found in ${forceById(f.force_id)?.name ?? f.name ?? f.force_id} press releases by spo-tracker, newest first`,
      now: opts.now,
    }));
    return { force_id: f.force_id, path: p, entries: entries.length };
  });
  return { path, entries: all.length, forces };
}
