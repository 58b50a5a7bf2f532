// Claims (figures texts state about SPOs) on sentences written for this test in the voices the
// domain uses: a force's own release, a news report, an FOI answer, a statistics piece. Each positive
// has look-alike negatives beside it: the orders of the case reported, inexact figures, durations,
// ratios, other kinds of order, counts of crimes.
import { describe, expect, it } from 'vitest';
import type { Claim } from '../src/domain/types.ts';
import { findClaims } from '../src/extract/claims.ts';
import { extractRelease, toExtractedDocument } from '../src/extract/index.ts';
import { splitSentences } from '../src/extract/sentences.ts';

type Expected = Pick<Claim, 'force' | 'measure' | 'count'> & { as_of?: string | null };
interface Case {
  voice: string;
  text: string;
  /** The release's force (what "we", "the force" and unplaced figures refer to). */
  force?: string | null;
  published?: string | null;
  claims: Expected[];
}

function claimsOf(c: Case): Array<Claim & { sentence: string }> {
  const body = c.text;
  const sd = splitSentences(body);
  return findClaims(sd.sentences, body, { force: c.force ?? null, ref: { published: c.published ?? null, textYear: null } }).map((m) => {
    // Evidence quotes the body exactly at its span.
    expect(body.slice(m.evidence.start, m.evidence.end)).toBe(m.evidence.sentence);
    return { force: m.force, measure: m.measure, count: m.count, as_of: m.as_of, sentence: m.evidence.sentence };
  });
}

