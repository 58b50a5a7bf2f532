// Table-driven tests of the extraction rules on realistic sentences of UK police releases and court
// reporting, field family by field family, with the negative cases (general powers, statistics,
// applications, other kinds of order, victims described like subjects).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractRelease, toExtractedDocument } from '../src/extract/index.ts';
import { splitSentences } from '../src/extract/sentences.ts';
import { findDates, resolveDate } from '../src/extract/dates.ts';
import { parseNumber } from '../src/extract/numbers.ts';
import { parseRelease } from '../src/release/index.ts';
import { validateExtractedDocument } from '../src/domain/validate.ts';
import type { ExtractedDocument, Order } from '../src/domain/types.ts';

let n = 0;
function run(body: string, fm: Record<string, string> = {}): ExtractedDocument {
  const yaml = Object.entries(fm)
    .map(([k, v]) => `${k}: "${v}"`)
    .join('\n');
  const text = yaml ? `---\n${yaml}\n---\n\n${body}\n` : `${body}\n`;
  const x = toExtractedDocument(extractRelease(parseRelease(text, `case${n++}.md`)));
  expect(validateExtractedDocument(x)).toBeNull();
  return x;
}

/** The single order of a text (fails when there is not exactly one). */
function one(body: string, fm: Record<string, string> = {}): Order {
  const x = run(body, fm);
  expect(x.orders, JSON.stringify(x)).toHaveLength(1);
  return x.orders[0]!;
}

describe('relevance and orders: specific orders yield one order each', () => {
  const cases: Array<[string, number]> = [
    ['A man from Dover has been handed a stalking protection order after he repeatedly turned up at his former partner\'s home.', 1],
    ['Magistrates granted an interim Stalking Prevention Order against the 44-year-old man on Tuesday.', 1],
    ["Jordan Hale, 27, was made subject to an interim SPO at Cardiff Magistrates' Court.", 1],
    ['The woman, 36, received a full SPO which bans her from contacting the victim.', 1],
    ['A 59-year-old man has been given a five-year Stalking Protection Order (SPO) after he stalked a teenage girl.', 1],
    ['Man handed stalking protection order\n\nA man who made hundreds of calls to his ex has been handed a Stalking Protection Order.\n\nThe 38-year-old from Luton was granted the order at Luton Magistrates\' Court.', 1],
    ['He was handed two stalking protection orders, one for each of his victims, at Hull Crown Court. The 40-year-old man must not contact either woman.', 2],
    ['A 30-year-old man from Hove was given an SPO on Monday.\n\nIn a separate case, a 25-year-old woman from Crawley was handed a full SPO.', 2],
    ['The first SPO was issued against a man from Rochester.\n\nA further order was granted for 10 years and prevents a 38-year-old from contacting the victim.', 2],
    ['Officers successfully applied for a Stalking Protection Order against the 40-year-old man, which was granted on Friday.', 1],
    ['Following an application by Kent Police, magistrates granted a stalking protection order against a 33-year-old man from Deal.', 1],
    ['An interim SPO was granted against the 29-year-old man, and the case will be reviewed in May.', 1],
    ['Magistrates have imposed a Stalking Protection Order on a 35-year-old man from Hull.', 1],
    ["A woman who stalked her former partner's new girlfriend is now subject to a stalking protection order.", 1],
    ["A man has been served with a Stalking Protection Order after turning up at his ex-wife's workplace.", 1],
    ['An SPO has been issued to a 50-year-old Worthing man.', 1],
    ['The court agreed to impose a stalking protection order on the 24-year-old man.', 1],
    ['Kent Police has obtained its first SPO since the orders were introduced in 2020, against a man from Dover.', 1],
    ['A Stalking Protection Order is now in place against a 47-year-old man from Sheerness.', 1],
    ['A man from Dover is now the subject of a Stalking Protection Order.', 1],
    ["A man from Bath was handed an SPO on Monday.\n\nAnother SPO was granted against the same man to protect the victim's mother.", 2],
    ['A 44-year-old man from Bath was jailed for stalking his ex-partner.\n\nHe was also made subject to a stalking protection order.\n\nA further order, a restraining order, was imposed. In addition, a further stalking protection order was granted to protect her sister.', 2],
    ['A 44-year-old man from Bath was handed a stalking protection order.\n\nA further order was then imposed by the judge, who said he had shown no remorse.', 1],
  ];
  it.each(cases)('%s -> %i order(s)', (text, count) => {
    const x = run(text);
    expect(x.is_spo).toBe(true);
    expect(x.orders).toHaveLength(count);
  });
});

