// Deterministic generation of a force's news history: hundreds of ordinary releases (appeals, arrests,
// sentencing, road safety, missing people...), a few stalking-related releases that are NOT about
// Stalking Protection Orders (restraining orders, DVPOs, awareness week, SHPOs), and a handful of SPO
// releases: the real corpus texts of the force plus releases written in the style of real ones.

import { CORPUS } from './corpus.ts';
import type { ReplicaForce } from './forces.ts';
import { parseLocal, proseDate, proseDayMonth, type Rng } from './util.ts';

export type ReleaseKind = 'ordinary' | 'near-miss' | 'spo';

export interface GeneratedRelease {
  title: string;
  body: string;
  /** UK wall-clock ms (see util.ts). */
  local: number;
  kind: ReleaseKind;
  /** SOH category segment (Sussex 'force-news', BTP region) or Met/Lancashire tag. */
  category: string;
  description?: string;
  /** SOH month segment override (Northamptonshire 'may-20'). */
  monthSegment?: string;
  source?: string;
}

const MALE = ['James', 'Daniel', 'Thomas', 'Mark', 'Lee', 'Craig', 'Paul', 'Ryan', 'Stephen', 'Adam', 'Jason', 'Michael', 'Liam', 'Darren', 'Wayne', 'Jamie', 'Connor', 'Gary', 'Dean', 'Kieran', 'Nathan', 'Shaun', 'Robert', 'Anthony'];
const FEMALE = ['Sarah', 'Emma', 'Laura', 'Rebecca', 'Claire', 'Kelly', 'Gemma', 'Nicola', 'Amy', 'Hannah', 'Lisa', 'Joanne', 'Chloe', 'Stacey', 'Natalie', 'Rachel'];
const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Harris', 'Lewis', 'Hughes', 'Edwards', 'Turner', 'Hill', 'Moore', 'Cooper', 'Ward', 'Morris', 'Barker', 'Palmer', 'Fletcher', 'Holt', 'Marsh', 'Doyle'];
const STREETS = ['Station Road', 'High Street', 'Church Lane', 'Victoria Road', 'Park Avenue', 'Mill Lane', 'London Road', 'Queens Road', 'The Crescent', 'Manor Way', 'Albert Street', 'Chapel Street', 'Grange Road', 'Springfield Avenue', 'Orchard Close', 'King Street', 'Brook Lane', 'Windsor Road'];
const RANKS = ['Detective Constable', 'Police Constable', 'Detective Sergeant', 'Sergeant', 'Inspector', 'Detective Inspector', 'Chief Inspector', 'Detective Chief Inspector', 'Superintendent'];
const VEHICLES = ['a silver Ford Focus', 'a black Vauxhall Corsa', 'a white Transit van', 'a blue BMW 3 Series', 'a red Nissan Qashqai', 'a grey Audi A3', 'a motorcycle'];
const DRUGS = ['cocaine', 'heroin', 'cannabis', 'crack cocaine', 'ketamine'];
const ITEMS = ['jewellery', 'power tools', 'a laptop and cash', 'two bicycles', 'designer handbags', 'a games console', 'car keys'];

interface Ctx {
  r: Rng;
  f: ReplicaForce;
  local: number;
}

const town = (c: Ctx): string => c.r.pick(c.f.towns);
const court = (c: Ctx): string => c.r.pick(c.f.courts);
const officer = (c: Ctx): string => `${c.r.pick(RANKS)} ${c.r.pick(c.r.chance(0.5) ? MALE : FEMALE)} ${c.r.pick(SURNAMES)}`;
const person = (c: Ctx, sex: 'm' | 'f' = c.r.chance(0.8) ? 'm' : 'f'): { name: string; sex: 'm' | 'f'; age: number } => ({
  name: `${c.r.pick(sex === 'm' ? MALE : FEMALE)} ${c.r.pick(SURNAMES)}`,
  sex,
  age: c.r.int(19, 67),
});
const daysBefore = (c: Ctx, lo: number, hi: number): number => c.local - c.r.int(lo, hi) * 86_400_000;
const when = (c: Ctx, lo = 1, hi = 6): string => proseDayMonth(daysBefore(c, lo, hi));
const ref = (c: Ctx): string => `${c.r.int(10, 60)}/${c.r.int(10000, 229999)}/${String(new Date(c.local).getUTCFullYear()).slice(2)}`;
const reportLine = (c: Ctx): string =>
  c.r.pick([
    `Anyone with information is asked to call ${c.f.name} on 101, quoting reference ${ref(c)}, or report online. Information can also be given anonymously to the independent charity Crimestoppers on 0800 555 111.`,
    `If you can help, please contact us on 101 or via our website quoting crime reference ${ref(c)}.`,
    `Witnesses, or anyone with dashcam, doorbell or CCTV footage, should call 101 quoting ${ref(c)}. You can also contact Crimestoppers anonymously on 0800 555 111.`,
  ]);
