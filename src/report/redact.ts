// Redaction for safe sharing (`--redact`): the subjects of SPOs are often never charged, and releases name
// them, their victims, officers and streets. Personal names and street-level addresses are replaced in
// titles, evidence sentences and searchable text; towns, courts, forces and conditions are kept.
// Names are found three ways, and every word of a name found once is removed wherever it appears (a
// release says "Philip Jerome" once and "Jerome" after): compromise's person recognition, titles and
// ranks ("Ms Piper", "Detective Inspector Cate Webb-Jones", "District Judge David Robinson"), and the
// "Name Name, 44," pattern of court reporting. It errs towards removing too much: a redacted file is
// for sharing, the full database stays with its keeper.
import { createRequire } from 'node:module';
import type nlpType from 'compromise';
import { FORCES } from '../domain/forces.ts';
import { databaseId } from '../domain/ids.ts';
import { lookupTown } from '../extract/gazetteer.ts';
import type { Store } from '../store/index.ts';
import { releaseTexts } from '../store/queries/redact.ts';
import type { ExportKind, Row } from './columns.ts';

export const NAME_MARK = '[name]';
export const ADDRESS_MARK = '[address]';

let nlpLoaded: typeof nlpType | undefined;
const nlp = (text: string): ReturnType<typeof nlpType> => (nlpLoaded ??= createRequire(import.meta.url)('compromise') as typeof nlpType)(text);

const RANKS =
  "(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|PC|DC|DS|DI|DCI|DCS|DSU|Supt|Ch Supt|Sgt|Insp|PCSO|Cllr|Councillor|" +
  '(?:Detective |Police |Temporary |Acting |Deputy |Assistant |Chief |Chief Superintendent |District |Crown |Circuit |His Honour |Her Honour )*' +
  '(?:Constable|Sergeant|Inspector|Superintendent|Commissioner|Officer|Judge|Recorder|Magistrate|Prosecutor))\\.?';
const NAME_WORD = "[A-Z][a-zA-Z'’]+(?:-[A-Z][a-zA-Z'’]+)?";
const AFTER_RANK = new RegExp(`\\b${RANKS}\\s+((?:${NAME_WORD})(?:\\s+${NAME_WORD}){0,2})`, 'g');
const NAME_AGE = new RegExp(`\\b(${NAME_WORD}(?:\\s+${NAME_WORD}){1,2}),?\\s+(?:aged\\s+)?\\(?\\d{1,3}\\)?[,)]`, 'g');
const NAMED_AS = new RegExp(`\\b(?:named as|name is|called|charged is|defendant,?)\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})`, 'g');

// Streets: optional house number, one to three capitalised words, a street word. "Court" is left out
// (courts are kept), and so is anything the gazetteer knows as a town ("Burgess Hill").
const STREET_WORDS = 'Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Crescent|Grove|Place|Gardens|Terrace|Way|Walk|Row|Square|Mews|Rise|Hill|Parade|Green|Vale|View|Fields|Park|Wharf|Yard|Gate|Approach|Boulevard|Broadway|Hollow|Croft|Meadows?';
const STREET = new RegExp(`\\b(?:\\d{1,4}[A-Za-z]?,?\\s+)?(?:${NAME_WORD}\\s+){1,3}(?:${STREET_WORDS})\\b\\.?`, 'g');
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;

/** Words that are never a person's name here (they start names of forces, courts, orders, places). */
const NOT_NAMES = new Set(
  [
    'Stalking', 'Protection', 'Prevention', 'Order', 'Orders', 'Police', 'Constabulary', 'Court', 'Courts', 'Magistrates', 'Crown', 'Judge',
    'District', 'Detective', 'Inspector', 'Sergeant', 'Constable', 'Superintendent', 'Chief', 'Officer', 'The', 'A', 'An', 'He', 'She', 'They',
    'His', 'Her', 'Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'PC', 'DC', 'DS', 'DI', 'Supt', 'Sgt', 'SPO', 'SPOs', 'CPS', 'Interim', 'Full', 'Domestic',
    'Violence', 'Abuse', 'Public', 'Unit', 'Team', 'Act', 'Trust', 'National', 'Helpline', 'Doctor', 'Who', 'Street', 'Road', 'North', 'South',
    'East', 'West', 'Greater', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March',
    'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Published', 'Author', 'Unsplash', 'Archive',
  ].map((w) => w.toLowerCase()),
);
for (const f of FORCES) for (const w of [f.name, ...f.aliases].join(' ').split(/\s+/)) NOT_NAMES.add(w.toLowerCase());

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Split words a page glued together ("Tim Baker20 January", "KimbreyPublished") before looking for names. */
const unglue = (text: string): string => text.replace(/([a-z])([A-Z0-9])/g, '$1 $2');

