// Word lists for recognising order mentions, the making of an order, and other kinds of order.

/** A mention of a Stalking Protection (or Prevention) Order. */
export const SPO_SOURCE =
  "\\bstalking\\s+(?:protection|prevention)\\s+orders?\\b|\\bSPO(?:s|'s)?\\b|\\bstalking\\s+(?:orders?|bans?)\\b";

/** Other kinds of court order: a release only about these is not about SPOs. */
export const OTHER_ORDER_SOURCE = [
  "\\b(?:restraining|non[- ]molestation|criminal behaviou?r|sexual harm prevention|sexual offences prevention|sexual risk|domestic (?:violence|abuse) protection|community|closure|banning|hospital|supervision|confiscation|compensation|forfeiture|forced marriage protection|FGM protection|female genital mutilation protection|slavery and trafficking (?:prevention|risk)|knife crime prevention|serious violence reduction|youth rehabilitation|detention and training|parenting|football banning|anti-social behaviou?r|occupation|suspended sentence|hybrid) orders?\\b",
  '\\b(?:DVPOs?|DAPOs?|DVPNs?|DAPNs?|SHPOs?|SOPOs?|SROs?|CBOs?|ASBOs?|NMOs?|KCPOs?|STPOs?|FMPOs?|SVROs?)\\b',
  '\\binjunctions?\\b',
].join('|');

/** A singular order mention ("the order", "an Order"), not "in order to" or "orders". */
export const ORDER_WORD_SOURCE = "\\b(?<!in )order\\b(?!s\\b|\\s+to\\b)";

/** Verbs and phrases that report an order being made. */
export const GRANT_SOURCE = [
  '\\b(?:granted|issued|imposed|handed(?: down)?|given|served|secured|obtained|attained|received|receive|approved|awarded|made|placed|put in place|slapped|hit with)\\b',
  // "could be arrested if he goes near the park under the terms of a five-year order": the order is in place.
  '\\bunder (?:the )?terms of (?:an?|the|his|her)\\b',
  '\\b(?:subject|subjected) (?:to|of)\\b',
  '\\brecipient of\\b',
  '\\b(?:in place|in force)\\s+(?:against|for|on)\\b',
  '\\b(?:been|was|were|is|now) (?:banned|barred|prohibited)\\b',
  '\\b(?:gets?|got|faces?) (?:an?|the) (?:\\w+[- ])?(?:stalking|SPO)',
  '\\b(?:magistrates|judge|court|justices|district judge) (?:granted|imposed|made|issued|approved|agreed)\\b',
].join('|');

/** The anchor speaks of an order in the future, as an application, or hypothetically. */
export const NOT_MADE_SOURCE =
  "\\b(?:will|would|could|can|may|might|should|shall)\\s+(?:also\\s+|now\\s+|then\\s+|only\\s+|still\\s+)?(?:be\\s+able\\s+to\\s+|need\\s+to\\s+)?(?:(?:be|have been)\\s+(?:granted|issued|imposed|made|given|handed|applied for|sought|obtained|considered|heard|decided)|apply|seek|impose|issue|grant|make|give|allow|ban|prohibit|prevent|require|consider|decide)\\b|\\b(?:to be (?:granted|issued|made|heard|decided|considered)|if (?:granted|made|issued|implemented|imposed|approved|successful)|whether|pending|adjourned|more than one)\\b|\\b(?:not|never|refused to|declined to|failed to|refused|rejected|dismissed)\\s+(?:be\\s+|been\\s+|to\\s+)?(?:granted|issued|imposed|made|grant|issue|impose|make)\\b|\\b(?:was|were|has been) (?:refused|rejected|dismissed|withdrawn|overturned|quashed)\\b";

/** An application for an order: not an order made, unless the sentence says it was granted. */
export const APPLICATION_SOURCE =
  '\\b(?:apply|applying|applied|application|seek|seeking|sought|bid|aim|aims|hope|hopes|hoping|plan|plans|intend|intends)\\s+(?:for|to)\\b|\\bapplication\\b';
export const MADE_ANYWAY_SOURCE =
  '\\b(?:successfully|granted|approved|imposed|issued|obtained|secured|was made|were made|has been made|(?:was|were|been) (?:handed|given|served)|made subject to)\\b';

/** Markers that an anchor starts a new order rather than repeating the last one. */
export const NEW_ORDER_SOURCE =
  '\\b(?:a further|another|a second|a third|a fourth|a fifth|a separate|in a separate case|an additional|a new|the other)\\b';

