// Table-driven tests of extraction, one table per language phenomenon of issue 13 (bylines and
// relative dates; named defendants and coreference; several orders at once; orders told in quotes;
// other names for the order; general text that reports no order; one order inside a general piece;
// freely worded conditions). Every sentence is written for this test in the voices texts use (force
// release, local paper, national paper, court reporter, officer's quote), with look-alike negatives.
import { describe, expect, it } from 'vitest';
import { extractRelease, toExtractedDocument } from '../src/extract/index.ts';
import { parseRelease } from '../src/release/index.ts';
import { validateExtractedDocument } from '../src/domain/validate.ts';
import type { ExtractedDocument } from '../src/domain/types.ts';

let n = 0;
function run(body: string, fm: Record<string, string> = {}): ExtractedDocument {
  const yaml = Object.entries(fm)
    .map(([k, v]) => `${k}: "${v}"`)
    .join('\n');
  const text = yaml ? `---\n${yaml}\n---\n\n${body}\n` : `${body}\n`;
  const x = toExtractedDocument(extractRelease(parseRelease(text, `phenomenon${n++}.md`)));
  expect(validateExtractedDocument(x)).toBeNull();
  return x;
}

const STORY = 'A 31-year-old man from Grantham has been handed a stalking protection order at Lincoln Magistrates\' Court on Monday.';

describe('1. publication dates in bylines and datelines, relative dates resolved against them', () => {
  const cases: Array<[string, string | null]> = [
    // national paper: the date glued to the author's name
    [`Man handed stalking order\n\nRebecca Stone14 March 2023\n\n${STORY}`, '2023-03-14'],
    // local radio site: author and label glued
    [`Stalker banned from town\n\nAuthor: Omar Patel, Crime ReporterPublished 3rd Nov 2021\n\n${STORY}`, '2021-11-03'],
    // community paper: published and updated, published wins
    [`Order granted\n\nPublished on: 9 Feb, 2022\nUpdated on: 11 Feb, 2022\n\n${STORY}`, '2022-02-09'],
    // force release: a bare dateline under the headline
    [`Stalking protection order for Grantham man\n\n4 Aug 2020\n\n${STORY}`, '2020-08-04'],
    // news aggregator
    [`Date published: 27 September 2024\n\n${STORY}`, '2024-09-27'],
    // Welsh force: the dateline in Welsh, then English
    [`Order for Wrexham man\n\nDydd Mawrth 3 Hydref 2023 / Tuesday 3 October 2023\n\n${STORY}`, '2023-10-03'],
    // social-media post: the poster and the date under the text
    [`${STORY}\n\nPosted by Cleveland Police, 4 June 2022`, '2022-06-04'],
    // regional paper: the dateline carries its revision
    [`Stalker handed order\n\n08:30, 21 NOV 2022 Updated 09:45, 21 NOV 2022\n\n${STORY}`, '2022-11-21'],
    // regional paper: time, then the month in capitals
    [`Stalker handed order\n\n09:15, 12 MAR 2021\n\n${STORY}`, '2021-03-12'],
    // force release telling the day before in full
    [`Yesterday (Tuesday 2 April 2024) officers secured a stalking protection order against a 40-year-old man.`, '2024-04-03'],
    // court reporter: "today" with the full date
    [`Today (Friday 6 May 2022) magistrates granted a stalking protection order against a 52-year-old woman.`, '2022-05-06'],
    // local paper: byline with the time after the date
    [`Stalker handed order\n\nTom Reid 8 June 2021 - 10:31am\n\n${STORY}`, '2021-06-08'],
    // a force newsroom: the kind of page, then the date month first
    [`Media release · Apr 3, 2024 09:00 BST\n\n${STORY}`, '2024-04-03'],
    [`News · 2 May 2025 11:40 BST\n\n${STORY}`, '2025-05-02'],
    // a neighbourhood alert email
    [`Order for Hitchin man\n\nSent: Tuesday 4 March 2025 10:02 | Area: Hitchin\n\n${STORY}`, '2025-03-04'],
    // a Welsh force's page read in Welsh: the dateline in Welsh only
    [`Gorchymyn i ddyn o Fangor\n\nDydd Llun 3 Chwefror 2025 – 11:20\n\n${STORY}`, '2025-02-03'],
    // a page whose menus, cookie text and pictures push the dateline far down
    [`${'Home | News | Sport | What is on | Property | Jobs | Motors | Notices | Contact\n\n'.repeat(10)}Stalker handed order\n\nBy Tom Reid\n\n09:15, 12 MAR 2021\n\n${STORY}`, '2021-03-12'],
    // negatives: a date in the story is an event, not the publication
    [`${STORY}\n\nThe order was granted on 3 March 2021 by magistrates.`, null],
    [`The first order was issued on Tuesday 7 July 2020 against a man from Boston.`, null],
    [`Man, 30, given stalking order after campaign that began 1 May 2019\n\n${STORY}`, null],
  ];
  it.each(cases)('%s', (text, published) => {
    expect(run(text).published).toBe(published);
  });

  it('"on Monday" in a report published on a Monday is that day; other weekdays go back', () => {
    const fm = { published: '2023-03-13' }; // a Monday
    expect(run(STORY, fm).orders[0]!.made_on).toBe('2023-03-13');
    expect(run(STORY.replace('Monday', 'Thursday'), fm).orders[0]!.made_on).toBe('2023-03-09');
    expect(run(`Rebecca Stone13 March 2023\n\n${STORY}`).orders[0]!.made_on).toBe('2023-03-13');
  });

  it('a hard-wrapped alert: the court and the age are read across the line breaks', () => {
    const x = run('Dear Resident,\n\nWe are writing about a stalking protection order granted this week\nagainst a man who lives in Hitchin. On Tuesday (4 March), magistrates at\nStevenage Magistrates\'\nCourt granted the order against the man, who is 52, after an\napplication by our local team. The order runs for three years and the\nman must not contact the woman he followed or go to her street.', { published: '2025-03-07' });
    expect(x.orders[0]).toMatchObject({ age: 52, court: "Stevenage Magistrates' Court", made_on: '2025-03-04', duration: 'P3Y' });
  });

  it('a month ("earlier this month") is made exact by a later sentence dating the order within it', () => {
    const x = run("Earlier this month a 40-year-old man from Thame was given a stalking protection order.\n\nWhat it means\n\nThe order, made at Oxford Magistrates' Court on 4 March, lasts three years.", { published: '2024-03-20' });
    expect(x.orders[0]).toMatchObject({ made_on: '2024-03-04', court: "Oxford Magistrates' Court", duration: 'P3Y' });
  });

  it('an order extended at a later hearing runs for its new term', () => {
    const x = run('A stalking protection order against a 70-year-old man from Cowes was first made in May 2021 for two years. At a hearing at Isle of Wight Magistrates\' Court it has been extended and will now run until 1 June 2027.', { published: '2023-05-10' });
    expect(x.orders[0]).toMatchObject({ duration: 'until:2027-06-01', court: "Isle of Wight Magistrates' Court" });
  });
});

