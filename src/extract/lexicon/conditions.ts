// The closed condition vocabulary of LABELING.md as word lists: each term is found by regex in the
// part of a sentence that a prohibition or requirement trigger governs.
import type { Prohibition, Requirement } from '../../domain/types.ts';

/** Words that open what an order forbids. */
export const PROHIBITION_TRIGGER_SOURCE =
  "\\b(?:prohibit(?:s|ed|ing)?|prevent(?:s|ed|ing)?|ban(?:s|ned|ning)?|bar(?:s|red|ring)?|forbid(?:s|den|ding)?|restrict(?:s|ed|ing)?|must not|mustn't|must never|may not|may never|cannot|can not|can't|not (?:allowed|permitted) to|not to|no longer (?:allowed to|able to|permitted to)|stop(?:s|ped|ping)? (?:him|her|them)|no contact|must stay away|must stay (?:at least |more than )?\\d+\\s*(?:metres|meters|m|yards|miles?) away|keep away|stay away|(?:allowed|permitted|may)(?=[^.;]{0,30}\\bonly\\b))\\b";

/** Words that open what an order requires. */
export const REQUIREMENT_TRIGGER_SOURCE =
  '\\b(?:requir(?:e|es|ed|ing)|requirements?|must|has to|have to|had to|obliged to|oblig(?:es|ed|ing) (?:him|her|them) to|needs? to|ordered (?:(?:him|her|them) )?to|compelled to)\\b';

/** Neutral openers ("conditions include:") whose span may hold either kind. */
export const NEUTRAL_TRIGGER_SOURCE =
  '\\b(?:conditions?|terms|stipulations?|restrictions?|measures)\\b(?: \\w+){0,4}? (?:include|includes|including|are|were|mean|means|state|states|that|which)\\b|\\bconditions?:|\\bterms:';

/** Where a governed span ends: the text turns to past behaviour or reasons. */
export const SPAN_STOP_SOURCE =
  "\\b(?:because|after (?:he|she|they)|as (?:he|she|they) had|when (?:he|she|they)|(?:he|she|they|who) (?:had|has) (?:repeatedly |previously |persistently )?(?:\\w+ed)|which amounted|following (?:a|an|his|her|their) (?:report|arrest|conviction|investigation|campaign)|said|added)\\b";

/** Verbs of going somewhere: a home or workplace after one of these is a place the subject must avoid. */
export const GOING_VERB_SOURCE =
  "\\b(?:(?:banned|barred|excluded) from|attend(?:s|ed|ing)?|go(?:es|ing)?|went|visit(?:s|ed|ing)?|enter(?:s|ed|ing)?|near|approach(?:es|ed|ing)?|within|call(?:ing)? at|turn(?:ing)? up|outside|loiter(?:s|ed|ing)?|be(?:ing)? at|remain(?:ing)? in|frequent(?:ing)?|come to|coming to)\\b";
/** Other verbs that can govern a place noun ("contact her at work", "notify his address"). */
export const OTHER_VERB_SOURCE =
  "\\b(?:contact(?:s|ed|ing)?|communicat\\w*|messag\\w*|phon\\w*|call(?:s|ed|ing)?|text(?:s|ed|ing)?|e-?mail\\w*|post\\w*|publish\\w*|shar\\w*|register\\w*|notif\\w*|follow\\w*|monitor\\w*|track\\w*|photograph\\w*|send\\w*|sent)\\b";
export const HOME_NOUN_SOURCE =
  "\\b(?<!\\b(?:care|nursing|children's|residential|retirement)\\s)(?:home|homes)\\b|\\b(?:address|addresses|house|property|residence|flat)\\b|\\b(?:street|road|close|avenue|lane|crescent|drive|cul-de-sac) (?:in (?:[A-Z][\\w'-]+ ){1,3})?where (?:she|he|they|the (?:victim|woman|man|girl|boy)) (?:lives|live|lived|resides|reside|is living|are living|stays|is staying)\\b|(?<=\\b(?:her|his|their|victim'?s?)\\s)(?:street|road)\\b" +
  // "any premises where he knows the victim to be living"
  "|\\b(?:premises|places?|anywhere|buildings?)\\s+where\\b[^.;]{0,40}?\\b(?:lives?|living|resides?|residing|stays?|staying)\\b";