const CASES: Case[] = [
  // A force's own release.
  {
    voice: 'force release: running total since commencement',
    text: 'Essex Police has secured 57 Stalking Protection Orders since the legislation came into force in January 2020.',
    published: '2023-03-01',
    claims: [{ force: 'Essex Police', measure: 'granted', count: 57, as_of: '2023-03-01' }],
  },
  {
    voice: 'force release: "we" with "a total of"',
    text: 'Since January 2020 we have obtained a total of 212 SPOs, protecting hundreds of victims of stalking.',
    force: 'Merseyside Police',
    claims: [{ force: 'Merseyside Police', measure: 'granted', count: 212 }],
  },
  {
    voice: 'force release: applied and granted, last year',
    text: 'Stalking Protection Orders are a vital tool. The force applied for 31 orders last year and 29 were granted.',
    force: 'Dorset Police',
    published: '2024-02-10',
    claims: [
      { force: 'Dorset Police', measure: 'applied', count: 31, as_of: '2023' },
      { force: 'Dorset Police', measure: 'granted', count: 29, as_of: '2023' },
    ],
  },
  {
    voice: 'force release: live orders in the area',
    text: 'Currently there are 64 live Stalking Protection Orders in Lancashire.',
    force: 'Lancashire Constabulary',
    claims: [{ force: 'Lancashire Constabulary', measure: 'in_force', count: 64 }],
  },
  {
    voice: 'force release: applications made by officers in an area',
    text: 'Officers in Cumbria have made 12 applications for SPOs so far this year.',
    claims: [{ force: 'Cumbria Constabulary', measure: 'applied', count: 12 }],
  },
  {
    voice: 'force release: the case reported is not a claim',
    text: "A 45-year-old man from Luton was handed two interim Stalking Protection Orders at Luton Magistrates' Court. The order will last for five years and he must not contact the victim. The court granted two stalking protection orders, one for each victim. Three full Stalking Protection Orders were granted at Leeds Magistrates' Court on 1 November 2022 after a hearing lasting two days, one for each of his former partners.",
    force: 'Bedfordshire Police',
    claims: [],
  },
  {
    voice: 'force release: penalties and a breach by the subject are not claims',
    text: 'Anyone who breaches an SPO faces up to five years in prison. He breached the order three times in a fortnight and admitted breaching it on two occasions.',
    force: 'Kent Police',
    claims: [],
  },
  {
    voice: 'force release: magistrates granting orders in the case at hand',
    text: 'The magistrates were satisfied there was a risk to the victims and granted three interim stalking protection orders.',
    force: 'Suffolk Constabulary',
    claims: [],
  },
  // A news report.
  {
    voice: 'news: national figure for a year',
    text: 'Figures released by the Home Office show that 1,402 stalking protection orders were issued across England and Wales in 2023.',
    published: '2024-05-02',
    claims: [{ force: null, measure: 'granted', count: 1402, as_of: '2023' }],
  },
  {
    voice: 'news: two forces in one sentence, "none"',
    text: 'West Yorkshire Police obtained 88 SPOs, while Dyfed-Powys Police obtained none.',
    claims: [
      { force: 'West Yorkshire Police', measure: 'granted', count: 88 },
      { force: 'Dyfed-Powys Police', measure: 'granted', count: 0 },
    ],
  },
  {
    voice: 'news: a force that did not apply for a single order',
    text: 'Stalking Protection Orders are rarely used in the county. Gwent Police did not apply for a single order in 2021, though it has applied for four since.',
    claims: [
      { force: 'Gwent Police', measure: 'applied', count: 0, as_of: '2021' },
      { force: 'Gwent Police', measure: 'applied', count: 4 },
    ],
  },
  {
    voice: 'news: several forces together is no single force, and "any" about them is no figure',
    text: 'Some forces have not applied for any SPOs at all. Just nine stalking protection orders were granted to the region\'s forces.',
    claims: [{ force: null, measure: 'granted', count: 9 }],
  },
  {
    voice: 'news: inexact figures and counts of crimes are not claims',
    text: 'Fewer than 10 stalking protection orders were granted in Gwent, while more than 300 stalking offences were recorded. Around 40 SPOs were applied for.',
    claims: [],
  },
  {
    voice: 'news: an increment is not a total',
    text: 'Sussex Police has 42 stalking protection orders in force, and a further 11 applications are awaiting a hearing.',
    claims: [{ force: 'Sussex Police', measure: 'in_force', count: 42 }],
  },
  {
    voice: 'news: other kinds of order are not claims',
    text: 'Kent Police obtained 20 stalking protection orders. It also obtained 340 domestic abuse protection orders during the same period. Restraining orders were issued in 45 cases.',
    claims: [{ force: 'Kent Police', measure: 'granted', count: 20 }],
  },
  {
    voice: 'news: refused, with a force area and a year',
    text: 'Just three stalking protection orders were refused by magistrates in Norfolk in 2022.',
    claims: [{ force: 'Norfolk Constabulary', measure: 'refused', count: 3, as_of: '2022' }],
  },
  {
    voice: 'news: quoted speech of an officer counts, the same figure twice is one claim',
    text: 'Devon and Cornwall Police obtained 21 SPOs last year.\n\nDetective Inspector Jane Doe said: "We imposed 21 SPOs last year, and so far this year have obtained six."',
    force: 'Devon and Cornwall Police',
    published: '2021-06-01',
    claims: [
      { force: 'Devon and Cornwall Police', measure: 'granted', count: 21, as_of: '2020' },
      { force: 'Devon and Cornwall Police', measure: 'granted', count: 6, as_of: '2021-06-01' },
    ],
  },
  {
    voice: 'news: breaches counted, financial year, people subject to orders as of this month',
    text: 'Stalking Protection Orders in the county have been breached 23 times since 2020. In 2022/23, 35 orders were applied for and, as of this month, 30 people were subject to interim or full orders.',
    force: 'Durham Constabulary',
    published: '2023-09-14',
    claims: [
      { force: 'Durham Constabulary', measure: 'breached', count: 23, as_of: '2023-09-14' },
      { force: 'Durham Constabulary', measure: 'applied', count: 35, as_of: '2023-03-31' },
      { force: 'Durham Constabulary', measure: 'in_force', count: 30, as_of: '2023-09' },
    ],
  },
  {
    voice: 'news: a ratio and people subject to a crime are not claims',
    text: 'Only one in five applications for an SPO was refused. One in four women are subject to stalking in their lifetime.',
    force: 'Hertfordshire Constabulary',
    claims: [],
  },
  // An FOI answer.
  {
    voice: 'FOI answer: a period, then "of these"',
    text: 'Between 20/01/2020 and 31/03/2023, Cheshire Constabulary applied for 96 Stalking Protection Orders. Of these, 81 were granted, 4 were refused and 11 are awaiting a hearing.',
    force: 'Cheshire Constabulary',
    published: '2023-05-10',
    claims: [
      { force: 'Cheshire Constabulary', measure: 'applied', count: 96, as_of: '2023-03-31' },
      { force: 'Cheshire Constabulary', measure: 'granted', count: 81, as_of: '2023-03-31' },
      { force: 'Cheshire Constabulary', measure: 'refused', count: 4, as_of: '2023-03-31' },
    ],
  },
  {
    voice: 'FOI answer: labelled figures',
    text: 'Stalking Protection Orders, 2022.\n\nNumber of SPOs granted: 23\n\nApplications made: 25\n\nThe number of Stalking Protection Orders currently in force is 17.',
    force: 'Warwickshire Police',
    claims: [
      { force: 'Warwickshire Police', measure: 'granted', count: 23 },
      { force: 'Warwickshire Police', measure: 'applied', count: 25 },
      { force: 'Warwickshire Police', measure: 'in_force', count: 17 },
    ],
  },
  {
    voice: 'FOI answer: information not held, reference numbers, dates',
    text: 'Request reference 2023/1457. Lincolnshire Police does not hold information on Stalking Protection Orders in the format requested. The request was received on 12 March 2023.',
    force: 'Lincolnshire Police',
    claims: [],
  },
  // A statistics piece.
  {
    voice: 'statistics: national applications and grants, year to March',
    text: 'In the year to March 2024, police in England and Wales made 2,468 applications for SPOs, of which 1,871 were granted.',
    claims: [
      { force: null, measure: 'applied', count: 2468, as_of: '2024-03' },
      { force: null, measure: 'granted', count: 1871, as_of: '2024-03' },
    ],
  },
  {
    voice: 'statistics: full and interim orders across a region share one verb',
    text: 'In that period, four full stalking protection orders were issued across the North West, along with 15 interim orders.',
    claims: [
      { force: null, measure: 'granted', count: 4 },
      { force: null, measure: 'granted', count: 15 },
    ],
  },
  {
    voice: 'statistics: a ranking phrase is not whom the figure is about',
    text: 'Avon and Somerset, the first force in the country to reach the milestone, has now secured 150 in total.',
    claims: [{ force: 'Avon and Somerset Constabulary', measure: 'granted', count: 150 }],
  },
  {
    voice: 'statistics: percentages, durations and ages are not claims',
    text: 'Stalking offences rose by 24 per cent to 131,000. SPOs can last for two years or more and the youngest subject was 17 years old.',
    claims: [],
  },
  {
    voice: 'statistics: people subject to orders, with a date',
    text: 'As of 1 April 2024, 37 people in Hampshire were subject to a Stalking Protection Order.',
    claims: [{ force: 'Hampshire and Isle of Wight Constabulary', measure: 'in_force', count: 37, as_of: '2024-04-01' }],
  },
  {
    voice: 'statistics: breaches counted as a noun',
    text: 'There have been 19 breaches of SPOs in Wiltshire since 2020.',
    claims: [{ force: 'Wiltshire Police', measure: 'breached', count: 19 }],
  },
  {
    voice: 'statistics: a list by year, each figure its own year',
    text: 'Lancashire Constabulary obtained 41 SPOs in 2021, 57 in 2022 and 63 in 2023.',
    claims: [
      { force: 'Lancashire Constabulary', measure: 'granted', count: 41, as_of: '2021' },
      { force: 'Lancashire Constabulary', measure: 'granted', count: 57, as_of: '2022' },
      { force: 'Lancashire Constabulary', measure: 'granted', count: 63, as_of: '2023' },
    ],
  },
  {
    voice: 'statistics: a source named as national, a start date is not the date of the figure',
    text: 'Since SPOs were introduced in 2020, 1,234 orders were made in England, according to Ministry of Justice figures.',
    force: 'Kent Police',
    published: '2023-01-05',
    claims: [{ force: null, measure: 'granted', count: 1234, as_of: '2023-01-05' }],
  },
  {
    voice: 'news: a force granted orders (passive) is a total; a person granted bail is not',
    text: 'Since the introduction of SPOs, Northumbria Police has applied for 136 and been granted 120. In another case a man was granted bail and two SPOs were imposed on him.',
    claims: [
      { force: 'Northumbria Police', measure: 'applied', count: 136 },
      { force: 'Northumbria Police', measure: 'granted', count: 120 },
    ],
  },
  {
    voice: 'statistics: "there were N applications", a total that has risen to, a record, a change from one figure to another',
    text: 'Nationally, there were 1,538 applications for SPOs in the year ending March 2023. The number of SPOs issued by Bedfordshire Police has risen to 88. Essex Police secured a record 37 Stalking Protection Orders in 2022, up from 14 the year before. Numbers in Kent rose from 10 to 25 orders.',
    claims: [
      { force: null, measure: 'applied', count: 1538, as_of: '2023-03' },
      { force: 'Bedfordshire Police', measure: 'granted', count: 88 },
      { force: 'Essex Police', measure: 'granted', count: 37, as_of: '2022' },
    ],
  },
  {
    voice: 'FOI answer: figures listed after a colon; orders currently in place',
    text: 'Stalking Protection Orders: 12 granted, 3 refused. We have 24 SPOs currently in place.',
    force: 'Gloucestershire Constabulary',
    claims: [
      { force: 'Gloucestershire Constabulary', measure: 'granted', count: 12 },
      { force: 'Gloucestershire Constabulary', measure: 'refused', count: 3 },
      { force: 'Gloucestershire Constabulary', measure: 'in_force', count: 24 },
    ],
  },
  {
    voice: 'force release: a new order brings the total to N; the orders of one hearing day are the case',
    text: 'The order brings the total number of SPOs obtained by Hertfordshire Constabulary to 40. Two SPOs were granted on Tuesday. The arrests bring the total number of arrests this year to 300.',
    claims: [{ force: 'Hertfordshire Constabulary', measure: 'granted', count: 40 }],
  },
  {
    voice: "local paper: this week's cases told as a count are orders, not a force's figure",
    text: 'Detectives in Bristol obtained stalking protection orders against three men in separate cases this week. Avon and Somerset Police secured two SPOs yesterday. The force has obtained 64 orders since 2020.',
    force: 'Avon and Somerset Constabulary',
    claims: [{ force: 'Avon and Somerset Constabulary', measure: 'granted', count: 64 }],
  },
  {
    voice: 'regional comparison: the verb left out for the next force',
    text: 'In 2022 Dorset Police applied for 31 orders, Devon and Cornwall Police 44 and Wiltshire Police nine. Sussex Police, with 2 detectives, did not comment.',
    claims: [
      { force: 'Dorset Police', measure: 'applied', count: 31 },
      { force: 'Devon and Cornwall Police', measure: 'applied', count: 44 },
      { force: 'Wiltshire Police', measure: 'applied', count: 9 },
    ],
  },
  {
    voice: 'force statistics: the same measure for an earlier period, compared',
    text: 'Nine stalking protection orders have been obtained by Norfolk Constabulary so far this year, compared with six in 2021.',
    claims: [
      { force: 'Norfolk Constabulary', measure: 'granted', count: 9 },
      { force: 'Norfolk Constabulary', measure: 'granted', count: 6, as_of: '2021' },
    ],
  },
  {
    voice: 'news report on figures: a part of the figure just given is counted alike, for the same force',
    text: 'Avon and Somerset Police obtained 84 stalking protection orders over three years. Bristol accounted for 37 of them. Women made up 9 of those subject to the orders.',
    claims: [
      { force: 'Avon and Somerset Constabulary', measure: 'granted', count: 84 },
      { force: 'Avon and Somerset Constabulary', measure: 'granted', count: 37 },
      { force: 'Avon and Somerset Constabulary', measure: 'granted', count: 9 },
    ],
  },
  {
    voice: 'court report: the breaches a man admits are his case, not a count of breaches; a force total is',
    text: 'A Swindon man admitted four breaches of his stalking protection order and was jailed. He had denied two breaches of the order in May. Wiltshire Police recorded 35 breaches of stalking protection orders last year.',
    force: 'Wiltshire Police',
    claims: [{ force: 'Wiltshire Police', measure: 'breached', count: 35 }],
  },
  {
    voice: 'officer quoted: "one of 14 orders in force" states the 14',
    text: 'DS Khan said: "This is one of 14 stalking protection orders currently in force in the county."',
    force: 'Cumbria Constabulary',
    claims: [{ force: 'Cumbria Constabulary', measure: 'in_force', count: 14 }],
  },
  {
    voice: 'commissioner report: a table whose columns say what they count, by financial year, and a table of something else',
    text: 'Table 2: Stalking Protection Orders, Cumbria Constabulary\n\n| Year | Applications | Orders granted | Refused | Breaches |\n|---|---|---|---|---|\n| 2021/22 | 12 | 9 | 1 | 3 |\n| 2022/23 | 20 | 17 | 2 | 8 |\n| **Total** | **32** | **26** | **3** | **11** |\n\nTable 3: Restraining orders made\n\n| Year | Orders made |\n|---|---|\n| 2022/23 | 140 |',
    force: 'Cumbria Constabulary',
    claims: [
      { force: 'Cumbria Constabulary', measure: 'applied', count: 12, as_of: '2022-03-31' },
      { force: 'Cumbria Constabulary', measure: 'granted', count: 9, as_of: '2022-03-31' },
      { force: 'Cumbria Constabulary', measure: 'refused', count: 1, as_of: '2022-03-31' },
      { force: 'Cumbria Constabulary', measure: 'breached', count: 3, as_of: '2022-03-31' },
      { force: 'Cumbria Constabulary', measure: 'applied', count: 20, as_of: '2023-03-31' },
      { force: 'Cumbria Constabulary', measure: 'granted', count: 17, as_of: '2023-03-31' },
      { force: 'Cumbria Constabulary', measure: 'refused', count: 2, as_of: '2023-03-31' },
      { force: 'Cumbria Constabulary', measure: 'breached', count: 8, as_of: '2023-03-31' },
      { force: 'Cumbria Constabulary', measure: 'applied', count: 32, as_of: '2023-03-31' },
      { force: 'Cumbria Constabulary', measure: 'granted', count: 26, as_of: '2023-03-31' },
      { force: 'Cumbria Constabulary', measure: 'refused', count: 3, as_of: '2023-03-31' },
      { force: 'Cumbria Constabulary', measure: 'breached', count: 11, as_of: '2023-03-31' },
    ],
  },
  {
    voice: 'FOI letter: a table in plain text under a heading that says what it counts, refusals counted, a pending case and an age are no figures',
    text: 'Your request concerned stalking protection orders.\n\nQuestion 2 - orders granted\n\nThese include interim and full orders.\n\n2022    6\n2023    9\nTotal   15\n\nQuestion 3 - refusals\n\nThe court refused two applications, making two refusals in all. In the case of one application made in 2023 a hearing is awaited. The man, who is 44, was not named.',
    force: 'Cumbria Constabulary',
    claims: [
      { force: 'Cumbria Constabulary', measure: 'granted', count: 6, as_of: '2022' },
      { force: 'Cumbria Constabulary', measure: 'granted', count: 9, as_of: '2023' },
      { force: 'Cumbria Constabulary', measure: 'granted', count: 15, as_of: '2023' },
      { force: 'Cumbria Constabulary', measure: 'refused', count: 2 },
    ],
  },
  {
    voice: 'news report: a part of applications "refused five of them"',
    text: 'Suffolk Constabulary made 131 applications for stalking protection orders between 2020 and 2024, and courts refused five of them.',
    claims: [
      { force: 'Suffolk Constabulary', measure: 'applied', count: 131 },
      { force: 'Suffolk Constabulary', measure: 'refused', count: 5 },
    ],
  },
  {
    voice: 'force release: a running total told as an ordinal, and a count with the force as the clause\'s subject',
    text: 'This is the 31st stalking protection order Suffolk Constabulary has obtained since 2020. It was one of 9 stalking protection orders the force has been granted this year.',
    force: 'Suffolk Constabulary',
    claims: [
      { force: 'Suffolk Constabulary', measure: 'granted', count: 31 },
      { force: 'Suffolk Constabulary', measure: 'granted', count: 9 },
    ],
  },
  {
    voice: 'news in brief: a defendant\'s age after the name is no count',
    text: 'Liam Booth, 26, was given the stalking protection order by Grimsby magistrates. Ann Lee (31) was handed one too.',
    force: 'Humberside Police',
    claims: [],
  },
  {
    voice: 'statistics: a hoped-for figure is not stated',
    text: 'The force hopes to obtain 100 Stalking Protection Orders next year and could secure 50 by the summer.',
    force: 'Essex Police',
    claims: [],
  },
];

