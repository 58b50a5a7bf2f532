// A small database for the report-stage tests (exports, search, stats, report), written through the
// store API with hand-made extractions: it includes hostile text, CSV-hostile text and a withdrawn release.
import { createHash } from 'node:crypto';
import type { Evidence, Extraction, OrderMention } from '../src/domain/types.ts';
import { forceById } from '../src/domain/forces.ts';
import { findClaims } from '../src/extract/claims.ts';
import { splitSentences } from '../src/extract/sentences.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { resolveOrders } from '../src/orders/index.ts';

export const HOSTILE_TITLE = '<script>window.__pwned = "title"; alert(1)</script> Man given order';
export const HOSTILE_TOWN = '<img src=x onerror="window.__pwned=\'town\'">Dudley';
export const HOSTILE_COURT = '</script><script>window.__pwned="court"</script> Court';
export const CSV_HOSTILE_COURT = 'Highbury Corner "Magistrates", London';

type OrderSpec = Partial<OrderMention> & { sentences?: Partial<Record<string, string>> };

function mention(o: OrderSpec, body: string): OrderMention {
  const base: OrderMention = {
    age: null,
    sex: null,
    town: null,
    court: null,
    kind: null,
    made_on: null,
    duration: null,
    prohibitions: [],
    requirements: [],
    evidence: [],
    town_location: null,
    ...o,
  };
  const ev: Evidence[] = [];
  const s = o.sentences ?? {};
  const add = (field: Evidence['field'], value: string | number, sentence: string | undefined) => {
    if (!sentence) return;
    const start = Math.max(0, body.indexOf(sentence));
    ev.push({ field, value, sentence, start, end: start + sentence.length });
  };
  for (const f of ['age', 'sex', 'town', 'court', 'kind', 'made_on', 'duration'] as const) {
    const v = base[f];
    if (v !== null) add(f, v, s[f]);
  }
  for (const t of base.prohibitions) add('prohibitions', t, s.prohibitions);
  for (const t of base.requirements) add('requirements', t, s.requirements);
  return { ...base, evidence: ev };
}

interface ReleaseSpec {
  force: string;
  url: string | null;
  title: string;
  published: string | null;
  body: string;
  isSpo: boolean;
  orders: OrderSpec[];
  doc: string;
}

