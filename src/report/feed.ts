// The Atom feed for journalists, written by `spo nightly`: one entry per new or changed order (and per
// new or changed SPO release that brought no order entry), each linking to the source release. Built
// with the `feed` package.
import { Feed } from 'feed';
import type { DiffResult } from '../diff/index.ts';

export interface FeedEntry {
  id: string;
  title: string;
  link: string;
  date: Date;
  summary: string;
  /** order:new, order:changed, release:new, release:changed */
  category: string;
}

const FEED_ID = 'urn:spo-tracker:feed';

function describe(f: Record<string, unknown> | null): string {
  if (!f) return 'order';
  const who = [f.sex, f.age !== null && f.age !== undefined ? `${f.age}-year-old` : null, f.town ? `from ${f.town}` : null].filter(Boolean).join(' ');
  const kind = f.kind === 'interim' ? 'Interim Stalking Protection Order' : f.kind === 'full' ? 'Full Stalking Protection Order' : 'Stalking Protection Order';
  return `${kind}${who ? `: ${who}` : ''}`;
}

/** The entries for one run's changes. Entry ids are unique per run, so a change to an order is a new entry. */
export function feedEntries(d: DiffResult, runId: number | null): FeedEntry[] {
  const entries: FeedEntry[] = [];
  const covered = new Set<string>();
  for (const o of d.orders) {
    if (o.event === 'removed') continue;
    const src = o.releases.find((r) => r.url) ?? o.releases[0];
    const f = o.fields ?? {};
    const facts = [
      f.force_id ? `force ${f.force_id}` : null,
      f.court ? `court ${f.court}` : null,
      f.made_on ? `made ${f.made_on}` : null,
      f.duration ? `duration ${f.duration}` : null,
      Array.isArray(f.prohibitions) && f.prohibitions.length ? `prohibits ${(f.prohibitions as string[]).join(', ')}` : null,
      Array.isArray(f.requirements) && f.requirements.length ? `requires ${(f.requirements as string[]).join(', ')}` : null,
    ].filter(Boolean);
    const summary = o.event === 'changed' ? `Changed: ${o.changes.join('; ')}. Now: ${facts.join('; ')}.` : `${facts.join('; ')}.`;
    entries.push({
      id: `urn:spo-tracker:run:${runId ?? 'none'}:order:${o.order_id}`,
      title: `${o.event === 'new' ? 'New' : 'Updated'}: ${describe(o.fields)}${src?.title ? ` (${src.title})` : ''}`,
      link: src?.url ?? `urn:spo-tracker:release:${src?.release_id ?? 'unknown'}`,
      date: new Date(o.at),
      summary,
      category: `order:${o.event}`,
    });
    for (const r of o.releases) covered.add(r.release_id);
  }
  for (const r of d.releases) {
    if (r.event === 'gone' || !r.is_spo || covered.has(r.release_id)) continue;
    entries.push({
      id: `urn:spo-tracker:run:${runId ?? 'none'}:release:${r.release_id}`,
      title: `${r.event === 'new' ? 'New release' : 'Release updated'}: ${r.title ?? r.url ?? r.release_id}`,
      link: r.url ?? `urn:spo-tracker:release:${r.release_id}`,
      date: new Date(r.at),
      summary: r.orders.length ? r.orders.map((o) => o.changes.join('; ')).join(' | ') : r.event === 'changed' ? 'The text changed; the orders it reports did not.' : 'No specific order found.',
      category: `release:${r.event}`,
    });
  }
  return entries;
}

/** Atom 1.0 XML. */
export function buildFeed(entries: FeedEntry[], opts: { updated: Date; runId: number | null; link?: string }): string {
  const feed = new Feed({
    id: FEED_ID,
    title: 'Stalking Protection Orders: new and changed',
    description: 'New and changed Stalking Protection Orders found in police press releases by spo-tracker',
    link: opts.link ?? 'https://github.com/spo-tracker/spo-tracker',
    updated: opts.updated,
    generator: `spo-tracker nightly (run ${opts.runId ?? '-'})`,
    copyright: 'Data from police press releases; see each linked source',
  });
  for (const e of entries) {
    feed.addItem({ id: e.id, title: e.title, link: e.link, date: e.date, description: e.summary, category: [{ name: e.category, term: e.category }] });
  }
  return feed.atom1();
}