describe('2. named defendants and coreference (surname, "he", "the 44-year-old")', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    // court reporter: name, age, street and town, then the surname
    ["Gareth Lowe, 47, of Mill Lane, Stroud, was made subject to a stalking protection order at Gloucester Magistrates' Court. Lowe must not contact the woman.", { age: 47, sex: null, town: 'Stroud', court: "Gloucester Magistrates' Court", prohibitions: ['contact'] }],
    // local paper: the newspaper idiom "Town man First Last"
    ['Last week, Kendal man Peter Ashworth became the first person in the county to receive a stalking protection order.', { sex: 'male', town: 'Kendal' }],
    // national paper: introduced, then "the 39-year-old"
    ['Dean Morley was handed a stalking protection order by magistrates. The 39-year-old had sent hundreds of messages to a colleague.', { age: 39 }],
    // force release: "was subjected to", then "he"
    ['Karl Webb, aged 52, was subjected to a stalking protection order on Friday. He is banned from entering the village of Oakley.', { age: 52, sex: 'male', prohibitions: ['exclusion_zone'] }],
    // a woman defendant called by surname
    ["Leanne Hart, 33, from Yeovil, has been given an interim stalking protection order. Hart must not go to her former partner's workplace.", { age: 33, town: 'Yeovil', kind: 'interim', prohibitions: ['attend_workplace'] }],
    // "the defendant" after the name
    ['The defendant, Simon Reeve, 58, was issued with a stalking protection order lasting ten years.', { age: 58, duration: 'P10Y' }],
    // name with a bracketed age
    ['Martin Cole (41) was granted a stalking protection order ban at Hull Crown Court, where he admitted harassment.', { age: 41, sex: 'male', court: 'Hull Crown Court' }],
    // the order in a later sentence naming only the surname
    ['Tom Bright, 29, of Exeter, admitted stalking at an earlier hearing. Bright was handed a stalking protection order at Exeter Crown Court on Monday.', { age: 29, town: 'Exeter', court: 'Exeter Crown Court' }],
    // the age closes the sentence; "from the Wirral" is a home, not a team
    ['Officers secured a stalking protection order against Michael Dunn, 45. Dunn, who lives in Redruth, must not enter Truro.', { age: 45, town: 'Redruth', prohibitions: ['exclusion_zone'] }],
    ['Jason Kerr, from the Wirral, was served with an interim SPO on 4 May 2022.', { town: 'Wirral', kind: 'interim', made_on: '2022-05-04' }],
    // "from the village of X": the village is the home town
    ['A pensioner from the village of Ashwell has been given a stalking protection order by magistrates.', { town: 'Ashwell' }],
    ['The woman, who lives in the market town of Bakewell, must not contact her former employer.  She was made subject to a stalking protection order.', { sex: 'female', town: 'Bakewell' }],
    // courts named for two towns, and court buildings that are not "X Court"
    ["Alan Pike, 50, was made subject to a stalking protection order at Bradford and Keighley Magistrates' Court.", { court: "Bradford and Keighley Magistrates' Court" }],
    ['A 36-year-old woman was given a stalking protection order at Teesside Justice Centre on 2 June 2023.', { court: 'Teesside Justice Centre', made_on: '2023-06-02' }],
    // an appeal heard at one court against the order another court made
    ["Karen Webb, 47, told Exeter Crown Court that the stalking protection order imposed by Torquay Magistrates' Court in May 2023 was unfair.", { court: "Torquay Magistrates' Court" }],
    // a district the gazetteer does not know, then the town
    ['Sean Maher, 44, of Moorends, Doncaster, was given a stalking protection order by magistrates.', { age: 44, town: 'Doncaster' }],
    // one sentence with a restraining order and the SPO: the SPO's part carries its term and conditions
    ["Leah Grant, 31, was given a restraining order at Luton Crown Court, and Bedfordshire Police secured a stalking protection order lasting six years, which bans her from contacting the man or entering Dunstable.", { age: 31, duration: 'P6Y', prohibitions: ['contact', 'exclusion_zone'] }],
    // a breach report that says when the order was made, by month
    ['Neil Shaw, 61, of Goole, was jailed for breaching a stalking protection order. The order was made in March 2022 and lasts for two years. It bans him from contacting his former partner.', { age: 61, town: 'Goole', court: null, made_on: '2022-03', duration: 'P2Y', prohibitions: ['contact'] }],
    // a named victim with an age is not the subject; how long she was stalked is not the order's term
    ['Sarah Jones, 25, who was stalked by her ex for a year, welcomed the stalking protection order made against him.', { age: null, duration: null }],
  ];
  it.each(cases)('%s', (text, want) => {
    const x = run(text);
    expect(x.orders, JSON.stringify(x)).toHaveLength(1);
    expect(x.orders[0]).toMatchObject(want);
  });

  const negatives: string[] = [
    // officers, judges and victims are named too: none of them is a subject
    'Detective Constable Amy Ford said stalking protection orders were a vital tool.',
    "District Judge Helen Marsh said the courts would consider every application for a stalking protection order.",
    'Sarah Lane, 34, who was stalked for two years, is campaigning for more stalking protection orders to be made.',
    'Police and Crime Commissioner Mark Dean, 61, welcomed the introduction of stalking protection orders.',
  ];
  it.each(negatives)('no order: %s', (text) => {
    expect(run(text).orders).toEqual([]);
  });

  it('the woman the subject met, or the one who speaks of the order, is not the subject', () => {
    expect(run('Mark Foley, 37, of Witney, had met the woman at work. He was given a stalking protection order at Oxford Magistrates\' Court.').orders[0]!.sex).toBe('male');
    expect(run('A 37-year-old from Witney was given a stalking protection order for sending letters to a woman he barely knew. He must not contact her. The woman said she hoped the order would end it.').orders[0]!.sex).toBe('male');
  });

  it('an occupation between the age and the town: "a 52-year-old retired teacher from Thame", "Jo Hart, 44, a nurse from Didcot"', () => {
    expect(run('A 52-year-old retired teacher from Thame was handed a stalking protection order.').orders[0]!.town).toBe('Thame');
    expect(run('Jo Hart, 44, a nurse from Didcot, was handed a stalking protection order.').orders[0]!.town).toBe('Didcot');
    expect(run('A woman in her thirties from the Hitchin area has been made subject to a stalking protection order.').orders[0]!.town).toBe('Hitchin');
    // a district, then the much larger town it is part of; two towns of a size keep the first
    expect(run('Dan Cole, 27, of Werrington, Peterborough, was handed a stalking protection order.').orders[0]!.town).toBe('Peterborough');
    expect(run('Jo Hart, 44, of Hove, Brighton, was handed a stalking protection order.').orders[0]!.town).toBe('Hove');
    // someone who moved from a town no longer lives there
    expect(run('A 52-year-old who moved from Thame was handed a stalking protection order.').orders[0]!.town).toBeNull();
  });

  it('a bare "the woman" in a sentence that is not about the order does not give the subject\'s sex', () => {
    const x = run('A 33-year-old accountant from Didcot has been given a stalking protection order after he sent a former colleague hundreds of emails. Reed and the woman had shared an office until he left the firm. The woman, who is in her twenties, still works there. He must not contact her.');
    expect(x.orders[0]!.sex).toBe('male');
    expect(run('The man was handed a stalking protection order at Oxford Magistrates\' Court.').orders[0]!.sex).toBe('male');
  });

  it('someone\'s relative with an age is not another defendant: the order keeps its later sentences', () => {
    const x = run('Kim Dale, 41, was given a stalking protection order at Luton Magistrates\' Court. She found the man\'s 15-year-old son online and messaged him. The order bans Dale from contacting the man or his son.');
    expect(x.orders[0]).toMatchObject({ age: 41, prohibitions: ['contact', 'contact_family'] });
  });

  it('"a man from March" is the town, not the date; "Taunton magistrates granted" is the court', () => {
    const x = run('A 29-year-old man from March has been given a stalking protection order. Peterborough magistrates granted the order yesterday (3 June).', { published: '2024-06-04' });
    expect(x.orders[0]).toMatchObject({ made_on: '2024-06-03', court: 'Peterborough magistrates' });
  });

  it('a person already in the story, named with an age, does not end the order\'s sentences; a new one introduced does', () => {
    const x = run('Aled Hughes, 31, was given a stalking protection order at Mold Magistrates\' Court. The court heard that Hughes and the 22-year-old woman had lived together. He must not contact her or go to her street.');
    expect(x.orders[0]).toMatchObject({ age: 31, prohibitions: ['contact', 'attend_address'] });
    const y = run('Aled Hughes, 31, was given a stalking protection order at Mold Magistrates\' Court.\n\nDafydd Lloyd, 45, of Rhyl, was fined for speeding. He must not drive for six months.');
    expect(y.orders[0]!.prohibitions).toEqual([]);
  });

  it('the person the order names was introduced before it: their age comes from that introduction', () => {
    const x = run('Huddersfield man given community order and stalking ban\n\nA man who sent threats to a neighbour has been given a community order.\n\nWayne Horsfall, 41, of Lindley, pleaded guilty to sending a malicious communication.\n\nThe stalking protection order, which will last for three years, bars Horsfall from contacting the neighbour.');
    expect(x.orders[0]).toMatchObject({ age: 41, duration: 'P3Y', prohibitions: ['contact'] });
  });

  it('"the young woman" in a sentence about the case, not the order, is not the subject', () => {
    expect(run('Jordan Price, 19, from Cwmbran, was made subject to a stalking protection order. The court heard that Price and the young woman had been at school together. He must not contact her.').orders[0]!.sex).toBe('male');
  });

  it('a headline ban "barred from the town for five years" gives the term; "heard by magistrates on Thursday" the date', () => {
    const x = run('A man who hid a tracker on a car has been barred from Thame for five years.\n\nThe case was heard by magistrates in Oxford on Thursday, when a stalking protection order was made against the 58-year-old.', { published: '2025-04-26' });
    expect(x.orders[0]).toMatchObject({ duration: 'P5Y', made_on: '2025-04-24' });
  });

  it('a given name alone says nothing of sex', () => {
    expect(run('Jordan Price, 30, was handed a stalking protection order.').orders[0]!.sex).toBeNull();
  });

  it('a possessive that can only be the subject\'s tells the sex; one about others does not', () => {
    expect(run('Robin Lowe, 39, was given a stalking protection order. It bans Lowe from contacting the woman directly or through anyone acting on his behalf.').orders[0]!.sex).toBe('male');
    expect(run('Kerry Dale, 51, was handed a stalking protection order which prohibits Dale, or any of her friends, from contacting the family.').orders[0]!.sex).toBe('female');
    expect(run("Sam Reed, 28, was made subject to a stalking protection order. The victim's mother had spoken to officers on her behalf.").orders[0]!.sex).toBeNull();
  });
});

