// The benchmark corpus: the real seed and dev texts of ../shared/corpus, repeated, mixed with
// synthetic ordinary police releases (appeals, arrests, court results, road closures, other kinds of
// order) generated from templates with a fixed seed. Shared by the extraction and ingest benchmarks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './lib.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const corpusDir = resolve(here, '..', '..', 'shared', 'corpus');

let rand = mulberry32(20260123);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (a: number, b: number): number => a + Math.floor(rand() * (b - a + 1));

const TOWNS = ['Dover', 'Ashford', 'Maidstone', 'Northampton', 'Kettering', 'Brighton', 'Crawley', 'Luton', 'Bedford', 'Leeds', 'Bradford', 'Barnsley', 'Hull', 'Lincoln', 'Carlisle', 'Swindon', 'Exeter', 'Plymouth', 'Norwich', 'Ipswich', 'Chelmsford', 'Colchester', 'Reading', 'Oxford', 'Stockport', 'Wigan', 'Cardiff', 'Wrexham'];
const FORCES = ['Kent Police', 'Northamptonshire Police', 'Sussex Police', 'Bedfordshire Police', 'West Yorkshire Police', 'South Yorkshire Police', 'Humberside Police', 'Lincolnshire Police', 'Cumbria Constabulary', 'Wiltshire Police', 'Devon and Cornwall Police', 'Norfolk Constabulary', 'Suffolk Constabulary', 'Essex Police', 'Thames Valley Police', 'Greater Manchester Police', 'South Wales Police', 'North Wales Police'];
const NAMES = ['James Carter', 'Liam Hughes', 'Sophie Turner', 'Daniel Price', 'Megan Ellis', 'Ryan Walsh', 'Chloe Baker', 'Adam Shaw', 'Hannah Cole', 'Nathan Reid'];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Park Avenue', 'Mill Lane', 'London Road'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const TEMPLATES: Array<() => string> = [
  () => `Officers are appealing for witnesses after a burglary at a property in ${pick(STREETS)}, ${pick(TOWNS)}, on ${pick(DAYS)} ${int(1, 28)} ${pick(MONTHS)}.

It is reported that between 6pm and 10pm an unknown person forced open a rear window and stole jewellery, a laptop and cash.

Detective Constable ${pick(NAMES)} of ${pick(FORCES)} said: "We are keen to hear from anyone who saw anything suspicious in the area, or who has doorbell or dashcam footage."

Anyone with information is asked to call 101, quoting crime reference ${int(10, 99)}/${int(10000, 99999)}/${int(20, 25)}. Alternatively, contact Crimestoppers anonymously on 0800 555 111.`,
  () => `A ${int(18, 70)}-year-old man has been charged with dangerous driving following a collision on the A${int(1, 99)} near ${pick(TOWNS)}.

${pick(NAMES)}, of ${pick(STREETS)}, ${pick(TOWNS)}, is due to appear at ${pick(TOWNS)} Magistrates' Court on ${pick(DAYS)} ${int(1, 28)} ${pick(MONTHS)}.

The collision happened at around ${int(1, 11)}.${int(10, 59)}pm on ${pick(DAYS)} and involved a blue Ford Focus and a motorcycle. The rider was taken to hospital with serious injuries.

${pick(FORCES)} would like to thank members of the public for their patience while the road was closed.`,
  () => `Police are concerned for the welfare of a missing ${int(13, 80)}-year-old from ${pick(TOWNS)}.

${pick(NAMES)} was last seen on ${pick(DAYS)} afternoon in the town centre. They are described as white, around 5ft 8in tall, of slim build, with short brown hair.

Anyone who has seen them or knows where they may be is asked to call ${pick(FORCES)} on 101, or 999 in an emergency.`,
  () => `A man from ${pick(TOWNS)} has been handed a ${pick(['restraining order', 'Criminal Behaviour Order', 'Sexual Harm Prevention Order', 'Domestic Violence Protection Order', 'non-molestation order'])} after admitting harassment.

${pick(NAMES)}, ${int(20, 65)}, of ${pick(STREETS)}, ${pick(TOWNS)}, was sentenced at ${pick(TOWNS)} Crown Court on ${pick(DAYS)} to ${int(6, 30)} months in prison, suspended for two years.

The order bans him from contacting his former partner or going to her home for ${pick(['five', 'ten', 'three'])} years.

Investigating officer PC ${pick(NAMES)} said: "Harassment has a huge impact on victims and we will always act on reports."`,
  () => `Road closure: ${pick(STREETS)}, ${pick(TOWNS)}

${pick(FORCES)} is advising motorists that ${pick(STREETS)} will be closed from ${int(7, 10)}am on ${pick(DAYS)} ${int(1, 28)} ${pick(MONTHS)} while resurfacing work takes place.

Diversions will be signposted. Please allow extra time for your journey and follow the directions of officers at the scene.`,
  () => `Four people have been arrested as part of an operation targeting county lines drug dealing in ${pick(TOWNS)}.

Officers from ${pick(FORCES)} executed warrants at addresses in ${pick(STREETS)} and ${pick(STREETS)} in the early hours of ${pick(DAYS)} morning.

Cash, mobile phones and a quantity of suspected class A drugs were seized. A ${int(17, 40)}-year-old man and a ${int(17, 40)}-year-old woman remain in custody.

Superintendent ${pick(NAMES)} said: "Drug dealing blights our communities. We will continue to act on the information the public gives us."

 * Report drug dealing online or on 101
 * Call Crimestoppers anonymously on 0800 555 111`,
];