describe('findClaims: table of sentences in the domain voices', () => {
  for (const c of CASES) {
    it(c.voice, () => {
      const got = claimsOf(c);
      const want = c.claims;
      expect(got.map(({ force, measure, count }) => ({ force, measure, count }))).toEqual(want.map(({ force, measure, count }) => ({ force, measure, count })));
      want.forEach((w, i) => {
        if (w.as_of !== undefined) expect(got[i]!.as_of, `${w.measure} ${w.count}`).toBe(w.as_of);
      });
    });
  }
});

describe('claims in the extraction output', () => {
  const doc = (body: string, published: string | null = '2022-11-30') => ({
    id: 'x',
    path: null,
    frontMatter: {},
    body,
    title: null,
    url: 'https://www.kent.police.uk/news/x',
    published,
  });

  it('an SPO release carries its claims in the contract shape, with evidence in the full extraction', () => {
    const x = extractRelease(doc('Kent Police has obtained 100 Stalking Protection Orders since January 2020.\n\nThe 100th order was made this month.'));
    expect(x.claims).toHaveLength(1);
    expect(x.claims![0]!.evidence.sentence).toMatch(/^Kent Police has obtained 100/);
    expect(x.claims![0]!.as_of_source).toBe('published');
    expect(toExtractedDocument(x).claims).toEqual([{ force: 'Kent Police', measure: 'granted', count: 100, as_of: '2022-11-30' }]);
  });

  it("a headline counting the orders the text then reports is no claim; a total beside it is", () => {
    const two =
      "Two Stalking Protection Orders secured in Maidstone\n\nThursday 3 March 2022\n\nOfficers have secured orders against two men in separate cases.\n\nA 40-year-old man from Tonbridge was given a stalking protection order at Maidstone Magistrates' Court.\n\nSeparately, a 22-year-old man from Deal was handed a stalking protection order at Folkestone Magistrates' Court.";
    const x = extractRelease(doc(two));
    expect(x.orders).toHaveLength(2);
    expect(x.claims).toEqual([]);
    // The same count told as a total is the force's figure.
    const y = extractRelease(doc(`${two}\n\nIn total, 140 Stalking Protection Orders have been obtained by Kent Police since 2020.`));
    expect(toExtractedDocument(y).claims?.map((c) => c.count)).toEqual([140]);
  });

  it('headlines under "Related news" are other stories; a note to editors in sentences still counts', () => {
    const x = extractRelease(
      doc(
        "A 50-year-old man from Dover was given a stalking protection order at Folkestone Magistrates' Court.\n\nNotes to editors\n\nKent Police has obtained 120 stalking protection orders since 2020.\n\nRelated news\n\nThree men given stalking protection orders in Margate\nAppeal after van stolen",
      ),
    );
    expect(toExtractedDocument(x).claims?.map((c) => c.count)).toEqual([120]);
  });

  it('a zero in a text that reports no order is a figure, not a count of the orders reported', () => {
    const x = extractRelease(doc('Kent Police did not obtain a single stalking protection order, figures show.'));
    expect(x.orders).toHaveLength(0);
    expect(toExtractedDocument(x).claims).toEqual([{ force: 'Kent Police', measure: 'granted', count: 0, as_of: '2022-11-30' }]);
  });

  it('a release that is not about SPOs has no claims, whatever figures it gives', () => {
    const x = extractRelease(doc('Kent Police has obtained 100 domestic abuse protection orders since January 2020.'));
    expect(x.is_spo).toBe(false);
    expect(toExtractedDocument(x).claims).toEqual([]);
  });
});