describe('relevance and orders: general, statistics, applications and other orders yield none', () => {
  const cases: Array<[string, boolean]> = [
    ['Stalking Protection Orders can ban perpetrators from contacting their victims or visiting their home.', true],
    ['Kent Police has obtained more than 100 SPOs since they were introduced in January 2020.', true],
    ['Sussex, the first force in the country to obtain an order, has now secured 23 Stalking Protection Orders in six months.', true],
    ['Police are applying for a Stalking Protection Order against a man from Carlisle after he followed a woman home.', true],
    ['If granted, the stalking protection order could ban him from entering the city centre.', true],
    ['Police applied for a Stalking Protection Order against a man from Hastings. The case was adjourned.', true],
    ['Police will apply for a stalking protection order against the 30-year-old man.', true],
    ['An SPO can be granted against a man or woman suspected of stalking, even before charge.', true],
    ['SPOs can be granted against a man or woman suspected of stalking.', true],
    ['Magistrates refused to grant a stalking protection order against the 50-year-old man.', true],
    ['A stalking protection order was not granted against the 50-year-old man from Hull.', true],
    ['The application for an SPO against a 50-year-old man was refused.', true],
    ['Three men have been handed stalking protection orders this year, the force said.', true],
    ['Courts will also be able to impose an interim SPO to provide immediate protection for victims.', true],
    ['SPOs will usually last for a minimum of two years, and a breach can result in up to five years in prison.', true],
    ['He was handed a restraining order rather than a stalking protection order, banning him from contacting the woman.', true],
    ['"The SPO was granted yesterday and he must not contact her," said Detective Sergeant Amy Lee.', true],
    ['A man has been given a restraining order banning him from contacting his ex-partner for five years.', false],
    ['A Domestic Violence Protection Order (DVPO) was issued by magistrates on Friday against an 18-year-old man from Northampton.', false],
    ['A Sexual Harm Prevention Order was imposed on the 55-year-old from Hull, who must not use the internet without police knowledge.', false],
    ['A man from Wem has been given a five-year Criminal Behaviour Order (CBO), which means he cannot enter certain areas of Wem.', false],
    ['A non-molestation order was made against the 35-year-old at Chester Family Court.', false],
    ['Officers are appealing for witnesses after a burglary in High Street, Ashford, on Monday 3 March.', false],
    ['Our Schools Police Officer (SPO), PC Dan Jones, was given an award on Friday. The SPO said he was delighted.', false],
  ];
  it.each(cases)('%s', (text, isSpo) => {
    const x = run(text);
    expect(x.is_spo).toBe(isSpo);
    expect(x.orders).toEqual([]);
  });
});

