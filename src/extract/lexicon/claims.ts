// Word lists for the figures texts state about SPOs (LABELING.md, "Claims"): what a figure counts,
// what makes a number inexact or not a count at all, and who a figure is about.
import type { ClaimMeasure } from '../../domain/types.ts';

/**
 * Verbs that say what a figure counts, in the forms texts use both ways round: "obtained 100 orders"
 * (the number is the object) and "100 orders were obtained" (the subject). Checked in this order, so
 * "applied for" is read before the "made" of "applications made".
 */
export const MEASURE_VERBS: ReadonlyArray<{ measure: ClaimMeasure; source: string }> = [
  { measure: 'applied', source: 'applied\\s+for|apply\\s+for|applying\\s+for|sought|seek|requested|request|asked\\s+for|submitted|lodged|put\\s+forward' },
  { measure: 'refused', source: 'refused|rejected|turned\\s+down|declined|dismissed|unsuccessful|thrown\\s+out' },
  { measure: 'breached', source: 'breached|broken|violated' },
  {
    measure: 'granted',
    source:
      'granted|obtained|obtain|secured|secure|issued|issue|imposed|impose|made|given|awarded|attained|won|achieved|handed\\s+out|handed\\s+down|approved|successful|put\\s+in\\s+place',
  },
];

/** With "applications" as the noun, these verbs count applications made, not orders granted. */
export const APPLICATION_MADE_SOURCE = 'made|submitted|lodged|received|put\\s+forward';

/** People under orders: "subject to" counts only when an order follows ("subject to interim or full orders"). */
export const SUBJECT_TO_ORDER_SOURCE =
  "^\\s+(?:an?\\s+|the\\s+|either\\s+|one\\s+or\\s+more\\s+)*(?:(?:interim|full|live|active|current)\\s+(?:(?:or|and)\\s+(?:interim|full)\\s+)?)*(?:stalking\\s+(?:protection|prevention)\\s+orders?|SPOs?|SPO's|orders?)\\b";

/** Orders live now: "30 orders are currently in force", "42 people were subject to orders". */
export const IN_FORCE_SOURCE = '(?:in\\s+force|in\\s+place|in\\s+effect|in\\s+operation|live|active|current|running)\\b';

/** The nouns a claimed figure counts, after the number ("100 Stalking Protection Orders"). */
export const ORDER_NOUN_SOURCE =
  "stalking\\s+(?:protection|prevention)\\s+orders?(?:\\s*\\(SPOs?\\))?|SPOs?|SPO's|orders?|protection\\s+orders";
export const APPLICATION_NOUN_SOURCE =
  "(?:SPO\\s+|stalking\\s+(?:protection|prevention)\\s+order\\s+)?applications?(?:\\s+for\\s+(?:an?\\s+)?(?:stalking\\s+(?:protection|prevention)\\s+orders?|SPOs?|orders?))?";
export const PEOPLE_NOUN_SOURCE = 'people|individuals|persons|perpetrators|offenders|suspects|stalkers|men|women';

/** Adjectives between a number and its noun that keep it a count of SPOs ("18 such orders", "7 full orders"). */
export const NOUN_ADJECTIVE_SOURCE =
  '(?:such|new|more|interim|full|final|separate|live|active|current|individual|successful|unsuccessful|recorded|reported|known|stalking|SPO|(?:full|interim)\\s+(?:and|or)\\s+(?:full|interim))';

/**
 * Words before a number that make it inexact or not a total ("fewer than five", "another 11", "up to
 * 12 months"): the contract counts only exact figures, and an increment is not a running total.
 */