describe('3. several orders at once', () => {
  const cases: Array<[string, number]> = [
    ['Magistrates granted two interim stalking protection orders against a 45-year-old man from Bury.', 2],
    ['Liam Grey, 36, has been made subject to stalking protection orders relating to two victims.', 2],
    ["The court imposed three stalking protection orders on the 50-year-old woman, one for each of the families she targeted.", 3],
    ['A man, 27, was handed stalking protection orders protecting two women he had met online.', 2],
    ['He was given two full SPOs at Leeds Magistrates\' Court on Tuesday. The 33-year-old must not contact either woman.', 2],
    // look-alikes: counts of orders across a force, and one order protecting two people
    ['Essex Police has obtained two stalking protection orders this year.', 0],
    ['Across the county, three stalking protection orders were granted in 2021.', 0],
    ['A 40-year-old man was handed a stalking protection order protecting a woman and her daughter.', 1],
  ];
  it.each(cases)('%s', (text, count) => {
    const x = run(text);
    expect(x.orders, JSON.stringify(x)).toHaveLength(count);
    if (count > 1) expect(new Set(x.orders.map((o) => JSON.stringify(o))).size).toBe(1);
  });

  it('a court round-up naming people in capitals: one order per person, each with their own facts', () => {
    const x = run(
      "Cases heard at Grimsby Magistrates' Court.\n\nJASON MARKHAM, 52, of Cleethorpe Road, Grimsby, admitted theft and was fined £200.\n\nOWEN PRICE-DAVIS, 29, of Scartho, was made subject to a stalking protection order for three years on March 4. He must not contact a woman or go to the road in Laceby where she lives.\n\nKERRY ANNE BOLT, 41, of Immingham, was given an interim stalking protection order on March 6 after police applied to the court. She must not approach a man until the full hearing.",
    );
    expect(x.orders.map((o) => [o.age, o.sex, o.town, o.kind, o.duration])).toEqual([
      [29, 'male', null, null, 'P3Y'],
      [41, 'female', 'Immingham', 'interim', null],
    ]);
    expect(x.orders[0]!.prohibitions).toEqual(['contact', 'attend_address']);
    expect(x.orders[1]!.prohibitions).toEqual(['approach']);
  });

  it('two cases told one after the other: "the same court" is the court of the case before', () => {
    const x = run(
      "Officers in Sheffield secured two stalking protection orders in unrelated cases.\n\nA 30-year-old woman from Rotherham was given a three-year order at Sheffield Magistrates' Court on 2 May 2023. She must not contact her former partner.\n\nA 71-year-old man from Barnsley was handed a five-year order by the same court on 4 May 2023. He must not go to his neighbour's house.",
    );
    expect(x.orders).toHaveLength(2);
    expect(x.orders.map((o) => [o.age, o.court])).toEqual([
      [30, "Sheffield Magistrates' Court"],
      [71, "Sheffield Magistrates' Court"],
    ]);
  });

  it('"The order was made ... against the 52-year-old" tells the order the headline reported, even where the towns differ', () => {
    const x = run(
      "Bolton man given stalking protection order\n\nA man who followed a woman home from work has been given a stalking protection order.\n\nThe order was made at Bolton Magistrates' Court against the 52-year-old, who lives in Farnworth.",
    );
    expect(x.orders).toHaveLength(1);
    expect(x.orders[0]).toMatchObject({ age: 52, court: "Bolton Magistrates' Court" });
  });

  it('the orders share their facts, told after the count ("the orders last for five years")', () => {
    const x = run(
      "A Crawley man has been made subject to two stalking protection orders.\n\nThe 47-year-old was handed the orders at Lewes Magistrates' Court. He is prohibited from contacting either woman. The orders last for five years.",
    );
    expect(x.orders).toHaveLength(2);
    for (const o of x.orders) expect(o).toMatchObject({ age: 47, town: 'Crawley', court: "Lewes Magistrates' Court", duration: 'P5Y', prohibitions: ['contact'] });
    // Without a count before it, "the orders last..." is what orders in general do.
    expect(run('A 47-year-old man was handed a stalking protection order. The orders last for at least two years.').orders[0]!.duration).toBeNull();
  });
});