const his = (s: 'm' | 'f'): string => (s === 'm' ? 'his' : 'her');
const he = (s: 'm' | 'f'): string => (s === 'm' ? 'he' : 'she');
const manWoman = (s: 'm' | 'f'): string => (s === 'm' ? 'man' : 'woman');
const forceName = (c: Ctx): string => c.f.name;
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

type Template = (c: Ctx) => { title: string; body: string };

const ORDINARY: Template[] = [
  (c) => {
    const t = town(c), road = c.r.pick(STREETS), o = officer(c), v = c.r.pick(VEHICLES);
    return {
      title: c.r.pick([`Appeal for witnesses following collision in ${t}`, `Witness appeal after serious collision on ${road}, ${t}`, `Collision – ${road}, ${t}`, `Appeal after pedestrian seriously injured in ${t}`]),
      body: `Officers are appealing for witnesses following a collision on ${road} in ${t} on ${when(c)}.\n\nIt was reported at around ${c.r.int(1, 11)}.${c.r.pick(['05', '20', '35', '50'])}${c.r.pick(['am', 'pm'])} that ${v} had been in collision with a ${c.r.pick(['pedestrian', 'cyclist', 'motorcyclist', 'parked car'])}.\n\nThe ${c.r.pick(['pedestrian', 'rider', 'driver'])}, a ${c.r.int(18, 80)}-year-old ${c.r.pick(['man', 'woman'])}, was taken to hospital with ${c.r.pick(['serious but not life-threatening injuries', 'injuries described as life-changing', 'minor injuries'])}.\n\n${o} said: "We are keen to speak to anyone who saw the collision or the vehicles beforehand, and to anyone with dashcam footage from the area."\n\n${reportLine(c)}`,
    };
  },
  (c) => {
    const p = person(c), t = town(c), ct = court(c), d = c.r.pick(DRUGS);
    return {
      title: c.r.pick([`${cap(manWoman(p.sex))} charged with drug supply offences in ${t}`, `Drugs warrant leads to charge in ${t}`, `${p.name} charged after ${d} seized in ${t}`]),
      body: `A ${p.age}-year-old ${manWoman(p.sex)} has been charged with possession with intent to supply ${d} after officers executed a warrant at an address in ${t}.\n\nOfficers found a quantity of what is believed to be ${d}, cash and ${c.r.int(2, 6)} mobile phones during the search on ${when(c)}.\n\n${p.name}, of ${c.r.pick(STREETS)}, ${t}, appeared at ${ct} and was remanded in custody.\n\n${officer(c)} said: "Drug dealing blights our communities and brings violence with it. We act on the information you give us."`,
    };
  },
  (c) => {
    const p = person(c), t = town(c), yrs = c.r.int(2, 9), it = c.r.pick(ITEMS);
    return {
      title: c.r.pick([`Burglar jailed for ${yrs} years`, `Prolific burglar from ${t} jailed`, `${p.name} sentenced for series of burglaries in ${t}`, `Jail for ${t} burglar caught on doorbell camera`]),
      body: `A ${manWoman(p.sex)} who broke into homes across ${t} has been jailed for ${yrs} years.\n\n${p.name}, ${p.age}, of ${c.r.pick(STREETS)}, ${t}, was sentenced at ${c.f.crown} on ${when(c)} after pleading guilty to ${c.r.int(3, 12)} counts of burglary.\n\nThe court heard ${he(p.sex)} stole ${it} and sold the items within hours.\n\n${officer(c)} said: "Burglary is an invasive crime that leaves victims feeling unsafe in their own homes. I hope this sentence brings some reassurance."`,
    };
  },
  (c) => {
    const p = person(c, c.r.chance(0.5) ? 'm' : 'f'), t = town(c);
    const found = c.r.chance(0.5);
    return {
      title: found ? `Missing ${p.age < 18 ? 'teenager' : manWoman(p.sex)} from ${t} found` : c.r.pick([`Concern for missing ${t} ${manWoman(p.sex)}`, `Can you help us find ${p.name.split(' ')[0]}?`, `Appeal to find missing ${p.age}-year-old from ${t}`]),
      body: found
        ? `We are pleased to say that ${p.name}, who was reported missing from ${t}, has been found safe and well.\n\nThank you to everyone who shared our appeal.`
        : `Officers are concerned for the welfare of ${p.name}, ${p.age}, who was last seen in ${t} on ${when(c, 0, 2)}.\n\n${cap(he(p.sex))} is described as ${c.r.pick(['white', 'black', 'Asian', 'of mixed heritage'])}, around ${c.r.pick(["5ft 6in", "5ft 9in", "6ft"])} tall, with ${c.r.pick(['short brown hair', 'long dark hair', 'a shaved head', 'blonde hair'])}.\n\n${cap(he(p.sex))} was wearing ${c.r.pick(['a black puffer jacket and jeans', 'a grey hooded top', 'a navy coat and white trainers'])}.\n\nAnyone who sees ${p.sex === 'm' ? 'him' : 'her'} should call 999. ${reportLine(c)}`,
    };
  },
  (c) => {
    const t = town(c);
    return {
      title: c.r.pick([`Drink and drug driving campaign launched`, `Officers target speeding drivers in ${t}`, `Summer road safety operation results`, `Fatal Four: road safety week of action`, `${c.r.int(20, 140)} arrests in festive drink-drive campaign`]),
      body: `Officers will be out in force across the county as part of a ${c.r.pick(['month-long', 'week-long', 'fortnight-long'])} road safety campaign.\n\nThe operation focuses on the "fatal four": speeding, drink and drug driving, not wearing a seatbelt and using a mobile phone at the wheel.\n\nDuring last year's campaign ${c.r.int(30, 200)} drivers were arrested.\n\n${officer(c)} said: "Every death on our roads is a tragedy. Don't drink or take drugs and drive; it could cost a life."\n\nYou can report drink or drug drivers to us on 101 or 999 if they are on the road now.`,
    };
  },
  (c) => {
    const t = town(c), o = officer(c);
    return {
      title: c.r.pick([`CCTV appeal after assault in ${t} town centre`, `Images released after theft from ${t} shop`, `Do you recognise this man? CCTV appeal – ${t}`, `Appeal after robbery in ${t}`]),
      body: `We have released CCTV images of a man we would like to speak to after ${c.r.pick(['an assault', 'a robbery', 'a theft', 'criminal damage'])} in ${t} on ${when(c)}.\n\nThe victim, a ${c.r.int(17, 75)}-year-old ${c.r.pick(['man', 'woman'])}, was ${c.r.pick(['punched in the face', 'threatened and had their bag taken', 'pushed to the ground'])}.\n\n${o} said: "The man in the images may have information that can help us."\n\n${reportLine(c)}`,
    };
  },
  (c) => {
    const t = town(c);
    return {
      title: c.r.pick([`Knife amnesty bins installed across the county`, `Operation Sceptre: week of action against knife crime`, `Knives surrendered in ${t} amnesty`]),
      body: `Knife surrender bins have been placed at police stations across the county as part of Operation Sceptre, the national week of action against knife crime.\n\nLast year ${c.r.int(90, 600)} knives were handed in.\n\nOfficers will also be carrying out weapon sweeps in parks and open spaces and visiting schools in ${t}.\n\n${officer(c)} said: "Carrying a knife does not keep you safe. Hand it in, no questions asked."`,
    };
  },
  (c) => {
    const amt = c.r.pick(['£4,000', '£12,500', '£27,000', '£1.2m', '£7.5m', '£850']);
    return {
      title: c.r.pick([`Warning after residents targeted by courier fraud`, `Fraudsters posing as police officers – warning`, `${amt} lost to investment scam – be alert`, `Romance fraud warning ahead of Valentine's Day`]),
      body: `We are warning residents to be on their guard after a number of reports of fraud, with victims losing ${amt}.\n\nIn several cases the caller claimed to be a police officer or from the victim's bank and asked them to withdraw cash or transfer money to a "safe account".\n\nRemember: the police and your bank will never ask you to do this.\n\n- Hang up and call back on a different phone\n- Never hand cash or cards to a courier\n- Talk to family or friends before making a decision\n\nReport fraud to Action Fraud on 0300 123 2040.`,
    };
  },
  (c) => {
    const p = person(c), t = town(c), yrs = c.r.int(4, 22);
    return {
      title: c.r.pick([`${cap(manWoman(p.sex))} jailed for ${yrs} years for ${t} attack`, `${p.name} jailed after ${t} stabbing`, `Sentencing – grievous bodily harm, ${t}`]),
      body: `A ${p.age}-year-old ${manWoman(p.sex)} has been jailed for ${yrs} years for a violent attack in ${t}.\n\n${p.name}, of no fixed address, was sentenced at ${c.f.crown} on ${when(c)}, having been found guilty of wounding with intent.\n\nThe victim suffered ${c.r.pick(['a fractured skull', 'stab wounds to the arm and chest', 'a broken jaw'])} and has since recovered.\n\n${officer(c)} said: "This was a shocking, unprovoked attack and I am pleased the offender is now behind bars."`,
    };
  },
  (c) => {
    const t = town(c);
    return {
      title: c.r.pick([`Catalytic converter thefts: arrests made`, `Rise in vehicle crime in ${t} – advice`, `Rural crime team recovers stolen farm machinery`, `Operation targets off-road bikes in ${t}`]),
      body: `Officers have made ${c.r.int(2, 9)} arrests following a spate of ${c.r.pick(['catalytic converter thefts', 'vehicle break-ins', 'thefts of farm machinery', 'off-road bike nuisance'])} in ${t} and the surrounding villages.\n\n${officer(c)} said: "We have increased patrols and are working with local businesses. Please report anything suspicious."\n\nCrime prevention advice:\n\n- Park in well-lit areas or a locked garage\n- Consider a marking kit or alarm\n- Record serial numbers of valuable equipment`,
    };
  },
  (c) => {
    const p = person(c), t = town(c);
    return {
      title: c.r.pick([`Officer dismissed following misconduct hearing`, `Former PC would have been dismissed, panel finds`, `Accelerated misconduct hearing outcome`]),
      body: `A ${c.r.pick(['police constable', 'detective constable', 'sergeant'])} based in ${t} would have been dismissed without notice had ${he(p.sex)} not resigned, a misconduct panel has found.\n\nThe panel found that ${he(p.sex)} breached the standards of professional behaviour relating to ${c.r.pick(['honesty and integrity', 'discreditable conduct', 'confidentiality'])}.\n\nThe officer will be placed on the College of Policing barred list.\n\n${c.r.pick(['The Deputy Chief Constable', 'The Assistant Chief Constable'])} said: "The public rightly expect the highest standards from police officers."`,
    };
  },
  (c) => {
    const t = town(c);
    return {
      title: c.r.pick([`Meet your neighbourhood team in ${t}`, `Police surgery dates for ${t}`, `New neighbourhood policing team for ${t}`, `Community Speedwatch volunteers wanted in ${t}`]),
      body: `Residents in ${t} are invited to come along and meet their local neighbourhood policing team.\n\nOfficers and PCSOs will be at ${c.r.pick(['the library', 'the community centre', 'the market square', 'the leisure centre'])} on ${when(c, -10, -3)} from ${c.r.int(9, 14)}am.\n\n${officer(c)} said: "These sessions are a great chance to tell us about the issues that matter to you."`,
    };
  },
  (c) => {
    const t = town(c), n = c.r.int(3, 15);
    return {
      title: c.r.pick([`${n} arrested in county lines crackdown`, `County lines: ${n} charged after drug line dismantled`, `Drug line shut down and ${n} charged in ${t}`]),
      body: `${n} people have been charged following an investigation into a county lines drug network operating between ${t} and ${c.r.pick(['London', 'Liverpool', 'Birmingham', 'Manchester'])}.\n\nOfficers seized ${c.r.pick(DRUGS)} worth an estimated £${c.r.int(10, 400)},000, cash and weapons.\n\nSafeguarding referrals were made for ${c.r.int(1, 6)} young people who were being exploited.\n\n${officer(c)} said: "County lines gangs exploit children and vulnerable adults. We will continue to pursue them."`,
    };
  },
  (c) => {
    const t = town(c), p = person(c);
    return {
      title: c.r.pick([`${cap(manWoman(p.sex))} arrested on suspicion of murder in ${t}`, `Murder investigation launched in ${t}`, `Charge following death in ${t}`]),
      body: `A murder investigation has been launched following the death of a ${c.r.int(19, 80)}-year-old ${c.r.pick(['man', 'woman'])} in ${t}.\n\nEmergency services were called to an address in ${c.r.pick(STREETS)} on ${when(c, 0, 3)}.\n\nA ${p.age}-year-old ${manWoman(p.sex)} has been arrested and remains in custody.\n\nA scene watch is in place and residents will see an increased police presence.\n\n${reportLine(c)}`,
    };
  },
  (c) => {
    const d = c.r.pick(['PD Bruno', 'PD Max', 'PD Loki', 'PD Nala', 'PD Rocco']);
    return {
      title: c.r.pick([`Police dog ${d.slice(3)} retires after eight years' service`, `${d} helps track suspects after burglary`, `Puppies join the dog unit`]),
      body: `${d} has been praised after tracking ${c.r.pick(['two suspects', 'a missing vulnerable man', 'a burglary suspect'])} across ${c.r.pick(['fields', 'gardens', 'woodland'])} in ${town(c)}.\n\nHis handler said: "He never gives up. This was a great result for the team."`,
    };
  },
];