describe('subject: age, sex and home town', () => {
  const cases: Array<[string, Partial<Order>]> = [
    ['The 41-year-old, of Ashford, was handed a stalking protection order on Monday.', { age: 41, town: 'Ashford' }],
    ['Sarah Jones, 33, of Mill Lane, Bognor Regis, was given a full SPO.', { age: 33, town: 'Bognor Regis' }],
    ['A man, aged 47 and of Station Road, Dover, was made subject to a Stalking Protection Order.', { age: 47, sex: 'male', town: 'Dover' }],
    ['A forty-two-year-old man from Bury has been handed a stalking protection order.', { age: 42, sex: 'male', town: 'Bury' }],
    ['A Medway man has been handed a Stalking Protection Order.', { sex: 'male', town: 'Medway' }],
    ['A Stoke-on-Trent woman has been handed a stalking protection order after sending hundreds of messages.', { sex: 'female', town: 'Stoke-on-Trent' }],
    ['Terry, of Norton Way, Framlingham, became the first recipient of a full Stalking Protection Order in Suffolk. He denied the allegations.', { town: 'Framlingham', sex: 'male' }],
    ['A man who stalked a 16-year-old girl has been handed a stalking protection order.', { age: null, sex: 'male' }],
    ['A stalking protection order was granted against the 29-year-old on Monday.\n\nThe order prevents her from contacting the man or his children.', { age: 29, sex: 'female' }],
    ['A stalking protection order was granted against the defendant after he bombarded a woman with messages.', { sex: 'male' }],
    ['A man from the Denbighshire area was given a Stalking Prevention Order, which will last for three years.', { town: null, sex: 'male' }],
    ['A man who stalked a woman from Canterbury was handed a stalking protection order.', { town: null, sex: 'male' }],
    ['The Northampton man was issued with the interim SPO at Northampton Magistrates\' Court.', { town: 'Northampton', sex: 'male' }],
    ['Magistrates have imposed a Stalking Protection Order on a 35-year-old man from Hull.', { age: 35, sex: 'male', town: 'Hull' }],
    ['An SPO has been issued to a 50-year-old Worthing man.', { age: 50, sex: 'male', town: 'Worthing' }],
    ["'Obsessed' stalker handed stalking protection order\n\n'Obsessed' man, 45, from Hythe was handed an SPO at Folkestone Magistrates' Court.", { age: 45, sex: 'male', town: 'Hythe' }],
    ['The defendant, 41, was handed a stalking protection order. She told the court she was frightened of him.', { age: 41, sex: null }],
    ["Ashley Smith, 28, was handed a stalking protection order. Smith must not contact the woman or go to her home.", { age: 28, sex: null }],
    ['A stalking protection order was granted against a 30-year-old on Monday.\n\nDetective Sergeant Jane Hill, of Canterbury CID, said the order was vital.', { age: 30, town: null }],
    ['A stalking protection order was granted against the 30-year-old on Monday. PC Smith said he was pleased the order had been granted.', { age: 30, sex: null }],
  ];
  it.each(cases)('%s', (text, want) => {
    expect(one(text)).toMatchObject(want);
  });
});

describe('court and kind', () => {
  const cases: Array<[string, Partial<Order>]> = [
    ["The 54-year-old appeared at Maidstone Magistrates' Court, where a full Stalking Protection Order was granted.", { court: "Maidstone Magistrates' Court", kind: 'full' }],
    ['The 59-year-old man was handed the stalking protection order at Shrewsbury Magistrates Court.', { court: 'Shrewsbury Magistrates Court', kind: null }],
    ['Mark Jones, 29, was jailed at Sheffield Crown Court and handed an SPO.', { court: 'Sheffield Crown Court' }],
    ['A woman, 31, was issued with a stalking protection order by Leeds Magistrates on Wednesday.', { court: 'Leeds Magistrates' }],
    ['The man was made subject to an interim SPO. Police will apply for a full order next month.', { kind: 'interim' }],
    ['Kent Police has obtained its first full Stalking Protection Order (SPO) against a man from Rochester.', { kind: 'full', town: 'Rochester' }],
    ['A man was handed a stalking protection order. Breaches are dealt with at Crown Court.', { court: null }],
    ['A 33-year-old man was handed a full restraining order and an interim stalking protection order.', { kind: 'interim' }],
    ['A 45-year-old man was handed a stalking protection order when he appeared before magistrates in Margate.', { court: 'magistrates in Margate' }],
    ['A 45-year-old man was given a stalking protection order at the Crown Court at Maidstone.', { court: 'Crown Court at Maidstone' }],
  ];
  it.each(cases)('%s', (text, want) => {
    expect(one(text)).toMatchObject(want);
  });
});