describe('4. orders told inside quotes', () => {
  const cases: Array<[string, Record<string, unknown> | null]> = [
    ['Detective Sergeant Ruth Kaye said: "We dealt with a man who followed a woman home every night for a month. In that case, a three-year stalking protection order was granted."', { sex: 'male', duration: 'P3Y' }],
    ['"A woman had bombarded her neighbour with letters," said Inspector Colin Mayes. "The court granted a stalking protection order last month, and she must not contact him."', { sex: 'female' }],
    ['The officer added: "In this case a 55-year-old man was handed an interim stalking protection order."', { age: 55, kind: 'interim' }],
    ['"We recently secured an SPO against a man who had tracked his ex-partner\'s car," said PC Dawn Hill.', { sex: 'male' }],
    // look-alikes: hopes, powers and plans in quotes
    ['Chief Inspector Neil Rowe said: "Stalking protection orders can stop a man from contacting his victim."', null],
    ['"We will apply for a stalking protection order against the man," said a spokesman.', null],
    ['"I am pleased that stalking protection orders are now available to protect women," said the commissioner.', null],
    ['She said: "An order like this gives victims peace of mind."', null],
  ];
  it.each(cases)('%s', (text, want) => {
    const x = run(text);
    if (want === null) expect(x.orders).toEqual([]);
    else {
      expect(x.orders, JSON.stringify(x)).toHaveLength(1);
      expect(x.orders[0]).toMatchObject(want);
    }
  });

  it('a judge telling the subject the terms: conditions count; an officer advising the public: none', () => {
    const judge = run(
      'Neil Parry, 42, was handed a stalking protection order at Mold Magistrates\' Court.\n\nThe district judge told him: "You must not contact her in any way. You must tell the police of any new mobile phone within three days."',
    );
    expect(judge.orders[0]).toMatchObject({ prohibitions: ['contact'], requirements: ['register_phone'] });
    const advice = run(
      'Neil Parry, 42, was handed a stalking protection order at Mold Magistrates\' Court.\n\nInspector Kay Moss said: "If you are being stalked, you must not suffer in silence. You must tell the police."',
    );
    expect(advice.orders[0]).toMatchObject({ prohibitions: [], requirements: [] });
  });
});