// Stalking-related, but NOT about Stalking Protection Orders. These must stay out of the SPO ground truth
// (and must never name an SPO).
const NEAR_MISS: Template[] = [
  (c) => {
    const p = person(c, 'm'), t = town(c), mo = c.r.int(8, 40), yrs = c.r.pick(['five', 'ten', 'an indefinite period of']);
    return {
      title: c.r.pick([`${t} man jailed for stalking former partner`, `Stalker jailed and given restraining order`, `${p.name} sentenced for stalking`]),
      body: `A ${t} man who stalked his former partner for months has been jailed.\n\n${p.name}, ${p.age}, of ${c.r.pick(STREETS)}, ${t}, was sentenced to ${mo} months in prison at ${c.f.crown} on ${when(c)} after admitting stalking involving serious alarm or distress.\n\nThe court heard he repeatedly turned up at the victim's home and workplace and sent hundreds of messages.\n\nHe was also given a restraining order for ${yrs} years, preventing him from contacting the victim.\n\n${officer(c)} said: "Stalking is a serious crime that has a devastating impact on victims. I would urge anyone affected to come forward."\n\nIf you are a victim of stalking you can call the National Stalking Helpline on 0808 802 0300.`,
    };
  },
  (c) => {
    const p = person(c, 'm'), t = town(c);
    return {
      title: c.r.pick([`Domestic Violence Protection Order granted in ${t}`, `DVPO granted to protect ${t} woman`, `Court grants Domestic Violence Protection Order`]),
      body: `A ${p.age}-year-old man from ${t} has been made subject to a Domestic Violence Protection Order (DVPO) at ${court(c)}.\n\nThe order, granted on ${when(c)}, prevents him from contacting the victim or going to her home for 28 days.\n\nDVPOs give victims breathing space to consider their options with the help of support agencies.\n\n${officer(c)} said: "Domestic abuse in any form will not be tolerated."`,
    };
  },
  (c) => ({
    title: c.r.pick([`National Stalking Awareness Week: know the signs`, `Supporting National Stalking Awareness Week`, `Stalking: remember FOUL`]),
    body: `This week is National Stalking Awareness Week, and we are encouraging anyone who is being stalked to come forward.\n\nStalking is a pattern of behaviour that is Fixated, Obsessive, Unwanted and Repeated (FOUL).\n\n- Keep a diary of every incident\n- Save messages, voicemails and screenshots\n- Tell someone you trust\n\n${officer(c)} of our ${c.f.unit} said: "You do not have to wait until it escalates. Report it and we will take it seriously."\n\nThe National Stalking Helpline is available on 0808 802 0300.`,
  }),
  (c) => {
    const p = person(c, 'm'), t = town(c), yrs = c.r.int(3, 12);
    return {
      title: c.r.pick([`${t} man given Sexual Harm Prevention Order`, `Jailed for indecent images offences`, `Sexual Harm Prevention Order for ${p.name}`]),
      body: `A ${p.age}-year-old man from ${t} has been jailed for ${yrs} years and made subject to a Sexual Harm Prevention Order.\n\n${p.name} was sentenced at ${c.f.crown} on ${when(c)}.\n\nHe must also sign the sex offenders' register indefinitely.\n\n${officer(c)} said: "We will always pursue those who pose a risk to children."`,
    };
  },
  (c) => {
    const p = person(c), t = town(c);
    return {
      title: c.r.pick([`Harassment: ${t} ${manWoman(p.sex)} handed restraining order`, `${cap(manWoman(p.sex))} convicted of harassing neighbour in ${t}`]),
      body: `A ${p.age}-year-old ${manWoman(p.sex)} from ${t} has been convicted of harassment after a campaign of abuse against a neighbour.\n\n${p.name} appeared at ${court(c)} on ${when(c)} and was given a community order and a restraining order under the Protection from Harassment Act 1997.\n\n${officer(c)} said: "Everyone has the right to feel safe at home."`,
    };
  },
];