function syntheticRelease(i: number): string {
  const published = `${int(2020, 2025)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  return `---\ntitle: Police news ${i}\npublished: ${published}\n---\n\n${pick(TEMPLATES)()}\n`;
}

export function corpusTexts(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const sub of ['seeds', 'dev']) {
    const dir = join(corpusDir, sub);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const n of names) out.push({ name: n, text: readFileSync(join(dir, n), 'utf8') });
  }
  return out;
}


export interface BenchText {
  /** File name: a zero-padded index and the corpus file name (or synthetic.md). */
  name: string;
  /** The whole release document (front matter and body). */
  text: string;
  real: boolean;
}

/**
 * `total` release documents, `spoShare` of them real corpus texts (SPO and near-miss), shuffled so
 * they interleave as in a crawl. Deterministic for a given (total, spoShare).
 */
export function benchTexts(total: number, spoShare = 0.2): BenchText[] {
  rand = mulberry32(20260123);
  const real = corpusTexts();
  if (!real.length) console.warn(`warning: no corpus texts under ${corpusDir}; the mix is synthetic only`);
  const realCount = real.length ? Math.round(total * spoShare) : 0;
  const out: BenchText[] = [];
  for (let i = 0; i < total; i++) {
    const useReal = i < realCount;
    const src = useReal ? real[i % real.length]! : { name: 'synthetic.md', text: syntheticRelease(i) };
    out.push({ name: `${String(i).padStart(6, '0')}_${src.name}`, text: src.text, real: useReal });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const FENCE = /^(\s*```ya?ml[ \t]*\r?\n)([\s\S]*?)(\r?\n```[ \t]*(?:\r?\n|$))/;
const DASHES = /^(---[ \t]*\r?\n)([\s\S]*?)(\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$))/;

/** The URL a copy gets: the original's host and path plus its own last segment, so its force stays. */
function distinctUrl(raw: string | null, n: number): string {
  const tag = `bench-${String(n).padStart(6, '0')}`;
  if (raw) {
    try {
      const u = new URL(raw.trim().replace(/^["']|["']$/g, ''));
      u.pathname = `${u.pathname.replace(/\/$/, '')}/${tag}/`;
      u.search = '';
      u.hash = '';
      return u.toString();
    } catch {
      // fall through: a URL that does not parse gets a generic one
    }
  }
  return `https://news.bench.invalid/releases/${tag}/`;
}

/** A title line with the copy's number put in front of the original title (quoted or plain). */
function distinctTitle(value: string | null, n: number): string {
  const tag = `Bench ${n} -`;
  if (!value?.trim()) return `title: "${tag} release"`;
  const v = value.trim();
  if (v.startsWith('"') || v.startsWith("'")) return `title: ${v[0]}${tag} ${v.slice(1)}`;
  return `title: ${tag} ${v}`;
}

/**
 * The document made a distinct release: its top-level `url:` and `title:` lines rewritten (or added,
 * with front matter when it has none); the text and every other field are kept.
 */
export function distinctRelease(text: string, n: number): string {
  const m = text.match(FENCE) ?? text.match(DASHES);
  if (!m) return `---\n${distinctTitle(null, n)}\nurl: ${distinctUrl(null, n)}\n---\n\n${text}`;
  const [whole, open, yamlText, close] = m as unknown as [string, string, string, string];
  const lines = yamlText.split(/\r?\n/);
  const top = (key: string): number => lines.findIndex((l) => l.startsWith(`${key}:`));
  const ogUrl = yamlText.match(/^[ \t]+url:[ \t]*(\S.*)$/m)?.[1] ?? null;
  const u = top('url');
  const url = `url: ${distinctUrl(u >= 0 ? lines[u]!.slice(4) : ogUrl, n)}`;
  if (u >= 0) lines[u] = url;
  else lines.push(url);
  const t = top('title');
  if (t >= 0) lines[t] = distinctTitle(lines[t]!.slice(6), n);
  else lines.push(distinctTitle(null, n));
  return open + lines.join('\n') + close + text.slice(whole.length);
}