describe('5. other names for the same order', () => {
  const cases: Array<[string, Record<string, unknown> | null]> = [
    ['A 61-year-old man has been given a Stalking Prevention Order after he followed a shop worker.', { age: 61, sex: 'male' }],
    ['Ben Ross, 30, was handed an SPO order at Truro Magistrates\' Court.', { age: 30, court: "Truro Magistrates' Court" }],
    ['A man has been handed a stalking order banning him from contacting his former partner for five years.', { sex: 'male', duration: 'P5Y', prohibitions: ['contact'] }],
    // the SPO application story calls it a court order
    ['Police applied to magistrates for a stalking protection order against Owen Hale.\n\nOwen Hale, 44, is now banned from the Fairfield estate under the terms of a strict three-year court order.', { age: 44, duration: 'P3Y', prohibitions: ['exclusion_zone'] }],
    ['A stalking ban has been imposed on a 25-year-old woman from Luton.', { age: 25, sex: 'female', town: 'Luton' }],
    // look-alikes: a court order of another kind, named as such
    ['A man, 39, was given a restraining order and a community order at Bristol Crown Court. Police said they would consider a stalking protection order in future.', null],
    ['The council obtained a court order to close the property. Stalking protection orders were not sought.', null],
    ['A 28-year-old man was handed a criminal behaviour order. Stalking protection orders are different.', null],
  ];
  it.each(cases)('%s', (text, want) => {
    const x = run(text);
    if (want === null) expect(x.orders).toEqual([]);
    else {
      expect(x.orders, JSON.stringify(x)).toHaveLength(1);
      expect(x.orders[0]).toMatchObject(want);
    }
  });
});