export const NOT_EXACT_BEFORE_SOURCE =
  '(?:(?:fewer|less|more|greater|higher|lower|other)\\s+than|over|under|almost|nearly|around|about|approximately|approx\\.?|roughly|some|up\\s+to|at\\s+least|at\\s+most|in\\s+excess\\s+of|upwards\\s+of|close\\s+to|circa|c\\.|just\\s+over|just\\s+under|as\\s+many\\s+as|as\\s+few\\s+as|maximum\\s+of|minimum\\s+of|another|further|additional|extra|estimated|every|each|per|aged|age|number|no\\.|between|from|fell|fallen|top|(?:one|1)\\s+(?:in|out\\s+of)|in\\s+the\\s+case\\s+of|(?:who|he|she)\\s+(?:is|was)(?:\\s+now)?)\\s*$';

/** Words after a number that make it a percentage, a duration, an age or otherwise not a count. */
export const NOT_COUNT_AFTER_SOURCE =
  '^(?:\\s*(?:%|per\\s*cent|percent|\\+|or\\s+more|or\\s+so|or\\s+fewer|or\\s+less|plus\\b|odd\\b|-odd\\b|x\\b))|^(?:[- ]+(?:years?|months?|weeks?|days?|hours?|minutes?|miles?|metres?|meters?|yards?|feet|foot|km|kilometres?|am|pm|a\\.m|p\\.m|st|nd|rd|th|year-old|years-old|per\\s+cent)\\b)';

/**
 * A person the clause is about: a count next to one is the order(s) of the case the text reports
 * ("was handed two interim orders"), which are orders, not claims.
 */
export const PERSON_SOURCE =
  "\\b(?:he|she|him|her|his|himself|herself|man|woman|boy|girl|defendant|accused|stalker|suspect|perpetrator|offender|respondent|[a-z]+-year-old|\\d+-year-old)\\b";
/**
 * Breaches of one order, or breaches a person admits, denies or is charged with ("admitted three
 * breaches of a stalking protection order"): the case being reported, not a count of breaches.
 */
export const CASE_BREACH_BEFORE_SOURCE =
  '\\b(?:admit\\w*|den(?:y|ies|ied|ying)|plead\\w*(?:\\s+guilty)?(?:\\s+to)?|charged\\s+with|convicted\\s+of|guilty\\s+of|accused\\s+of|committ\\w*|sentenced\\s+for|jailed\\s+for)\\s+$';
export const ONE_ORDER_AFTER_SOURCE = '^\\s+of\\s+(?:an?|the|his|her|their|this|that)\\s+(?:[\\w-]+\\s+){0,3}?(?:order|SPO)\\b(?!s)';
/** A part of a figure just given: "Leeds accounted for 40 of them", "women made up 12 of those". */
export const PART_OF_BEFORE_SOURCE = '\\b(?:accounted\\s+for|accounts\\s+for|account\\s+for|made\\s+up|makes\\s+up|make\\s+up|(?:was|were)\\s+responsible\\s+for|represented)\\s+(?:just\\s+)?$';
export const PART_OF_AFTER_SOURCE =
  "^\\s+of\\s+(?:them|these|those|the\\s+(?:total|(?:\\d[\\d,]*\\s+)?(?:(?:stalking\\s+(?:protection|prevention)\\s+)?orders|SPOs|applications)(?:\\s+(?:granted|obtained|secured|issued|made|refused|rejected|breached))?))\\b";

/**
 * What a table column counts, from its heading ("Applications made", "Orders granted (interim and
 * full)", "Breaches recorded"): checked in this order, so "Applications refused" is refused and
 * "Applications granted" granted. A heading naming none of these is a label column.
 */
export const COLUMN_MEASURES: ReadonlyArray<{ measure: ClaimMeasure; source: string }> = [
  { measure: 'refused', source: '\\b(?:refus|reject|dismiss|declin|unsuccessful)' },
  { measure: 'breached', source: '\\bbreach' },
  { measure: 'in_force', source: '\\b(?:in\\s+force|live|active|current|in\\s+place)\\b' },
  { measure: 'granted', source: '\\b(?:grant|obtain|secur|issu|impos|award|successful)|\\b(?:orders|SPOs)\\s+made\\b' },
  { measure: 'applied', source: '\\bappl' },
];
/** A court as the subject ("the magistrates granted two orders"): the case at hand, not a running total. */
export const COURT_SUBJECT_SOURCE =
  '\\bthe\\s+(?:magistrates?|court|judge|district\\s+judge|justices|bench|alleged)\\b|\\bthe\\s+victims?\\b';