describe('made_on: dates, relative dates and years fixed by the publication date', () => {
  const cases: Array<[string, string | null, string | null]> = [
    ["The Northampton man was issued with the interim SPO at Northampton Magistrates' Court today (Friday, May 29).", '2020-05-29 16:08', '2020-05-29'],
    ["On Monday, a 45-year-old woman was handed an interim SPO at Norwich Magistrates' Court.", '2023-06-09', '2023-06-05'],
    ['A man, 38, was handed a stalking protection order yesterday.', '2021-03-10', '2021-03-09'],
    ["The Stalking Prevention Order was granted on 3 February after a 38-year-old man appeared in Nottingham Magistrates' Court.", null, null],
    ["The Stalking Prevention Order was granted on 3 February after a 38-year-old man appeared in Nottingham Magistrates' Court.", '2021-03-10', '2021-02-03'],
    ["A man, 50, was handed a stalking protection order at Exeter Magistrates' Court on 20 December.", '2024-01-10', '2023-12-20'],
    ['A further SPO was granted for ten years.\n\nThis was issued in April 2022 against a man from Ashford, who is prohibited from contacting the victim.', null, '2022-04'],
    ['The first SPO was issued on Monday 25 February 2020 against a man from Rochester.', null, '2020-02-25'],
    ['A man from Deal was given a stalking protection order after he was arrested on 2 January 2023.', null, null],
    ['A man was granted a stalking protection order earlier this month.', '2022-09-20', '2022-09'],
    ['A full stalking protection order was granted against a man, 40. A review hearing will take place on 3 July.', '2022-06-10', null],
    ['An interim SPO was granted against a man, 40, at Hull Crown Court. The case is due back at court on 3 July.', '2022-06-10', null],
  ];
  it.each(cases)('%s (published %s)', (text, published, want) => {
    expect(one(text, published ? { published } : {}).made_on).toBe(want);
  });
});

describe('duration', () => {
  const cases: Array<[string, string | null, string | null]> = [
    ['A man has been banned from contacting his ex-partner for ten years under a stalking protection order.', null, 'P10Y'],
    ['A Ludlow man has been handed a five-year Stalking Protection Order (SPO).', null, 'P5Y'],
    ['A stalking protection order was granted against the 30-year-old man and will last for 18 months.', null, 'P18M'],
    ['The man was given an interim SPO. The current SPO will last until Friday, July 3 when police will apply for a full order.', '2020-05-29', 'until:2020-07-03'],
    ['A woman was handed a stalking protection order that will remain in place indefinitely.', null, 'indefinite'],
    ['The 44-year-old man was made subject to a stalking protection order until further order.', null, 'indefinite'],
    ['A man was handed a stalking protection order. Breaching an SPO carries a maximum sentence of five years in prison.', null, null],
    ['He was jailed for two years and given a stalking protection order, the court heard. The 33-year-old man was described as obsessive.', null, null],
    ['The 27-year-old man was jailed for 18 months and handed a stalking protection order for five years.', null, 'P5Y'],
    ['A 33-year-old man was given a 10-year Stalking Protection Order and a five-year restraining order.', null, 'P10Y'],
    ['A 33-year-old man was given a five-year restraining order and a stalking protection order.', null, null],
    ['North Wales Police has been granted its first Stalking Prevention Order. The order was granted against a man from Rhyl and will last for 3 years; he had followed his victims.', null, 'P3Y'],
  ];
  it.each(cases)('%s', (text, published, want) => {
    expect(one(text, published ? { published } : {}).duration).toBe(want);
  });
});