/** Generic subjects: a sentence about what orders (or people in general) can do. */
export const GENERIC_SOURCE = [
  // Not a purpose clause in a case ("let officers in so that they can check on him").
  "(?<!\\bso (?:that )?)\\b(?:SPOs|SPO's|orders|Orders|they|They|subjects|stalkers|perpetrators|offenders|suspects|people|courts|Courts|anyone|Anyone|those|victims|police forces|forces|officers)\\b(?: \\w+){0,3}? (?:can|could|may|might|will|would|are able|allow|allows|place|give|gives|provide|include|includes|last|mean|prohibit|ban|require|help|enable)\\b",
  '\\b(?:for example|for instance|such as|typically|usually|in general|generally|normally|the power to|new powers?|powers? to|introduced|came into (?:force|effect)|comes? into (?:force|effect)|coming into (?:force|effect)|legislation|a civil order|civil orders|can be (?:used|applied|granted|made|imposed)|could be|anyone who|any breach|breach of an order|breaching an order|if breached|other conditions|conditions that can|(?:valuable|powerful|vital|important|effective|useful|new|additional) (?:tool|power|protection)s?)\\b',
  '\\blasts? (?:for )?(?:at least|a minimum of|up to a maximum of)\\b',
  // Any order of a kind: "for each SPO granted in 2024", "every order made", "the conditions of an order".
  "\\b(?:[Ff]or (?:each|every|all)|[Ee]ach|[Ee]very)\\s+(?:SPO|order|stalking protection order|application)s?\\b(?=\\s+(?:granted|made|issued|obtained|applied|imposed|refused|in force)\\b)|\\b[Ff]or (?:each|every)\\s+(?:SPO|order|stalking protection order|application)\\b",
  "\\b(?:conditions|terms|prohibitions|requirements|restrictions) of (?:an?|any|each|every|such) (?:SPO|order|stalking protection order)\\b",
  // What orders are for ("orders are designed to..."), not a programme "designed to address his behaviour".
  "\\b(?:SPOs|SPO's|[Oo]rders|[Tt]hey|[Pp]owers|[Ll]egislation|[Tt]he law|[Tt]he Act)\\b(?: \\w+){0,2}? designed to\\b",
  // "One application can result in...", "An order may last...": one standing for any.
  '\\b(?:[Oo]ne|[Aa]n?|[Ee]ach|[Ee]very|[Aa]ny|[Aa] single) (?:application|order|SPO|stalking protection order)s? (?:can|could|may|might|will|would|should|is able to)\\b',
  // "Orders commonly see stalkers banned from...": what orders are usually like.
  '\\b(?:commonly|typically|usually|often|normally|generally|routinely|frequently) (?:see|sees|include|includes|involve|involves|ban|bans|bar|bars|prohibit|prohibits|require|requires|contain|contains|impose|imposes|stop|stops|prevent|prevents|used)\\b',
].join('|');

/**
 * Explainers describe a hypothetical subject ("a man or woman made subject to an order must..."):
 * general even though they read like a grant against a described person.
 */
export const HYPOTHETICAL_SUBJECT_SOURCE =
  '\\b(?:[Aa] man or (?:a )?woman|[Aa] woman or (?:a )?man|[Aa] person (?:who is )?(?:made )?subject to|[Ss]omeone (?:who is )?(?:made )?subject to|[Aa]nyone (?:who is )?(?:made )?subject to)\\b';

/** Counting orders: statistics rather than a specific order. */
export const STATISTIC_SOURCE = [
  "\\b(?:\\d[\\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozens?|hundreds|several|many|more|numerous)\\s+(?:more\\s+|new\\s+|further\\s+|full\\s+|interim\\s+|such\\s+)?(?:stalking\\s+(?:protection|prevention)\\s+orders?|SPOs?|SPO's|orders)\\b",
  '\\b(?:obtained|secured|issued|granted|made|applied for|put in place)\\s+(?:more than\\s+|over\\s+|almost\\s+|nearly\\s+)?(?:\\d[\\d,]*|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a hundred)\\b(?![- ](?:year|month|week|day))',
  '\\b(?:number|total|tally) of (?:\\w+ ){0,2}(?:stalking\\s+(?:protection|prevention)\\s+orders|SPOs|orders)\\b',
  // "41 people in the county are subject to a live order": a count of people under orders.
  '\\b(?:\\d[\\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds|dozens)\\s+(?:people|persons|individuals|men|women|offenders|perpetrators|stalkers|suspects)\\b[^.;]{0,40}?\\b(?:subject to|under|bound by|on)\\s+(?:an?\\s+|the\\s+)?(?:\\w+\\s+)?(?:stalking\\s+(?:protection|prevention)\\s+orders?|SPOs?|orders?)\\b',
].join('|');

/**
 * Headings of lists of other stories ("More from Ipswich", "You might also like", "Most read"). Pages
 * also print some of them above the story (a "Latest news" breadcrumb, a sidebar), so they end the
 * story only once it has begun.
 */
export const OTHER_STORIES_HEADING_SOURCE =
  '^(?:related links|more (?:stories|from|on this|like this)|(?:you )?(?:might|may) also (?:like|be interested)|also (?:read|in the news)|in other news|other news|most (?:read|popular|viewed)|latest (?:news|stories)|top stories|trending|recommended)\\b';

/** Boilerplate headings: what follows is advice, notes or related links, not the story. */
export const BOILERPLATE_HEADING_SOURCE =
  '^(?:notes?(?: to editors)?|editors?\' notes|advice(?: for victims)?|background|about (?:stalking|spos?|stalking protection orders|the)|further (?:information|advice)|support(?: available)?|useful (?:links|contacts)|where to (?:get|find) help|getting help|help and support|what is (?:an? )?(?:spo|stalking)|what are stalking|related (?:news|articles|stories|content)|more (?:information|news)|read more|share this|ends|how to report|reporting stalking|if you are (?:a victim|being stalked))\\b';