describe('6. no order from general text', () => {
  const cases: string[] = [
    // statistics
    'Thames Valley Police has obtained 64 stalking protection orders since they were introduced in 2020.',
    'Figures show that 12 interim and eight full stalking protection orders were issued by the force last year.',
    // FOI answer with typical conditions
    'In response to your request: the force applied for 9 stalking protection orders in 2022. Typical conditions include not contacting the victim, not entering an exclusion zone and notifying police of any change of address.',
    // explainers and what an order "can" do
    "A stalking protection order can prohibit a person from contacting the victim or going to their home, and can require them to attend a perpetrator programme.",
    'If granted, the respondent to an order must notify police of their name and address within three days.',
    'One application may lead to more than one order being made, for example where there are several victims.',
    // awareness week
    'National Stalking Awareness Week runs from 24 April. Officers will explain how stalking protection orders work and how victims can get help.',
    // other kinds of order
    'A 35-year-old man was handed a domestic abuse protection order at Preston Magistrates\' Court banning him from contacting his ex-partner.',
    'SPOs commonly see stalkers banned from visiting certain places and required to hand over passwords.',
    'Read more: Man given stalking protection order after following neighbour\n\nStalking protection orders were introduced in January 2020.',
    // an FOI answer's question list and what it says of orders in general
    'You asked: "1. For each SPO granted in 2024, the town in which the subject lives and the conditions."\n\nThe conditions of an order are drawn up around the behaviour of the person it is made against.',
    // counts of people under orders
    'At the end of June, 28 people in Suffolk were subject to a live stalking protection order.',
    // links to other stories: under a "More from" or "You might also like" heading, or a dated headline in a list
    'A man who broke into a chemist in Ipswich has been jailed for two years.\n\nMore from Ipswich\n\nMan handed stalking protection order after months of calls',
    'A man who broke into a chemist in Ipswich has been jailed for two years.\n\nYou might also like\n\n- Woman given five-year stalking protection order',
    'Burglar jailed for raid on Ipswich chemist.\n\n- Felixstowe man given stalking protection order (3 March 2023)',
  ];
  it.each(cases)('%s', (text) => {
    expect(run(text).orders).toEqual([]);
  });

  it('a "Latest news" breadcrumb above the story does not end it', () => {
    const x = run('Latest news › Suffolk\n\nA 38-year-old man from Bury St Edmunds has been handed a stalking protection order at Ipswich Magistrates\' Court.\n\nMost read\n\nWoman, 29, given stalking protection order in Lowestoft');
    expect(x.orders.map((o) => [o.age, o.court])).toEqual([[38, "Ipswich Magistrates' Court"]]);
  });

  it('a piece that names several forces alike is about none of them', () => {
    const x = run('Cleveland Police applied for four orders, Durham Constabulary for two and Northumbria Police for nine stalking protection orders.');
    expect(x.force).toBeNull();
  });
});