export const WORK_NOUN_SOURCE =
  "\\b(?:work|workplace|place of work|places of work|employment|office|school|college|university|academy|study|studies|hospital|surgery|infirmary)\\b" +
  // "the studios where she works", "the shop at which the woman is employed"
  "|\\b(?:where|at which)\\s+(?:she|he|they|the (?:victim|woman|man))\\s+(?:works|worked|studies|is employed|is a student)\\b" +
  "|\\b(?:premises|places?|anywhere|buildings?)\\s+where\\b[^.;]{0,40}?\\b(?:works?|working|studies|studying|employed)\\b";

export const PROHIBITION_TERMS: ReadonlyArray<{ term: Prohibition; source: string }> = [
  { term: 'contact', source: "\\b(?:get(?:ting)? in touch|be in touch|contact(?:ing|s)?|communicat\\w*|(?<!\\bdelet\\w*\\s(?:\\w+\\s)?)messag(?:e|es|ing)|(?:phon|call|text|e-?mail)(?:ing)?\\b)(?!\\s+(?:details|the police|police|officers))" },
  { term: 'contact_family', source: "(?<!\\b(?:his|ex-|former)\\s?(?:ex-|former\\s)?)\\b(?:wife|fianc[ée]e)\\b|(?<!\\b(?:ex-|former\\s))\\b(?:husband|in-laws)\\b|\\b(?:famil(?:y|ies)|relatives|children|child|friends|associates|parents|siblings|sons?|daughters?|mother|father|household|sisters?|brothers?|grandchild(?:ren)?|grandparents?|step-?children|cousins?|nieces?|nephews?|aunts?|uncles?)\\b" },
  { term: 'approach', source: "\\bstay\\s+(?:at\\s+least\\s+)?\\d+\\s*(?:metres|meters|m|yards|miles?)\\s+away\\s+from\\s+(?:her|him|them|the (?:victim|woman|man))\\b|\\b(?:approach\\w*|(?:come|coming|comes|go|going|goes|being|be|get|getting) (?:within|near)|within (?:\\d+|a (?:set|certain|specified)) ?(?:metres|meters|m|yards|miles?|feet|distance|km))\\b(?!\\s+of\\s+(?:anywhere|any place|places|locations|areas|the area|the town|the village|the street)\\b)(?!\\s+(?:of\\s+)?(?:her|his|their|the|any|an?)\\s+(?:(?:victim|woman|man|girl|boy|person|complainant)(?:'s|s')?\\s+)?(?:home|address|house|property|residence|flat|work|workplace|place of work|school))" },
  { term: 'surveillance', source: '\\bfind(?:ing)? out where (?:she|he|they|the (?:victim|woman|man)) (?:is|are|lives|goes)\\b|\\b(?:surveillance|monitor(?:s|ed|ing)?|(?<!the )following|follow|track(?:s|ed|ing)?|watch(?:ing|es)?|spy(?:ing)?|locat(?:e|ing) (?:her|him|them|the victim))\\b' },
  // A named or described area: "enter a specified exclusion zone", "entering particular areas of the town",
  // "visiting an area covering the NW1 postcode", "banned from the Carlisle park", "within 100 metres of
  // anywhere he knew she went". Case-sensitive (capitalised words are place names), so lower-case words
  // are written [Xx]. An institution named in full ("the Royal Berkshire Hospital", "Hull College") is a
  // workplace or a place of study, not an area.
  { term: 'exclusion_zone', source: "\\b[Ee]xclusion (?:zone|area)s?\\b|\\b(?:[Ee]nter\\w*|[Aa]ttend(?:s|ed|ing)?|[Gg]oing into|[Gg]o into|[Gg]o(?:ing)? to|[Bb]eing in|[Bb]e in|[Ss]etting foot in|[Vv]isit\\w*|(?:[Bb]an(?:s|ned)?|[Bb]ar(?:s|red)?|[Ee]xclud(?:es|ed)|[Pp]rohibit(?:s|ed)?)(?: him| her| them)? from)\\s+(?:(?:the|an?|any|particular|certain|specified|specific|named|designated|defined|set|parts? of the|areas? of the|an area covering the)\\s+){0,2}(?:(?:town|city|village|area|areas|zone|zones|county|borough|district|postcode|postcodes|park|estate|neighbourhood|locality|town centre|city centre|shopping centre)\\b|(?![A-Z][\\w'-]*(?:[- ]+(?:and |of |on |upon )?[A-Z][\\w'-]*)*\\s+(?:Hospital|School|College|University|Academy|Surgery|Infirmary|Programme|Course)\\b)(?:[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*)\\b(?!\\s+(?:[Cc]ourt|[Pp]olice|[Mm]agistrates|[Pp]rogramme|[Cc]ourse|[Cc]linic|[Ss]ervice|[Ss]ession|[Aa]ppointment|[Pp]roject|[Tt]raining|[Ww]orkshop))(?! (?:address|home|house))(?!,?[^.;]{0,40}?\\b(?:street|road|avenue|close|lane|crescent|drive)\\s+(?:where|in which|on which)\\b)(?![^.;]{0,60}?\\bwhere (?:she|he|they|the (?:victim|woman|man)) (?:works|worked|studies|is studying|is a student|is employed)\\b))|\\b[A-Z]{1,2}\\d{1,2}[A-Z]? postcode|\\b[Pp]ostcode (?:area|district)s?\\b|\\bwithin \\d+ ?(?:metres|meters|m|yards|miles?) of (?:anywhere|any place|places|locations|areas|the area|the town|the village|the street)\\b|\\b(?:[Mm]ap|marked area|shaded area|red line|boundary)\\b" },
  { term: 'publish', source: "\\b(?:post(?:s|ed|ing)?|publish\\w*|shar(?:e|es|ed|ing)|upload\\w*|mak(?:e|ing) (?:any )?reference|referenc(?:e|ing)|refer(?:s|ring)? to (?:her|him|them|the (?:victim|woman|man))|mention(?:s|ing)? (?:her|him|them|the (?:victim|woman|man))|writ(?:e|es|ing) about)\\b" },
  { term: 'device_limit', source: "\\bonly (?:a single|one|1)\\s+(?:mobile\\s+)?(?:phones?|devices?|sim(?: cards?)?|handsets?|mobiles?)\\b|\\bmore than (?:one|1|a single|two|2)\\s+(?:mobile\\s+|[\\w]+-enabled\\s+|smart\\s*)?(?:phones?|devices?|sim(?: cards?)?|handsets?|mobiles?)\\b|\\b(?:delet|wip|eras|clear)(?:e|es|ed|ing)\\s+(?:its\\s+|their\\s+|the\\s+)?(?:internet\\s+|browsing\\s+|search\\s+)?history\\b|\\b(?:apps?|devices?|software|programs?|programmes?)\\s+(?:that|which)\\s+(?:automatically\\s+)?(?:delete|hide|encrypt|wipe)" },
  { term: 'obstruct_police', source: "\\b(?:obstruct\\w*|interfer\\w* with (?:the |any |a )?(?:police |officers'? )?investigation)" },
];