export const CASE_AFTER_SOURCE =
  '\\b(?:against|on|for|to)\\s+(?:him|her|the\\s+(?:man|woman|defendant|suspect|stalker|perpetrator|[a-z0-9]+-year-old)|a\\s+(?:man|woman))\\b|\\bone\\s+for\\s+each\\b|\\bper\\s+victim\\b|\\bfor\\s+each\\s+(?:victim|of)\\b|\\bprotecting\\s+(?:two|three|four|both)\\b|\\bat\\s+(?:[A-Z][\\w\\u0027-]*\\s+){1,4}(?:Magistrates\\u0027?|Crown|Youth|Family)?\\s*Court\\b' +
  // A hearing on a named day is one case: "two orders were granted on Tuesday", "... on 3 March".
  '|\\bon\\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:January|February|March|April|May|June|July|August|September|October|November|December))\\b' +
  // Orders told as this week's cases: "orders against two men in separate cases this week", "... yesterday".
  '|\\b(?:in\\s+)?separate\\s+(?:cases|hearings|investigations)\\b|\\b(?:this|last)\\s+week(?:end)?\\b|\\b(?:yesterday|today)\\b';

/** The figure is hoped for, planned or hypothetical ("could obtain 50 orders"), not stated. */
export const NOT_STATED_BEFORE_SOURCE =
  '\\b(?:will|would|could|can|may|might|should|shall)\\s+(?:\\w+\\s+){0,2}$|\\b(?:aim|aims|aiming|hope|hopes|hoping|plan|plans|planning|want|wants|intend|intends|expect|expects|expected|seeking|try|trying|target)\\s+to\\s+$';

/** England and Wales, a region, or several forces together: a figure about them has no single force. */
export const NATIONAL_SOURCE =
  "\\b(?:England\\s+and\\s+Wales|England|Wales|the\\s+UK|United\\s+Kingdom|Britain|the\\s+country|nationally|nationwide|national(?=\\s+(?:figures?|data|statistics|totals?|picture))|(?:the\\s+)?region(?:'s)?|regional(?:ly)?|North[- ]East|North[- ]West|South[- ]East|South[- ]West|East\\s+Midlands|the\\s+Midlands|(?:all|other|some|several|many|most|the|police|two|three|four|five)\\s+forces|forces|Ministry\\s+of\\s+Justice|MoJ|Home\\s+Office|Office\\s+for\\s+National\\s+Statistics|ONS|court\\s+data|Government\\s+figures)\\b";

/** Words that point back to the force of the release ("the force", "we", "officers"). */
export const OWN_FORCE_SOURCE =
  '\\b(?:the\\s+force|this\\s+force|our\\s+force|the\\s+constabulary|we|our|us|officers|police)\\b';

/** A count of zero said in words: "did not apply for a single order", "has not obtained any". */
export const NONE_SOURCE =
  "\\b(?:did\\s+not|didn't|has\\s+not|hasn't|have\\s+not|haven't|had\\s+not|hadn't|never|not)\\s+(?:yet\\s+|even\\s+|once\\s+)?(VERB)\\s+(?:for\\s+)?(?:a\\s+single|any)\\b";

/** Words that start a period rather than end it ("since January 2020", "introduced in 2019"). */
export const PERIOD_START_BEFORE_SOURCE =
  '\\b(?:since|from|between|introduc\\w*|came\\s+into\\s+(?:force|effect)|brought\\s+in|launched|commenced|began|started|created)\\b(?:(?!\\b(?:to|until|and|as\\s+of|as\\s+at|by)\\b)[^,;.]){0,40}$';

/** SPOs came into force on 20 January 2020 (Stalking Protection Act 2019): "the first year" counts from it. */
export const SPO_COMMENCEMENT = '2020-01-20';