describe('conditions: prohibitions and requirements in the closed vocabulary', () => {
  const A = 'A 40-year-old man from Dover has been handed a stalking protection order.';
  const cases: Array<[string, string[], string[]]> = [
    ['He must not enter Ashford town centre.', ['exclusion_zone'], []],
    ['He must not contact the victim directly or indirectly, including through social media.', ['contact'], []],
    ['He is prohibited from going within 100 metres of the victim.', ['approach'], []],
    ["He is banned from attending the victim's workplace or her home address.", ['attend_address', 'attend_workplace'], []],
    ['The order prevents him from contacting the woman or her family and from following her.', ['contact', 'contact_family', 'surveillance'], []],
    ['He must not post anything about her on social media.', ['publish'], []],
    ['He must not own more than one mobile phone or use any device that deletes its internet history.', ['device_limit'], []],
    ['He is also banned from obstructing officers investigating any future allegations.', ['obstruct_police'], []],
    ['He is required to notify police of any change of address within three days.', [], ['notify_address']],
    ['He must sign on at a police station every week.', [], ['report_to_station']],
    ['He must allow officers access to his home to carry out risk assessments.', [], ['home_visits']],
    ['He must hand over the passwords to his social media accounts.', [], ['surrender_devices']],
    ['He must attend a perpetrator programme and undergo a mental health assessment.', [], ['attend_programme']],
    ['He is required to register his vehicle and phone details with police.', [], ['register_vehicle', 'register_phone']],
    ['He must tell police about any new relationship within 72 hours.', [], ['declare_relationships']],
    ['The order prohibits him from:\n\n- contacting the victim\n- entering the town of Deal\n- monitoring her online activity', ['contact', 'surveillance', 'exclusion_zone'], []],
    ['Conditions of the order include that he does not contact the victim, does not enter the Westfield estate and does not post about her on social media.', ['contact', 'exclusion_zone', 'publish'], []],
    ['He is forbidden from going to Bexhill and must give police access to his social media accounts.', ['exclusion_zone'], ['surrender_devices']],
    ['It also means he has to inform police of any new phone number within three days.', [], ['register_phone']],
    ['The order states that he must not approach the woman or loiter near her workplace.', ['approach', 'attend_workplace'], []],
    ['He must not go to her home or contact her children.', ['contact_family', 'attend_address'], []],
    ['He must not contact the victim, and he must notify police of his address and any vehicle he uses.', ['contact'], ['register_vehicle', 'notify_address']],
    ['The conditions are:\n\n- No contact with the victim\n- Not to enter Tonbridge\n- To notify police of any new relationships', ['contact', 'exclusion_zone'], ['declare_relationships']],
    ['The conditions of the SPO are that he must:\n\n- not contact the victim\n- not attend her workplace\n- notify police of any new vehicle', ['contact', 'attend_workplace'], ['register_vehicle']],
    ['Under the order, he is:\n\n- prohibited from contacting the victim\n- required to attend a police station weekly', ['contact'], ['report_to_station']],
    ['He had followed her, turned up at her home and sent hundreds of messages.', [], []],
    ['Orders like this can prohibit people from contacting victims and require them to attend programmes.', [], []],
  ];
  it.each(cases)('%s', (text, prohibitions, requirements) => {
    const o = one(`${A}\n\n${text}`);
    expect([...o.prohibitions].sort()).toEqual([...prohibitions].sort());
    expect([...o.requirements].sort()).toEqual([...requirements].sort());
  });

  it('lists conditions in vocabulary order without duplicates', () => {
    const o = one(`${A} He must not follow her, contact her, contact her again or go to her home, and must register his phone.`);
    expect(o.prohibitions).toEqual(['contact', 'surveillance', 'attend_address']);
    expect(o.requirements).toEqual(['register_phone']);
  });
});

describe('force and publication date', () => {
  const cases: Array<[string, Record<string, string>, string | null, string | null]> = [
    ['Northants Police said the order was a first for the county.', {}, 'Northamptonshire Police', null],
    ['Suffolk police applied for the order under the Stalking Protection Act 2019.', {}, 'Suffolk Constabulary', null],
    ['An officer said the order was granted.', { url: 'https://www.kent.police.uk/news/kent/news2/spo/' }, 'Kent Police', null],
    ['An officer said the order was granted.', { area: 'Sussex' }, 'Sussex Police', null],
    ['Sussex PCC Katy Bourne welcomed the new orders.', {}, null, null],
    ['Police Scotland said it had no equivalent power.', {}, null, null],
    ['Avon & Somerset Police secured the order.', {}, 'Avon and Somerset Constabulary', null],
    ['Hampshire Constabulary welcomed the order.', {}, 'Hampshire and Isle of Wight Constabulary', null],
    ['A spokesperson for the Met said the order was granted.', {}, 'Metropolitan Police Service', null],
    ['date 2020-07-14 North Wales Police granted first Stalking Protection Order', {}, 'North Wales Police', '2020-07-14'],
    ['Published: 14 July 2020\n\nWest Mercia Police have obtained an order.', {}, 'West Mercia Police', '2020-07-14'],
    ['Published: 10:00, 12 March 2024\n\nKent Police have obtained an order.', {}, 'Kent Police', '2024-03-12'],
    ['Posted on Friday 29 May 2020\n\nNorthants Police have obtained an order.', {}, 'Northamptonshire Police', '2020-05-29'],
    ['The order was granted on 3 March 2021 by magistrates.', {}, null, null],
    ['An officer said the order was granted.', { published: '12:31 27/02/2020' }, null, '2020-02-27'],
  ];
  it.each(cases)('%s %j', (text, fm, force, published) => {
    const x = run(text, fm);
    expect(x.force).toBe(force);
    expect(x.published).toBe(published);
  });
});