// SPO releases written for the replica in the style of real ones.
const PROHIB_LINES: [string, number][] = [
  ['Contacting the victim by any means, directly or indirectly, including through third parties', 3],
  ['Contacting any member of the victim’s family', 1],
  ['Going within 100 metres of the victim', 1],
  ['Attending the victim’s home address', 2],
  ['Attending the victim’s place of work', 1],
  ['Entering an exclusion zone shown on a map attached to the order', 1],
  ['Posting anything about the victim on social media, including photographs', 1],
  ['Following the victim or monitoring her movements, in person or electronically', 1],
  ['Owning or using more than one mobile phone', 1],
];
const REQ_LINES = [
  'He must notify police of any new relationship within 14 days',
  'He must register his vehicle and phone details with police',
  'He must attend a behavioural programme to address his conduct',
  'He must notify police of any change of address',
];

function pickSome<T>(r: Rng, xs: readonly [T, number][], n: number): T[] {
  const pool = xs.flatMap(([x, w]) => Array.from({ length: w }, () => x));
  const out: T[] = [];
  while (out.length < n && out.length < xs.length) {
    const x = r.pick(pool);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

const SPO: Template[] = [
  // Full order with a named subject.
  (c) => {
    const p = person(c, 'm'), t = town(c), ct = court(c), yrs = c.r.pick(['five', 'ten', 'two', 'three']), street = c.r.pick(STREETS), made = daysBefore(c, 1, 9);
    const bullets = pickSome(c.r, PROHIB_LINES, c.r.int(2, 4));
    return {
      title: c.r.pick([`${t} man made subject to Stalking Protection Order`, `Stalking Protection Order granted against ${t} man`, `${cap(yrs)}-year Stalking Protection Order for ${t} man`]),
      body: `A man from ${t} has been made subject to a full Stalking Protection Order (SPO) following a campaign of unwanted contact against a woman.\n\n${p.name}, ${p.age}, of ${street}, ${t}, appeared at ${ct} on ${proseDate(made)}, where magistrates granted the order for ${yrs} years.\n\nThe court heard that he had repeatedly turned up at the woman's home, sent her messages from different accounts and followed her to work.\n\nThe order prohibits him from:\n\n${bullets.map((b) => `- ${b}`).join('\n')}\n\n${c.r.chance(0.5) ? `${c.r.pick(REQ_LINES)}.\n\n` : ''}Breaching a Stalking Protection Order is a criminal offence punishable by up to five years in prison.\n\n${officer(c)}, of the ${c.f.unit}, said: "Stalking Protection Orders allow us to step in early and put firm boundaries in place to protect victims. We will not hesitate to act if this order is breached."\n\nIf you are being stalked, call 101, or 999 in an emergency. The National Stalking Helpline is available on 0808 802 0300.`,
    };
  },
  // Interim order, full hearing later.
  (c) => {
    const age = c.r.int(22, 60), t = town(c), ct = court(c), made = daysBefore(c, 0, 3), full = made + c.r.int(28, 56) * 86_400_000;
    return {
      title: c.r.pick([`Interim Stalking Protection Order granted in ${t}`, `Court grants interim Stalking Protection Order`, `Interim stalking order to protect ${t} woman`]),
      body: `A ${age}-year-old man from ${t} has been made subject to an interim Stalking Protection Order.\n\nThe order was granted at ${ct} on ${proseDayMonth(made)} after officers applied to the court following reports that he had been waiting outside the victim's home and contacting her repeatedly.\n\nThe interim order prevents him from contacting the woman, directly or indirectly, and from entering the road where she lives.\n\nIt will remain in place until a full hearing on ${proseDate(full)}, when police will apply for a full order.\n\n${officer(c)} said: "An interim order gives the victim immediate protection while our investigation continues."`,
    };
  },
  // Sentencing with an SPO attached.
  (c) => {
    const p = person(c, 'm'), t = town(c), mo = c.r.int(6, 36);
    return {
      title: c.r.pick([`Stalker jailed and handed ten-year Stalking Protection Order`, `${t} man jailed for stalking and made subject to Stalking Protection Order`, `Jail and Stalking Protection Order for ${p.name}`]),
      body: `A man who stalked a woman he met online has been jailed for ${mo} months.\n\n${p.name}, ${p.age}, of ${c.r.pick(STREETS)}, ${t}, was sentenced at ${c.f.crown} on ${when(c)} after pleading guilty to stalking.\n\nHe was also made subject to a Stalking Protection Order for ten years, which prohibits him from:\n\n- contacting the victim or her family by any means\n- attending her home or workplace\n- publishing any material about her online\n\nHe must also notify police of any new relationship and of his home address.\n\n${officer(c)} said: "The victim has shown tremendous courage. The order means she will be protected long after he is released."`,
    };
  },
  // Woman subject, "Stalking Prevention Order" wording.
  (c) => {
    const p = person(c, 'f'), t = town(c), ct = court(c), yrs = c.r.pick(['three', 'five']);
    return {
      title: c.r.pick([`Woman handed Stalking Prevention Order after months of unwanted contact`, `${t} woman given Stalking Protection Order`]),
      body: `A ${p.age}-year-old woman from ${t} has been handed a Stalking Prevention Order after she bombarded a former colleague with calls and letters.\n\n${p.name}, of ${c.r.pick(STREETS)}, ${t}, was made subject to the ${yrs}-year order at ${ct} on ${when(c)}.\n\nThe order bans her from contacting the man or going to his address, and requires her to hand over the passwords to her social media accounts to officers on request.\n\nAny breach of the order is a criminal offence.\n\n${officer(c)} said: "Stalking can be carried out by anyone, and can happen to anyone. We will always look at every tool available to protect victims."`,
    };
  },
  // Statistics / awareness release about SPOs in general (no specific order).
  (c) => {
    const n = c.r.int(18, 140), y = new Date(c.local).getUTCFullYear();
    return {
      title: c.r.pick([`${n} Stalking Protection Orders secured to protect victims`, `Stalking Protection Orders: ${forceName(c)} secures ${n} orders`, `Using every power to tackle stalking`]),
      body: `${c.f.name} has obtained ${n} Stalking Protection Orders since the powers were introduced in January 2020, ${c.r.pick(['including', 'with'])} ${c.r.int(5, 30)} granted in ${y}.\n\nThe orders are civil orders made by magistrates on an application by the police. They can be made before anyone is charged, and can place prohibitions and positive requirements on the person they are made against.\n\nOrders can, for example:\n\n- ban contact with the victim by any means\n- ban the person from going to places where the victim lives or works\n- require the person to attend a behaviour change programme\n\nBreaching an order is a criminal offence with a maximum sentence of five years in prison.\n\n${officer(c)}, who leads on stalking for the force, said: "Every order is a victim who can feel safer at home. We look at every case to see whether an order will help."\n\n${c.f.pcc === 'the British Transport Police Authority' || c.f.pcc.startsWith('the ') ? '' : `Police and Crime Commissioner ${c.f.pcc} said: "Tackling violence against women and girls is a priority in my plan, and these orders are an important part of that."\n\n`}If you are being stalked, call 101, or 999 in an emergency.`,
    };
  },
  // Rail / public-transport flavoured full order.
  (c) => {
    const p = person(c, 'm'), t = town(c), ct = court(c), made = daysBefore(c, 2, 12);
    return {
      title: c.r.pick([`Man who followed woman on her commute handed Stalking Protection Order`, `Stalking Protection Order after commuter followed from ${t} station`]),
      body: `A ${p.age}-year-old man who repeatedly followed a woman on her journey to work has been handed a Stalking Protection Order.\n\n${p.name}, of ${c.r.pick(STREETS)}, ${t}, was made subject to the order at ${ct} on ${proseDate(made)}. It will last for ${c.r.pick(['two years', 'five years', 'seven years'])}.\n\nOver several months he waited for the woman at ${t} station, boarded the same trains and tried to photograph her.\n\nUnder the order he must not:\n\n- contact the woman in any way\n- enter ${t} station between 7am and 10am or between 4pm and 7pm\n- follow her or monitor her movements\n\nHe must also give officers the details of any phone he uses within three days of getting it.\n\n${officer(c)} said: "Nobody should feel afraid on their way to work. This order gives the victim the freedom to travel without fear."`,
    };
  },
  // Breach of an SPO.
  (c) => {
    const p = person(c, 'm'), t = town(c), wk = c.r.int(12, 40);
    return {
      title: c.r.pick([`${t} man jailed for breaching Stalking Protection Order`, `Breach of Stalking Protection Order lands man in prison`]),
      body: `A man who breached a Stalking Protection Order by repeatedly messaging his victim has been jailed for ${wk} weeks.\n\n${p.name}, ${p.age}, of ${c.r.pick(STREETS)}, ${t}, admitted ${c.r.int(2, 6)} breaches of the order at ${court(c)} on ${when(c)}.\n\nThe order, made in ${c.r.pick(['2021', '2022', '2023'])}, banned him from contacting the woman or going within 200 metres of her home.\n\n${officer(c)} said: "These orders are there to protect victims and we will enforce them robustly."`,
    };
  },
];

export interface GenerateOptions {
  ordinary: number;
  /** Written SPO releases per force (besides the force's corpus texts). */
  writtenSpo: number;
  /** UK-local ms of "now": the newest release is published before this. */
  now: number;
  /** Oldest publication time. */
  start: number;
}

function categoryFor(f: ReplicaForce, r: Rng): string {
  if (f.articleShape === 'region') return r.pick(['england', 'england', 'england', 'wales', 'scotland']);
  if (f.articleShape === 'category') return r.pick(['force-news', 'force-news', 'appeals', 'court-results']);
  return 'news';
}

/** Deterministic history of one force, newest first. */
export function generateForce(f: ReplicaForce, r: Rng, o: GenerateOptions): GeneratedRelease[] {
  const out: GeneratedRelease[] = [];
  const span = o.now - o.start;
  const randomTime = (from: number, to: number): number => {
    const day = Math.floor((from + r.next() * (to - from)) / 86_400_000) * 86_400_000;
    return day + r.int(7, 21) * 3600_000 + r.int(0, 59) * 60_000;
  };
  // A few stalking-related non-SPO items (at least one of each kind when the history is big enough).
  const nNear = o.ordinary === 0 ? 0 : Math.min(o.ordinary, Math.max(NEAR_MISS.length, Math.round(o.ordinary / 50)));
  const nearAt = new Set(Array.from({ length: nNear }, (_, k) => Math.floor(((k + 0.5) * o.ordinary) / nNear)));
  let nearCount = 0;
  for (let i = 0; i < o.ordinary; i++) {
    const local = randomTime(o.start, o.now - 3600_000);
    const c: Ctx = { r, f, local };
    const near = nearAt.has(i);
    const t = near ? NEAR_MISS[(nearCount++ + hashIdx(f.id)) % NEAR_MISS.length]! : r.pick(ORDINARY);
    const { title, body } = t(c);
    out.push({ title, body, local, kind: near ? 'near-miss' : 'ordinary', category: categoryFor(f, r) });
  }
  // Written SPO releases: the first is recent (listing page 1), the rest spread over the history.
  for (let i = 0; i < o.writtenSpo; i++) {
    const local = i === 0 ? randomTime(o.now - 20 * 86_400_000, o.now - 2 * 86_400_000) : randomTime(o.start + span * 0.15, o.now - 60 * 86_400_000);
    const c: Ctx = { r, f, local };
    const t = SPO[(i + (f.id.length % SPO.length)) % SPO.length]!;
    const { title, body } = t(c);
    // SPOs are England and Wales orders: a BTP SPO release sits under the england region.
    out.push({ title, body, local, kind: 'spo', category: f.articleShape === 'category' ? 'force-news' : f.articleShape === 'region' ? 'england' : categoryFor(f, r) });
  }
  for (const ct of CORPUS.filter((x) => x.forceId === f.id)) {
    const rel: GeneratedRelease = { title: ct.title, body: ct.text, local: parseLocal(ct.published), kind: 'spo', category: f.articleShape === 'category' ? 'force-news' : f.articleShape === 'region' ? 'england' : 'news', source: ct.source };
    if (ct.description) rel.description = ct.description;
    if (ct.monthSegment) rel.monthSegment = ct.monthSegment;
    out.push(rel);
  }
  out.sort((a, b) => b.local - a.local);
  return out;
}

function hashIdx(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