export const REQUIREMENT_TERMS: ReadonlyArray<{ term: Requirement; source: string }> = [
  { term: 'register_vehicle', source: "\\b(?:register\\w*|notif\\w*|provid\\w*|suppl(?:y|ies|ying)|giv(?:e|es|ing)|details|inform\\w*|declar\\w*|disclos\\w*|tell\\w*)\\b[^.;]{0,50}?\\b(?:vehicles?|cars?|registration numbers?|number plates?)\\b" },
  { term: 'register_phone', source: "\\b(?:register\\w*|notif\\w*|provid\\w*|giv(?:e|es|ing)(?=[^.;]{0,30}\\b(?:details|numbers?)\\b)|details|inform\\w*|declar\\w*|disclos\\w*|tell\\w*)\\b[^.;]{0,90}?\\b(?:phones?|mobiles?|devices?|phone numbers?|(?:its|the phone's|the handset's) number|numbers|social media(?: accounts?| profiles?)?|e-?mail (?:address(?:es)?|accounts?)|sim cards?|online accounts?|user ?names?|online (?:names|identities|profiles)|aliases)\\b" },
  { term: 'attend_programme', source: "\\b(?:attend\\w*|complet\\w*|engag\\w*|undertak\\w*|tak(?:e|ing) part|participat\\w*|undergo\\w*|compl(?:y|ying) with|work with|submit to)\\b[^.;]{0,60}?\\b(?:programmes?|programs?|courses?|treatment|assessments?|counsell?ing|therapy|intervention|rehabilitation|sessions?|appointments?)\\b|\\b(?:mental health|drugs?|alcohol|substance misuse) (?:assessment|treatment|programme)" },
  { term: 'declare_relationships', source: "\\b(?:declar\\w*|disclos\\w*|notif\\w*|inform\\w*|tell\\w*|report\\w*|register\\w*)\\b[^.;]{0,80}?\\b(?:relationships?|partners?|dating)\\b|\\b(?:new\\s+)?relationships?\\b[^.;]{0,40}?\\b(?:declared|disclosed|notified|reported|registered)\\b" },
  // "a requirement to register with police" (the notification requirement of an order) is notifying where they live.
  { term: 'notify_address', source: "\\bregister(?:s|ed|ing)? with (?:the )?police\\b(?!\\s+(?:any|all|details|the details|their|his|her)\\b)|\\b(?:notif\\w*|register\\w*|re-register\\w*|inform\\w*|tell\\w*|provid\\w*|declar\\w*|confirm\\w*|updat\\w*|giv(?:e|es|ing)|let\\s+(?:the\\s+)?(?:police|officers|them|us)\\s+know)\\b[^.;]{0,50}?(?<!\\b(?:e-?mail|IP|web|website)\\s)\\b(?:address(?:es)?|change of address|moving home|moves? home|where (?:he|she|they) lives?)\\b(?<!\\bto address)" },
  { term: 'home_visits', source: "\\b(?:allow\\w*|permit\\w*|giv(?:e|ing)|grant\\w*|let(?:ting)?|facilitat\\w*)\\b[^.;]{0,40}?\\b(?:access to (?:his|her|their|the) (?:home|address|property|house|flat|residence)|into (?:his|her|their) (?:home|address|property|house|flat|residence)|home visits?|to (?:enter|visit) (?:his|her|their) (?:home|address|property|house|flat|residence))|\\bhome visits?\\b|\\brisk assessments? at (?:his|her|their) (?:home|address)" },
  { term: 'report_to_station', source: "\\b(?:sign(?:ing)? on|sign(?:ing)? in|report(?:ing)? to|attend\\w*|present\\w* (?:himself|herself) at)\\b[^.;]{0,30}?\\bpolice station\\b|\\bpolice station (?:every|each|once|weekly|daily)" },
  { term: 'surrender_devices', source: "\\bavailable\\s+for\\s+(?:the\\s+)?(?:officers|police)\\s+to\\s+(?:examine|inspect|check)\\b|\\bhand(?:ing)?\\s+(?:his|her|their|any|the|every)\\s+(?:[\\w-]+\\s+){0,2}?(?:devices?|phones?|laptops?|computers?|tablets?)\\s+(?:over\\s+)?to\\b|\\bavailable\\s+(?:to\\s+(?:the\\s+)?(?:police|officers)\\s+)?for\\s+(?:examination|inspection|checking|checks)\\b|\\b(?:surrender\\w*|hand(?:ing)? (?:over|in)|handover)\\b[^.;]{0,50}?\\b(?:devices?|phones?|laptops?|computers?|tablets?|passwords?|passcodes?|pins?|accounts?)\\b|\\b(?:passwords?|passcodes?|pin codes?|PIN numbers?)\\b|\\baccess to (?:his|her|their|any|all)\\s+(?:[\\w-]+\\s+){0,3}?(?:devices?|phones?|accounts?|computers?|laptops?)|\\b(?:inspect\\w*|examin\\w*|check\\w*|search\\w*|download\\w*)\\s+(?:of\\s+)?(?:any|all|his|her|their|the)\\s+(?:[\\w-]+\\s+){0,2}?(?:devices?|phones?|computers?|laptops?|tablets?)\\b" },
];