describe('building blocks', () => {
  it('splits sentences with spans into the original body, past abbreviations and Markdown', () => {
    const body = 'Det. Insp. Jo Smith said the **Dover** man, 47, was handed an SPO. He “must not” contact her.\n\n * Not to enter Deal';
    const sd = splitSentences(body);
    expect(sd.sentences.map((s) => s.text)).toEqual([
      'Det. Insp. Jo Smith said the Dover man, 47, was handed an SPO.',
      'He "must not" contact her.',
      'Not to enter Deal',
    ]);
    for (const s of sd.sentences) expect(body.slice(s.start, s.end).replace(/[*“”]/g, '')).toBe(s.text.replace(/"/g, ''));
    expect(sd.sentences[2]!.bullet).toBe(true);
  });

  it('joins hard-wrapped paragraphs into whole sentences', () => {
    const body = 'A 38-year-old man from\nLuton was granted a stalking protection order at Luton\nMagistrates Court on 4 April 2024. It will last\nfor 18 months. The man from Luton had sent\nhundreds of messages to the woman over\nseveral months.\n\nHe must not contact the\nwoman.\n';
    expect(one(body)).toMatchObject({ age: 38, town: 'Luton', court: 'Luton Magistrates Court', made_on: '2024-04-04', duration: 'P18M', prohibitions: ['contact'] });
    const sd = splitSentences(body);
    expect(sd.sentences[0]!.text).toBe('A 38-year-old man from Luton was granted a stalking protection order at Luton Magistrates Court on 4 April 2024.');
  });

  it('parses spelled numbers', () => {
    expect(parseNumber('five')).toBe(5);
    expect(parseNumber('twenty-eight')).toBe(28);
    expect(parseNumber('10')).toBe(10);
    expect(parseNumber('a hundred and one')).toBe(101);
  });

  it('resolves dates against the publication date, or not at all', () => {
    const [d] = findDates('on 3 February');
    expect(resolveDate(d!, { published: null, textYear: null })).toBeNull();
    expect(resolveDate(d!, { published: '2021-01-15', textYear: null })).toBe('2020-02-03');
    expect(resolveDate(d!, { published: '2021-01-15', textYear: null }, 'future')).toBe('2021-02-03');
    expect(resolveDate(d!, { published: null, textYear: 2019 })).toBe('2019-02-03');
  });

  it('keeps evidence for every field: the sentence and its span in the body', () => {
    const body = "A 38-year-old man from Luton was granted a stalking protection order at Luton Magistrates' Court on 4 April 2024.\n\nThe order means he cannot contact the woman.";
    const x = extractRelease(parseRelease(body, 'ev.md'));
    const o = x.orders[0]!;
    const fields = new Set(o.evidence.map((e) => e.field));
    for (const f of ['age', 'sex', 'town', 'court', 'made_on', 'prohibitions']) expect(fields).toContain(f);
    for (const e of o.evidence) expect(x.orders.length && body.slice(e.start, e.end)).toBe(e.sentence);
    expect(o.town_location).not.toBeNull();
    expect(o.town_location!.lat).toBeGreaterThan(51);
  });
});

describe('whole releases (test/extract-fixtures): realistic positives and negatives', () => {
  const dir = new URL('./extract-fixtures/', import.meta.url);
  const read = (name: string): ExtractedDocument => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const x = toExtractedDocument(extractRelease(parseRelease(text, name)));
    expect(validateExtractedDocument(x)).toBeNull();
    return x;
  };
  const O = (o: Partial<Order>): Order => ({
    age: null, sex: null, town: null, court: null, kind: null, made_on: null, duration: null, prohibitions: [], requirements: [], ...o,
  });
  const positives: Array<[string, string | null, Order[]]> = [
    ['pos_plymouth.md', 'Devon and Cornwall Police', [O({ age: 45, sex: 'male', town: 'Plymouth', court: "Plymouth Magistrates' Court", kind: 'full', made_on: '2023-01-12', duration: 'P2Y', prohibitions: ['contact', 'attend_address', 'attend_workplace'], requirements: ['register_phone', 'notify_address'] })]],
    ['pos_met.md', 'Metropolitan Police Service', [O({ age: 36, sex: 'male', town: 'Islington', court: "Westminster Magistrates' Court", kind: 'full', made_on: '2023-04-05', duration: 'P3Y', prohibitions: ['contact', 'attend_address', 'publish'] })]],
    ['pos_lincoln.md', 'Lincolnshire Police', [O({ age: 33, sex: 'male', town: 'Lincoln', duration: 'P10Y', prohibitions: ['exclusion_zone'] })]],
    ['pos_chester.md', 'Cheshire Constabulary', [O({ age: 62, sex: 'male', town: 'Chester', court: "Chester Magistrates' Court", kind: 'full', made_on: '2022-08-17', duration: 'until:2025-08-17', prohibitions: ['approach', 'exclusion_zone'], requirements: ['attend_programme'] })]],
    ['pos_basingstoke.md', null, [O({ age: 28, town: 'Basingstoke', court: "Basingstoke Magistrates' Court", duration: 'P2Y', prohibitions: ['contact', 'attend_address'] })]],
    ['pos_canterbury.md', 'Kent Police', [O({ age: 31, sex: 'male', town: 'Canterbury', court: 'Canterbury Crown Court', made_on: '2024-02-13', duration: 'P5Y', prohibitions: ['contact', 'exclusion_zone', 'publish'] })]],
    // Sentenced at the Crown Court, but the SPO was made earlier at the magistrates' court: its own court and month.
    ['pos_newport.md', 'Gwent Police', [O({ age: 44, sex: 'male', town: 'Newport', court: "Newport Magistrates' Court", made_on: '2024-10', duration: 'P15Y', prohibitions: ['contact', 'exclusion_zone'] })]],
    // A breach hearing's court and day are not where and when the order was made (only "in 2021" is given).
    ['pos_breach.md', 'Hertfordshire Constabulary', [O({ age: 66, sex: 'male', town: "Bishop's Stortford", prohibitions: ['contact'] })]],
    // The victim's town ("a Wolverhampton woman's home") is not the subject's; "until December 2029" has no day.
    ['pos_dudley.md', 'West Midlands Police', [O({ age: 45, sex: 'male', town: 'Dudley', court: "Wolverhampton Magistrates' Court", made_on: '2024-12-02', prohibitions: ['contact', 'approach'], requirements: ['home_visits', 'report_to_station'] })]],
    // "Police in Cumbria" names the force; a court by its local name.
    ['pos_carlisle.md', 'Cumbria Constabulary', [O({ age: 38, sex: 'female', town: 'Carlisle', court: "Carlisle's Rickergate court", kind: 'interim', made_on: '2023-08-14', prohibitions: ['contact', 'contact_family', 'publish'], requirements: ['surrender_devices'] })]],
    ['pos_roundup.md', 'Greater Manchester Police', [
      O({ age: 41, sex: 'male', town: 'Wigan', court: "Wigan Magistrates' Court", kind: 'full', made_on: '2023-09-04', prohibitions: ['contact'] }),
      O({ age: 36, sex: 'female', town: 'Leigh', kind: 'interim', made_on: '2023-09-12' }),
    ]],
    ['pos_norfolk.md', 'Norfolk Constabulary', [
      O({ age: 45, sex: 'female', town: "King's Lynn", court: "Norwich Magistrates' Court", kind: 'interim', made_on: '2023-06-05', prohibitions: ['contact', 'attend_workplace'] }),
      O({ age: 52, sex: 'male', town: 'Great Yarmouth', kind: 'full', made_on: '2023-06-07', duration: 'P5Y', prohibitions: ['attend_address'], requirements: ['attend_programme'] }),
    ]],
  ];
  it.each(positives)('%s', (name, force, orders) => {
    const x = read(name);
    expect(x.is_spo).toBe(true);
    expect(x.force).toBe(force);
    // The contract's nine fields (confidence and review reasons are tested apart).
    expect(x.orders.map(({ confidence: _c, needs_review: _r, ...o }) => o)).toEqual(orders);
  });

  const negatives = readdirSync(dir).filter((f) => f.startsWith('neg_'));
  it.each(negatives)('%s yields no order', (name) => {
    expect(read(name).orders).toEqual([]);
  });
});