export const RELEASES: ReleaseSpec[] = [
  {
    doc: 'kent-1',
    force: 'kent',
    url: 'https://www.kent.police.uk/news/kent/2020/man-served-with-kents-first-full-spo/',
    title: "Man served with Kent's first full Stalking Protection Order",
    published: '2020-02-27',
    body:
      'Kent Police has obtained its first full Stalking Protection Order (SPO) against a man from Rochester.\n\n' +
      "The 54-year-old appeared at Maidstone Magistrates' Court on Monday 25 February 2020.\n\n" +
      'The Order was granted for a duration of five years.\n\n' +
      'It prohibits him from contacting the woman, engaging in any surveillance of her or attending her address.',
    isSpo: true,
    orders: [
      {
        age: 54,
        sex: 'male',
        town: 'Rochester',
        court: "Maidstone Magistrates' Court",
        kind: 'full',
        made_on: '2020-02-25',
        duration: 'P5Y',
        prohibitions: ['contact', 'surveillance', 'attend_address'],
        town_location: { lat: 51.38764, lon: 0.50546 },
        sentences: {
          age: "The 54-year-old appeared at Maidstone Magistrates' Court on Monday 25 February 2020.",
          sex: 'Kent Police has obtained its first full Stalking Protection Order (SPO) against a man from Rochester.',
          town: 'Kent Police has obtained its first full Stalking Protection Order (SPO) against a man from Rochester.',
          court: "The 54-year-old appeared at Maidstone Magistrates' Court on Monday 25 February 2020.",
          kind: 'Kent Police has obtained its first full Stalking Protection Order (SPO) against a man from Rochester.',
          made_on: "The 54-year-old appeared at Maidstone Magistrates' Court on Monday 25 February 2020.",
          duration: 'The Order was granted for a duration of five years.',
          prohibitions: 'It prohibits him from contacting the woman, engaging in any surveillance of her or attending her address.',
        },
      },
    ],
  },
  {
    doc: 'sussex-1',
    force: 'sussex',
    url: 'https://www.sussex.police.uk/news/sussex/2020/first-stalking-protection-order-lancing/',
    title: 'First Stalking Protection Order granted in Sussex',
    published: '2020-03-12T10:15',
    body:
      "A 22-year-old man from Lancing has been made subject to a Stalking Protection Order at Brighton Magistrates' Court.\n\n" +
      'The order will last indefinitely and bans him from contacting the victim or her family, and from entering Worthing.\n\n' +
      'He must also attend a perpetrator programme.',
    isSpo: true,
    orders: [
      {
        age: 22,
        sex: 'male',
        town: 'Lancing',
        court: "Brighton Magistrates' Court",
        kind: null,
        made_on: null,
        duration: 'indefinite',
        prohibitions: ['contact', 'contact_family', 'exclusion_zone'],
        requirements: ['attend_programme'],
        town_location: { lat: 50.82882, lon: -0.32247 },
        sentences: {
          age: "A 22-year-old man from Lancing has been made subject to a Stalking Protection Order at Brighton Magistrates' Court.",
          town: "A 22-year-old man from Lancing has been made subject to a Stalking Protection Order at Brighton Magistrates' Court.",
          duration: 'The order will last indefinitely and bans him from contacting the victim or her family, and from entering Worthing.',
          prohibitions: 'The order will last indefinitely and bans him from contacting the victim or her family, and from entering Worthing.',
          requirements: 'He must also attend a perpetrator programme.',
        },
      },
    ],
  },
  {
    doc: 'staffs-1',
    force: 'staffordshire',
    url: 'https://www.staffordshire.police.uk/news/2021/interim-spo-lichfield/',
    title: 'Interim Stalking Protection Order for Lichfield man',
    published: '2021-06-18',
    body:
      'A Lichfield man has been handed an interim Stalking Protection Order.\n\n' +
      'The interim order was made in June 2021 and requires him to register any vehicle he uses and notify police of his address.',
    isSpo: true,
    orders: [
      {
        sex: 'male',
        town: 'Lichfield',
        kind: 'interim',
        made_on: '2021-06',
        requirements: ['register_vehicle', 'notify_address'],
        town_location: { lat: 52.68154, lon: -1.82549 },
        sentences: {
          town: 'A Lichfield man has been handed an interim Stalking Protection Order.',
          kind: 'The interim order was made in June 2021 and requires him to register any vehicle he uses and notify police of his address.',
          made_on: 'The interim order was made in June 2021 and requires him to register any vehicle he uses and notify police of his address.',
          requirements: 'The interim order was made in June 2021 and requires him to register any vehicle he uses and notify police of his address.',
        },
      },
    ],
  },
  {
    doc: 'met-1',
    force: 'metropolitan',
    url: 'https://news.met.police.uk/news/two-stalking-protection-orders-islington/',
    title: 'Two Stalking Protection Orders granted,\none man, two victims',
    published: '2022-11-03',
    body:
      `Two full Stalking Protection Orders were granted at ${CSV_HOSTILE_COURT} on 1 November 2022, one for each victim.\n` +
      'The man, 41, is banned from approaching either woman,\nand from posting about them online.',
    isSpo: true,
    orders: [
      {
        age: 41,
        sex: 'male',
        court: CSV_HOSTILE_COURT,
        kind: 'full',
        made_on: '2022-11-01',
        prohibitions: ['approach', 'publish'],
        sentences: {
          court: `Two full Stalking Protection Orders were granted at ${CSV_HOSTILE_COURT} on 1 November 2022, one for each victim.`,
          prohibitions: 'The man, 41, is banned from approaching either woman,\nand from posting about them online.',
        },
      },
      {
        age: 41,
        sex: 'male',
        court: CSV_HOSTILE_COURT,
        kind: 'full',
        made_on: '2022-11-01',
        prohibitions: ['approach', 'publish'],
      },
    ],
  },
  {
    doc: 'hostile-1',
    force: 'west-midlands',
    url: 'https://www.westmidlands.police.uk/news/2023/<script>alert(1)</script>',
    title: HOSTILE_TITLE,
    published: '2023-01-09',
    body:
      `A man from ${HOSTILE_TOWN} was given a Stalking Protection Order at ${HOSTILE_COURT}.\n\n` +
      '<img src=x onerror="window.__pwned=\'body\'"> He must not contact the victim.',
    isSpo: true,
    orders: [
      {
        sex: 'male',
        town: HOSTILE_TOWN,
        court: HOSTILE_COURT,
        kind: 'full',
        made_on: '2023-01-06',
        prohibitions: ['contact'],
        town_location: { lat: 52.51, lon: -2.08 },
        sentences: {
          town: `A man from ${HOSTILE_TOWN} was given a Stalking Protection Order at ${HOSTILE_COURT}.`,
          court: `A man from ${HOSTILE_TOWN} was given a Stalking Protection Order at ${HOSTILE_COURT}.`,
          prohibitions: '<img src=x onerror="window.__pwned=\'body\'"> He must not contact the victim.',
        },
      },
    ],
  },
  {
    doc: 'undated-1',
    force: 'kent',
    url: null,
    title: 'Stalking Protection Order (no date in the text)',
    published: null,
    body: 'A woman has been made subject to a Stalking Protection Order which bans her from going to the victim’s workplace.',
    isSpo: true,
    orders: [{ sex: 'female', prohibitions: ['attend_workplace'] }],
  },
  {
    doc: 'stats-only',
    force: 'essex',
    url: 'https://www.essex.police.uk/news/essex/2021/stalking-awareness-week/',
    title: 'Stalking awareness week: 30 orders obtained this year',
    published: '2021-04-19',
    body: 'Essex Police obtained 30 Stalking Protection Orders in the last year. Stalking is a crime.',
    isSpo: true,
    orders: [],
  },
];

