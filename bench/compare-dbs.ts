// Compare what two databases built by spo hold: release documents and their text hashes, the fields
// extracted from each release (mentions, conditions, evidence spans) and the orders. Use it to show a
// refactoring changed nothing: build a database with the old code and one with the new, then
//   npm run compare-dbs -- old.sqlite new.sqlite [--limit N] [--json]
// Exit 0: the same; 1: differences (printed); 2: bad arguments or an unreadable database.
//
// Replica crawls run on a fresh port each time, so URLs, the ids derived from them and the text hashes
// differ between two crawls of the same sites. Every http://127.0.0.1:PORT (or localhost) origin is read
// as one ORIGIN, releases are matched by URL (else by id), mentions by release and position, and orders
// by the mentions they merge; ids and stored hashes are compared only when no origin had to be rewritten.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type DatabaseContents, openStore } from '../src/store/index.ts';

const LOCAL_ORIGIN = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+/g;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Records = Map<string, Record<string, Json>>;

export interface Comparison {
  /** Categories compared, each with its counts and differences. */
  categories: { name: string; a: number; b: number; onlyA: string[]; onlyB: string[]; changed: { key: string; fields: string[] }[] }[];
  /** Whether local origins were rewritten (ids and stored hashes then not compared). */
  originsRewritten: boolean;
  same: boolean;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Everything in one database, keyed so that the same release/mention/order in the other has the same key. */
function records(c: DatabaseContents): { cats: Record<string, Records>; rewritten: boolean } {
  let rewritten = false;
  const n = <T extends string | null>(s: T): T => {
    if (s === null) return s;
    const out = s.replace(LOCAL_ORIGIN, 'http://ORIGIN');
    if (out !== s) rewritten = true;
    return out as T;
  };
  // A document's place relative to the data folder (data/releases/<force>/<year>/<slug>.md).
  const doc = (p: string | null): string | null => (p === null ? null : (p.match(/[\\/]releases[\\/].*$/)?.[0].replace(/\\/g, '/') ?? p));

  const releaseKey = new Map<string, string>();
  for (const r of c.releases) releaseKey.set(r.release_id, r.url ? n(r.url) : `id:${r.release_id}`);
  const mentionKey = new Map<number, string>();
  for (const m of c.mentions) mentionKey.set(m.mention_id, `${releaseKey.get(m.release_id) ?? `id:${m.release_id}`}#${m.ordinal}`);

  const revisionsOf = new Map<string, typeof c.revisions>();
  for (const v of c.revisions) revisionsOf.set(v.release_id, [...(revisionsOf.get(v.release_id) ?? []), v]);
  const releases: Records = new Map();
  for (const r of c.releases) {
    const revs = revisionsOf.get(r.release_id) ?? [];
    const current = revs.find((v) => v.content_hash === r.content_hash);
    releases.set(releaseKey.get(r.release_id)!, {
      release_id: r.release_id,
      force_id: r.force_id,
      title: n(r.title),
      published: r.published,
      status: r.status,
      is_spo: r.is_spo,
      source: r.source,
      document: doc(r.document_path),
      content_hash: r.content_hash,
      text: current ? sha(n(current.body)) : null,
      front_matter: current ? sha(n(current.front_matter)) : null,
      revisions: revs.map((v) => sha(n(v.body))).sort(),
    });
  }

  const conds = new Map<number, string[]>();
  for (const x of c.mentionConditions) conds.set(x.mention_id, [...(conds.get(x.mention_id) ?? []), `${x.condition_type}:${x.term}`]);
  const evidence: Records = new Map();
  const evidenceOf = new Map<string, string[]>();
  for (const e of c.evidence) {
    const key = e.mention_id === null ? `${releaseKey.get(e.release_id) ?? `id:${e.release_id}`}#release` : (mentionKey.get(e.mention_id) ?? `mention:${e.mention_id}`);
    evidenceOf.set(key, [...(evidenceOf.get(key) ?? []), `${e.field}=${n(e.value)} [${e.char_start}-${e.char_end}] ${sha(n(e.sentence))}`]);
  }
  for (const [k, list] of evidenceOf) evidence.set(k, { spans: list.sort() });

  const ordersByMention = new Map<string, string[]>();
  for (const m of c.mentions) if (m.order_id) ordersByMention.set(m.order_id, [...(ordersByMention.get(m.order_id) ?? []), mentionKey.get(m.mention_id)!]);
  const orderKey = new Map<string, string>();
  for (const o of c.orders) orderKey.set(o.order_id, (ordersByMention.get(o.order_id) ?? [`order:${o.order_id}`]).sort().join(' + '));

  const mentions: Records = new Map();
  for (const m of c.mentions) {
    mentions.set(mentionKey.get(m.mention_id)!, {
      age: m.age, sex: m.sex, town: m.town, court: m.court, kind: m.kind, made_on: m.made_on, duration: m.duration,
      town_lat: m.town_lat, town_lon: m.town_lon,
      conditions: (conds.get(m.mention_id) ?? []).sort(),
      order: m.order_id ? (orderKey.get(m.order_id) ?? `order:${m.order_id}`) : null,
      order_id: m.order_id,
    });
  }

  const oconds = new Map<string, string[]>();
  for (const x of c.orderConditions) oconds.set(x.order_id, [...(oconds.get(x.order_id) ?? []), `${x.condition_type}:${x.term}`]);
  const links = new Map<string, string[]>();
  for (const l of c.orderLinks) {
    const line = `${l.link_type} ${orderKey.get(l.other_order_id) ?? l.other_order_id} (${l.score ?? '-'}: ${n(l.reason) ?? ''})`;
    links.set(l.order_id, [...(links.get(l.order_id) ?? []), line]);
  }
  const orders: Records = new Map();
  for (const o of c.orders) {
    orders.set(orderKey.get(o.order_id)!, {
      order_id: o.order_id,
      case: orderKey.get(o.case_id) ?? o.case_id,
      force_id: o.force_id,
      age: o.age, sex: o.sex, town: o.town, court: o.court, kind: o.kind, made_on: o.made_on, duration: o.duration,
      town_lat: o.town_lat, town_lon: o.town_lon,
      conditions: (oconds.get(o.order_id) ?? []).sort(),
      links: (links.get(o.order_id) ?? []).sort(),
    });
  }
  return { cats: { releases, mentions, evidence, orders }, rewritten };
}

/** Fields that name things by id or stored hash: equal only when both databases saw the same origins. */
const ID_FIELDS = new Set(['release_id', 'order_id', 'content_hash']);

export function compareContents(a: DatabaseContents, b: DatabaseContents): Comparison {
  const ra = records(a);
  const rb = records(b);
  const originsRewritten = ra.rewritten || rb.rewritten;
  const categories: Comparison['categories'] = [];
  for (const name of Object.keys(ra.cats)) {
    const x = ra.cats[name]!;
    const y = rb.cats[name]!;
    const onlyA = [...x.keys()].filter((k) => !y.has(k)).sort();
    const onlyB = [...y.keys()].filter((k) => !x.has(k)).sort();
    const changed: { key: string; fields: string[] }[] = [];
    for (const [k, va] of x) {
      const vb = y.get(k);
      if (!vb) continue;
      const fields = Object.keys({ ...va, ...vb })
        .filter((f) => !(originsRewritten && ID_FIELDS.has(f)))
        .filter((f) => JSON.stringify(va[f] ?? null) !== JSON.stringify(vb[f] ?? null))
        .map((f) => `${f}: ${JSON.stringify(va[f] ?? null)} -> ${JSON.stringify(vb[f] ?? null)}`);
      if (fields.length) changed.push({ key: k, fields });
    }
    changed.sort((p, q) => p.key.localeCompare(q.key));
    categories.push({ name, a: x.size, b: y.size, onlyA, onlyB, changed });
  }
  const same = categories.every((c) => !c.onlyA.length && !c.onlyB.length && !c.changed.length);
  return { categories, originsRewritten, same };
}

function readDatabase(path: string): DatabaseContents {
  if (!existsSync(path)) throw new Error(`no database at ${path}`);
  const store = openStore(path, { readonly: true });
  try {
    return store.contents();
  } finally {
    store.close();
  }
}

function format(c: Comparison, names: [string, string], limit: number): string {
  const lines = [`comparing ${names[0]} (A) with ${names[1]} (B)`];
  if (c.originsRewritten) lines.push('local origins rewritten to http://ORIGIN: release/order ids and stored text hashes not compared');
  for (const cat of c.categories) {
    const diff = cat.onlyA.length + cat.onlyB.length + cat.changed.length;
    lines.push(`${cat.name.padEnd(9)} A ${String(cat.a).padStart(6)}  B ${String(cat.b).padStart(6)}  ${diff ? `${cat.onlyA.length} only in A, ${cat.onlyB.length} only in B, ${cat.changed.length} differ` : 'same'}`);
    for (const k of cat.onlyA.slice(0, limit)) lines.push(`  only in A: ${k}`);
    for (const k of cat.onlyB.slice(0, limit)) lines.push(`  only in B: ${k}`);
    for (const d of cat.changed.slice(0, limit)) lines.push(`  differs: ${d.key}`, ...d.fields.map((f) => `    ${f}`));
    const more = cat.onlyA.length + cat.onlyB.length + cat.changed.length - Math.min(limit, cat.onlyA.length) - Math.min(limit, cat.onlyB.length) - Math.min(limit, cat.changed.length);
    if (more > 0) lines.push(`  ... and ${more} more (--limit N)`);
  }
  lines.push(c.same ? 'the same' : 'DIFFERENT');
  return lines.join('\n');
}

function main(argv: string[]): number {
  const args = argv.filter((x) => !x.startsWith('--'));
  const json = argv.includes('--json');
  const li = argv.indexOf('--limit');
  const limit = li >= 0 ? Number(argv[li + 1]) : 20;
  if (li >= 0) args.splice(args.indexOf(argv[li + 1]!), 1);
  if (args.length !== 2 || !Number.isInteger(limit) || limit < 0) {
    console.error('usage: npm run compare-dbs -- A.sqlite B.sqlite [--limit N] [--json]');
    return 2;
  }
  try {
    const c = compareContents(readDatabase(args[0]!), readDatabase(args[1]!));
    console.log(json ? JSON.stringify(c, null, 2) : format(c, [args[0]!, args[1]!], limit));
    return c.same ? 0 : 1;
  } catch (e) {
    console.error(`compare-dbs: ${(e as Error).message}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