/** The personal names in a text: each as found, longest first, and the words they are made of. */
export function namesIn(text: string): { names: string[]; words: string[] } {
  const t = unglue(text);
  const found = new Set<string>();
  const add = (s: string) => {
    const name = s.replace(/[\s,.;:/]+$/, '').replace(/^(?:the|a|an)\s+/i, '').trim();
    if (!name || lookupTown(name) || courtLike(name)) return;
    found.add(name);
  };
  for (const p of nlp(t).people().out('array') as string[]) add(p.split('/')[0]!);
  for (const re of [AFTER_RANK, NAME_AGE, NAMED_AS]) for (const m of t.matchAll(re)) add(m[1]!);
  const words = new Set<string>();
  for (const n of found) {
    for (const w of n.split(/[\s]+/)) {
      const word = w.replace(/['’]s$/, '').replace(/[^A-Za-z'’-]/g, '');
      if (word.length < 3 || !/^[A-Z]/.test(word) || NOT_NAMES.has(word.toLowerCase()) || lookupTown(word)) continue;
      words.add(word);
    }
  }
  return { names: [...found].sort((a, b) => b.length - a.length), words: [...words].sort((a, b) => b.length - a.length) };
}

function courtLike(s: string): boolean {
  return /\b(?:Court|Magistrates|Police|Constabulary|Order|Tribunal)\b/.test(s) || FORCES.some((f) => f.name === s || f.aliases.includes(s));
}

/**
 * A text with personal names and street addresses replaced. `extraNames`: names found elsewhere in the
 * same release (its body, for its title and evidence sentences).
 */
export function redactText(text: string, extraNames: string[] = []): string {
  const { words } = namesIn(text);
  const all = [...new Set([...words, ...extraNames])].sort((a, b) => b.length - a.length);
  let out = text.replace(STREET, (m) => (lookupTown(m.replace(/^\d+[A-Za-z]?,?\s+/, '').trim()) ? m : ADDRESS_MARK));
  out = out.replace(POSTCODE, ADDRESS_MARK); // a full postcode is a street; a district (NW1) is kept
  // A name word goes wherever it starts a word (glued text too: "KimbreyPublished"), and in any case
  // for a slug ("billie-pipers").
  for (const w of all) out = out.replace(new RegExp(`(?<![A-Za-z])${escapeRe(w)}`, 'g'), NAME_MARK);
  // "[name] [name]" reads as one name.
  return out.replace(/\[name\](?:[\s-]+\[name\])+/g, NAME_MARK);
}

/** The name words of a whole release (title and text), to redact its title, evidence and URL with. */
export function releaseNames(title: string | null, body: string | null): string[] {
  return namesIn(`${title ?? ''}\n\n${body ?? ''}`).words;
}

/** A release URL with no name in it: the site's origin only when the path carries a name or a number. */
export function redactUrl(url: string | null, names: string[]): string | null {
  if (!url) return url;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const path = decodeURIComponent(u.pathname).toLowerCase();
  const named = names.some((n) => path.includes(n.toLowerCase()));
  // Most release paths carry the headline as a slug; one naming a person goes, the rest stay useful.
  return named ? `${u.origin}/` : url;
}

/** The name words of every release (from its title and text), found once per export. */
export function releaseNameIndex(store: Store): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of releaseTexts(store)) out.set(r.release_id, releaseNames(r.title, r.body));
  return out;
}

const EVIDENCE_COLUMN = /^evidence_/;

/**
 * Export rows with names and street addresses removed: titles, evidence sentences and URLs, with the
 * names found in the releases each row comes from. Towns, courts, conditions and counts are kept;
 * document paths (which point at the full text) are dropped.
 */
export function redactRows(store: Store, kind: ExportKind, rows: Row[], index: Map<string, string[]> = releaseNameIndex(store)): Row[] {
  if (kind === 'towns') return rows;
  return rows.map((row) => {
    const ids = kind === 'orders' ? (row.release_ids as string[]) : [row.release_id as string];
    const names = [...new Set(ids.flatMap((id) => index.get(databaseId(id)) ?? []))];
    const out: Row = { ...row };
    for (const [k, v] of Object.entries(row)) {
      if (EVIDENCE_COLUMN.test(k) && typeof v === 'string') out[k] = redactText(v, names);
    }
    if (typeof row.title === 'string') out.title = redactText(row.title, names);
    if ('url' in row) out.url = redactUrl(row.url as string | null, names);
    if (Array.isArray(row.source_urls)) out.source_urls = [...new Set((row.source_urls as string[]).map((u) => redactUrl(u, names) ?? ''))].filter(Boolean);
    if ('document_path' in row) out.document_path = null;
    return out;
  });
}