describe('7. one specific order inside a general piece', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['Since 2020 officers have obtained 31 stalking protection orders, and last month secured an indefinite order against a man who had followed two nurses.', { sex: 'male', duration: 'indefinite' }],
    ["The force has applied for dozens of orders. Most recently, we secured an SPO at Northtown Magistrates' Court against a woman who sent hundreds of letters.", { sex: 'female', court: "Northtown Magistrates' Court" }],
    ['Stalking protection orders give victims breathing space. In one recent case, a 48-year-old man was handed a two-year order after he loitered outside a school.', { age: 48, duration: 'P2Y' }],
    ["Awareness week: stalking protection orders explained.\n\nOrders can ban contact. Earlier this year a man from Wigan was made subject to a full stalking protection order.", { town: 'Wigan', kind: 'full' }],
    ['Officers have secured 12 SPOs this year, and recently obtained an order against a stranger stalker which requires him to register with police.', { sex: 'male', requirements: ['notify_address'] }],
    ['The scheme has been running for a year. This week a 37-year-old woman was given an interim stalking protection order at Hove Crown Court.', { age: 37, kind: 'interim', court: 'Hove Crown Court' }],
    ['Across the region 18 interim orders were made. In Darlington, a 60-year-old man received a stalking protection order lasting five years.', { age: 60, duration: 'P5Y' }],
    ['We have made more use of stalking protection orders than any other force. We recently obtained one against a 22-year-old man who had tracked his ex-girlfriend.', { age: 22 }],
  ];
  it.each(cases)('%s', (text, want) => {
    const x = run(text);
    expect(x.orders, JSON.stringify(x)).toHaveLength(1);
    expect(x.orders[0]).toMatchObject(want);
  });
});

describe('8. conditions worded freely; conditions of orders in general belong to no order', () => {
  const O = 'A 44-year-old man from Rugby was handed a stalking protection order on Tuesday.';
  const cases: Array<[string, string[], string[]]> = [
    [`${O} He is banned from entering a named postcode area in the town.`, ['exclusion_zone'], []],
    [`${O} He must not go within 100 metres of the woman.`, ['approach'], []],
    [`${O} He must not go within 50 metres of anywhere he knows she works or lives.`, ['exclusion_zone'], []],
    [`${O} The order requires him to notify police of any change of name or address.`, [], ['notify_address']],
    [`${O} He must hand over passwords to his social media accounts.`, [], ['surrender_devices']],
    [`${O} He must surrender any device capable of taking photographs.`, [], ['surrender_devices']],
    [`${O} He is prohibited from visiting particular areas of Coventry.`, ['exclusion_zone'], []],
    [`${O} The order bans him from the town centre and from posting about her online.`, ['exclusion_zone', 'publish'], []],
    [`${O} He must tell police about any new relationship and register his car.`, [], ['register_vehicle', 'declare_relationships']],
    [`${O} He must wear an electronic tag for a year.`, [], []],
    [`${O} The order bans him from going to her street.`, ['attend_address'], []],
    // family or friends as the channel of contact: indirect contact, not a ban on contacting them
    [`${O} He must not contact her directly or via friends or relatives.`, ['contact'], []],
    [`${O} It stops him messaging the woman, including through a third party or her relatives.`, ['contact'], []],
    [`${O} He must not contact the woman or her sister, even through mutual friends.`, ['contact', 'contact_family'], []],
    [`${O} He must not refer to the woman on any website or forum.`, ['publish'], []],
    [`${O} He must not go to the hospital where she works.`, ['attend_workplace'], []],
    [`${O} He must not attend the Broadmarsh shopping centre and must attend the Cranstoun programme.`, ['exclusion_zone'], ['attend_programme']],
    [`${O} He must attend the Freedom Programme and report to Rugby Police Station weekly.`, [], ['attend_programme', 'report_to_station']],
    [`${O} He is banned from attending the Royal Berkshire Hospital, where she is a nurse.`, ['attend_workplace'], []],
    [`${O} He must not come within 300 metres of a woman's house in Bilton.`, ['attend_address'], []],
    [`${O} He must not enter any premises where he believes she is living or working.`, ['attend_address', 'attend_workplace'], []],
    [`${O} He must let officers examine any phone he owns.`, [], ['surrender_devices']],
    [`${O} He must make any camera he owns available to officers for inspection.`, [], ['surrender_devices']],
    [`${O} When he moves, he must give police his new address within three days.`, [], ['notify_address']],
    [`${O} Magistrates also ordered him to attend a course for stalking perpetrators.`, [], ['attend_programme']],
    [`${O} He must take part in a programme of sessions designed to address his behaviour.`, [], ['attend_programme']],
    [`${O} He must not go to the cafe on Station Road where she works.`, ['attend_workplace'], []],
    [`${O} He must not enter Didcot station.`, ['exclusion_zone'], []],
    [`${O} He must not go to the nursing home in Hillmorton where she works.`, ['attend_workplace'], []],
    [`${O} He may keep only one mobile phone, and must give officers its number.`, ['device_limit'], ['register_phone']],
    [`${O} He must hand his laptop to officers whenever they ask to see it.`, [], ['surrender_devices']],
    [`${O} He must give police the registration number of any car he drives.`, [], ['register_vehicle']],
    [`${O} He must give officers the passwords for his phone when asked.`, [], ['surrender_devices']],
    [`${O} He must tell officers within a week whenever he starts a new romantic relationship.`, [], ['declare_relationships']],
    [`${O} He must not use any app or device to find out where she is.`, ['surveillance'], []],
    [`${O} He must not contact the woman or her husband.`, ['contact', 'contact_family'], []],
    [`${O} He must not contact his former wife.`, ['contact'], []],
    [`${O} He may not get in touch with the woman except through solicitors in family proceedings.`, ['contact'], []],
    [`${O} He is barred from the close in Bilton where they live.`, ['attend_address'], []],
    [`${O} He may not go to the road in Long Lawford where she lives.`, ['attend_address'], []],
    [`${O} He must let them know within three days if he changes address.`, [], ['notify_address']],
    [`${O} He is barred from going to the road in Bilton where they live.`, ['attend_address'], []],
    [`${O} He must let police know of any change of address and tell them of any new email address he uses.`, [], ['register_phone', 'notify_address']],
    [`${O} The order obliges him to attend a course run by a probation service.`, [], ['attend_programme']],
    [`${O} He must not own more than one internet-enabled device, nor any program that deletes his messages.`, ['device_limit'], []],
    [`${O} He must make his laptop available for officers to examine on request.`, [], ['surrender_devices']],
    [`${O} He must stay at least 30 metres away from her wherever she is.`, ['approach'], []],
    [`${O} He has to supply officers with the registration of any car he uses.`, [], ['register_vehicle']],
    [`${O} Under the order he must NOT:\n\u274C message the woman\n\u274C go to her flat in Bilton`, ['contact', 'attend_address'], []],
    [`${O} He must not enter the Rugby College campus or the Elliott's Field retail park, where she works.`, ['attend_workplace'], []],
    [`${O} He must give the police details of each mobile and online account he holds.`, [], ['register_phone']],
    [`${O} He has to re-register where he lives every three months and let police into his flat so that they can check on him.`, [], ['notify_address', 'home_visits']],
    [`${O} He must not go to Lawford Road, Rugby, the road where she lives.`, ['attend_address'], []],
    [`${O} He must not visit the street in Hillmorton where the woman lives.`, ['attend_address'], []],
    // look-alikes: what orders in general can do is no condition of this order
    [`${O} Orders can ban people from entering exclusion zones and require them to attend programmes.`, [], []],
    [`${O} Such orders commonly see stalkers required to provide access to their phones.`, [], []],
  ];
  it.each(cases)('%s', (text, prohibitions, requirements) => {
    const x = run(text);
    expect(x.orders, JSON.stringify(x)).toHaveLength(1);
    expect(x.orders[0]).toMatchObject({ prohibitions, requirements });
  });
});