const hash = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Fill a database at path with the sample releases; returns the open store. */
export function sampleStore(path: string): Store {
  const store = openStore(path);
  store.upsertForces([
    { force_id: 'kent', name: 'Kent Police', platform: 'soh', origin: 'https://www.kent.police.uk', crawlable: true },
    { force_id: 'essex', name: 'Essex Police', platform: 'soh', origin: 'https://www.essex.police.uk', crawlable: true },
  ]);
  store.recordForceHealth('kent', true, '2020-02-27', null);
  store.recordForceHealth('essex', false, null, 'HTTP 503');
  store.transaction(() => {
    for (const r of RELEASES) {
      const f = forceById(r.force)!;
      store.ensureForce(f.id, f.name);
      const extraction: Extraction = {
        id: r.doc,
        is_spo: r.isSpo,
        force: f.name,
        published: r.published?.slice(0, 10) ?? null,
        orders: r.orders.map((o) => mention(o, r.body)),
        // The figures the text states, read by the real extractor ("Essex Police obtained 30 ...").
        claims: findClaims(splitSentences(r.body).sentences, r.body, { force: f.name, ref: { published: r.published?.slice(0, 10) ?? null, textYear: null } }),
        evidence: [{ field: 'is_spo', value: true, sentence: r.body.split('\n')[0]!, start: 0, end: r.body.split('\n')[0]!.length }],
      };
      store.storeReleases([
        {
          releaseId: hash(`${f.id}|${r.url ?? r.doc}`).slice(0, 16),
          forceId: f.id,
          url: r.url,
          title: r.title,
          published: r.published,
          frontMatter: { title: r.title, ...(r.url ? { url: r.url } : {}) },
          body: r.body,
          contentHash: hash(r.body),
          documentPath: null,
          source: 'ingest',
          extraction,
        },
      ]);
    }
    store.storeSeen([
      { releaseId: 'seen000000000001', forceId: 'kent', url: 'https://www.kent.police.uk/news/kent/2020/burglary/', title: 'Burglary arrest', published: '2020-03-01' },
    ]);
    resolveOrders(store);
  });
  store.markGone(['seen000000000001']);
  return store;
}
