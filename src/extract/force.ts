// The force that issued a release or obtained its orders, by official name: the release URL's
// domain first, then the front matter (force, area), then the force names the text uses.
import { FORCES, forceByName, forceByUrl, type ForceEntry } from '../domain/forces.ts';
import type { ReleaseDocument } from '../domain/types.ts';

export interface ForceFinding {
  force: ForceEntry;
  /** 'url' | 'front-matter' | 'text' */
  source: 'url' | 'front-matter' | 'text';
  /** For text findings: the span of the first mention in the searched text. */
  index?: number;
  end?: number;
  detail: string;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

/** Base names ("Kent", "Avon and Somerset") for the name variants texts use. */
function baseNames(f: ForceEntry): string[] {
  const out = new Set<string>();
  for (const n of [f.name, ...f.aliases]) {
    const m = /^(.*?)\s+(?:Police Service|Police|Constabulary)$/i.exec(n);
    if (m && m[1]!.length > 2) out.add(m[1]!);
  }
  return [...out];
}

interface Pattern {
  re: RegExp;
  force: ForceEntry;
}

let compiled: Pattern[] | null = null;

function patterns(): Pattern[] {
  if (compiled) return compiled;
  const list: Array<{ src: string; force: ForceEntry; len: number; cs: boolean }> = [];
  for (const f of FORCES) {
    for (const b of baseNames(f)) {
      const src = `\\b${escapeRegex(b)}(?:'s)?\\s+(?:Police|Constabulary|police\\s+force)\\b`;
      list.push({ src, force: f, len: b.length, cs: false });
      // "Police in Cumbria have secured...": the force of that area.
      list.push({ src: `\\b(?:[Pp]olice|[Oo]fficers)\\s+in\\s+${escapeRegex(b)}\\b(?!\\s+(?:Police|Constabulary))`, force: f, len: b.length, cs: true });
    }
    for (const a of f.aliases) {
      if (/^[A-Z]{2,4}$/.test(a)) list.push({ src: `\\b${a}\\b`, force: f, len: a.length, cs: true });
      else if (/^Heddlu\b/.test(a)) list.push({ src: `\\b${escapeRegex(a)}\\b`, force: f, len: a.length, cs: false });
    }
    if (f.id === 'metropolitan' || /Metropolitan/.test(f.name)) {
      list.push({ src: '\\bthe\\s+Met\\b(?!\\s+Office)', force: f, len: 7, cs: true });
      list.push({ src: '\\bScotland\\s+Yard\\b', force: f, len: 13, cs: false });
    }
  }
  // Longer names first so "North Yorkshire Police" is not read as "Yorkshire Police".
  list.sort((a, b) => b.len - a.len);
  compiled = list.map((p) => ({ re: new RegExp(p.src, p.cs ? 'g' : 'gi'), force: p.force }));
  return compiled;
}

/** The force a front matter `force` or `area` value names ("Kent" -> Kent Police). */
export function forceFromArea(area: string): ForceEntry | undefined {
  const a = area.trim();
  if (!a) return undefined;
  return (
    forceByName(a) ??
    forceByName(`${a} Police`) ??
    forceByName(`${a} Constabulary`) ??
    FORCES.find((f) => baseNames(f).some((b) => b.toLowerCase() === a.toLowerCase()))
  );
}

/** Force names mentioned in a text: the most often named force (ties: the first named). */
export function forceFromText(text: string): ForceFinding | undefined {
  const counts = new Map<ForceEntry, { n: number; index: number; end: number; detail: string }>();
  const taken: Array<[number, number]> = [];
  for (const p of patterns()) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      const s = m.index;
      const e = s + m[0].length;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      taken.push([s, e]);
      const c = counts.get(p.force);
      if (c) c.n++;
      else counts.set(p.force, { n: 1, index: s, end: e, detail: m[0] });
    }
  }
  let best: [ForceEntry, { n: number; index: number; end: number; detail: string }] | undefined;
  for (const entry of counts) {
    if (!best || entry[1].n > best[1].n || (entry[1].n === best[1].n && entry[1].index < best[1].index)) best = entry;
  }
  // Three or more forces named equally often: a regional or national piece, about no one force.
  if (best && [...counts.values()].filter((c) => c.n === best[1].n).length >= 3) return undefined;
  return best ? { force: best[0], source: 'text', index: best[1].index, end: best[1].end, detail: best[1].detail } : undefined;
}

/** The force of a release: URL domain, front matter, then the text (`text` is the normalised body). */
export function findForce(doc: ReleaseDocument, text: string): ForceFinding | undefined {
  const urls = [doc.url, doc.frontMatter.og?.url, doc.frontMatter.url].filter((u): u is string => typeof u === 'string');
  for (const u of urls) {
    const f = forceByUrl(u);
    if (f) return { force: f, source: 'url', detail: `url: ${u}` };
  }
  for (const key of ['force', 'area'] as const) {
    const v = doc.frontMatter[key];
    if (typeof v === 'string') {
      const f = forceFromArea(v);
      if (f) return { force: f, source: 'front-matter', detail: `${key}: ${v}` };
    }
  }
  return forceFromText(text) ?? (doc.title ? forceFromText(doc.title) : undefined);
}