describe('confidence and review reasons come from the evidence', () => {
  it('a plain report is trusted; a quoted, a court-order-only or a counted mention is flagged', () => {
    const plain = run("Gail Moss, 50, of Hythe, was handed a five-year stalking protection order at Folkestone Magistrates' Court on 2 June 2022.").orders[0]!;
    expect(plain.confidence).toBeGreaterThanOrEqual(0.9);
    expect(plain.needs_review).toEqual([]);
    const quoted = run('The inspector said: "A man followed her for weeks. In that case, a stalking protection order was granted."').orders[0]!;
    expect(quoted.needs_review).toContain('told only in quoted speech');
    expect(quoted.confidence).toBeLessThan(plain.confidence!);
    const alias = run('Police applied for a stalking protection order.\n\nLuke Dale, 40, is banned from the park under the terms of a two-year court order.').orders[0]!;
    expect(alias.needs_review).toContain('named only as a court order');
    const counted = run('Officers have secured 12 SPOs this year, and recently obtained an order against a stranger stalker.').orders[0]!;
    expect(counted.needs_review).toEqual(expect.arrayContaining(['reported beside counts of orders', 'nothing about the person it is against']));
    expect(counted.confidence).toBeLessThan(0.5);
  });
});

describe('an interim order made full: the date of the full order', () => {
  it('the sentence naming only the full order dates it, not the one naming both', () => {
    const o = run(
      "A Corby man given an interim stalking protection order in May has now been made subject to a full order.\n\nThe 33-year-old appeared at Kettering Magistrates' Court on 4 September 2023, where magistrates granted the full SPO.",
    ).orders;
    expect(o).toHaveLength(1);
    expect(o[0]).toMatchObject({ kind: 'full', made_on: '2023-09-04', town: 'Corby' });
  });
});
