// Nouns and cues for the person an order is made against.

// Relational nouns ("a spurned boyfriend", "the husband") say the sex too; victim cues around them
// still apply ("stalked a father of two").
export const MALE_NOUNS = ['man', 'male', 'boy', 'gentleman', 'boyfriend', 'husband', 'father'] as const;
export const FEMALE_NOUNS = ['woman', 'female', 'girl', 'lady', 'girlfriend', 'wife', 'mother'] as const;

/** Person nouns that refer to the subject without a sex. */
export const NEUTRAL_SUBJECT_NOUNS = ['perpetrator', 'offender', 'suspect', 'defendant', 'stalker', 'respondent', 'person', 'individual', 'teenager', 'pensioner', 'youth'] as const;

/** Words just before a person phrase that make it the victim, not the subject. */
export const VICTIM_CUE_SOURCE =
  "\\b(?:victims?|(?:contact|approach|follow|harass|stalk|target|threaten|abus|assault|attack|watch|monitor|messag|text|call|phon|e-?mail|photograph|intimidat|pester|visit|protect|safeguard|bombard|track|groom|rap|injur|kill|murder)(?:s|es|e|ed|ing)?|offences against|crimes? against|behaviou?r towards|on behalf of|away from|(?:letters|visits|messages|calls|gifts|notes|texts|e-?mails|flowers|cards|parcels|threats)\\s+to|(?<!\\bdeal(?:t|ing)?\\s)with|towards|about)\\s*[,:]?\\s+(?:a|an|the|his|her|their|two|three)?\\s*$";

/** Words just after a person phrase that make it the victim. */
export const VICTIM_AFTER_SOURCE =
  '^\\s*(?:victim|involved\\b|concerned\\b|in question\\b|who (?:was|had been|has been) (?:stalked|targeted|harassed|followed)|was (?:stalked|targeted|harassed|followed)|had been (?:stalked|targeted|harassed)|has been (?:stalked|targeted|harassed))';

/** Place words that are counties or regions, not towns (a "man from the Denbighshire area"). */
export const NOT_TOWNS = [
  'Kent', 'Essex', 'Sussex', 'Surrey', 'Suffolk', 'Norfolk', 'Devon', 'Cornwall', 'Dorset', 'Somerset', 'Wiltshire',
  'Hampshire', 'Berkshire', 'Oxfordshire', 'Buckinghamshire', 'Bedfordshire', 'Hertfordshire', 'Cambridgeshire',
  'Northamptonshire', 'Leicestershire', 'Lincolnshire', 'Nottinghamshire', 'Derbyshire', 'Staffordshire',
  'Warwickshire', 'Worcestershire', 'Herefordshire', 'Shropshire', 'Gloucestershire', 'Cheshire', 'Lancashire',
  'Merseyside', 'Cumbria', 'Northumberland', 'Durham', 'Yorkshire', 'Humberside', 'Cleveland', 'Teesside',
  'Tyneside', 'Wearside', 'Denbighshire', 'Flintshire', 'Gwynedd', 'Conwy', 'Anglesey', 'Powys', 'Ceredigion',
  'Carmarthenshire', 'Pembrokeshire', 'Monmouthshire', 'Glamorgan', 'Gwent', 'Dyfed', 'England', 'Wales',
  'Scotland', 'Britain', 'UK', 'London', 'Greater Manchester', 'West Midlands', 'East Midlands', 'Midlands',
  'North Wales', 'South Wales', 'West Mercia', 'Thames Valley', 'Avon', 'the county', 'County', 'Police', 'Court',
  'Crown', 'Magistrates', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'No', 'Station', 'Street', 'Road',
] as const;

/**
 * Towns and local districts that texts use as home places but GeoNames' cities list lacks
 * (districts, boroughs, island and coastal areas), with approximate coordinates.
 */
export const EXTRA_PLACES: ReadonlyArray<{ name: string; lat: number; lon: number }> = [
  { name: 'Hull', lat: 53.74, lon: -0.33 },
  { name: 'Southend', lat: 51.54, lon: 0.71 },
  { name: 'Kingston', lat: 51.41, lon: -0.3 },
  { name: 'Thanet', lat: 51.36, lon: 1.39 },
  { name: 'Medway', lat: 51.39, lon: 0.54 },
  { name: 'Swale', lat: 51.34, lon: 0.8 },
  { name: 'Tendring', lat: 51.85, lon: 1.15 },
  { name: 'Wirral', lat: 53.37, lon: -3.07 },
  { name: 'Sefton', lat: 53.5, lon: -3.0 },
  { name: 'Knowsley', lat: 53.45, lon: -2.85 },
  { name: 'Tameside', lat: 53.48, lon: -2.08 },
  { name: 'Trafford', lat: 53.44, lon: -2.32 },
  { name: 'Kirklees', lat: 53.65, lon: -1.78 },
  { name: 'Calderdale', lat: 53.72, lon: -1.95 },
  { name: 'Sandwell', lat: 52.51, lon: -2.01 },
  { name: 'Dudley', lat: 52.51, lon: -2.09 },
  { name: 'Folkestone', lat: 51.08, lon: 1.17 },
  { name: 'Sheppey', lat: 51.41, lon: 0.83 },
  { name: 'Isle of Sheppey', lat: 51.41, lon: 0.83 },
  { name: 'Isle of Wight', lat: 50.69, lon: -1.3 },
  { name: 'Canvey Island', lat: 51.52, lon: 0.58 },
  { name: 'Hayling Island', lat: 50.79, lon: -0.97 },
  { name: 'Forest of Dean', lat: 51.8, lon: -2.5 },
  { name: 'Cannock Chase', lat: 52.74, lon: -2.0 },
  { name: 'Tunbridge Wells', lat: 51.13, lon: 0.26 },
  { name: 'Royal Tunbridge Wells', lat: 51.13, lon: 0.26 },
  { name: 'Mid Devon', lat: 50.9, lon: -3.5 },
  { name: 'Torbay', lat: 50.45, lon: -3.55 },
  { name: 'East Lindsey', lat: 53.2, lon: 0.1 },
  { name: 'Camden', lat: 51.54, lon: -0.14 },
  { name: 'Enfield', lat: 51.65, lon: -0.08 },
  { name: 'Greenwich', lat: 51.48, lon: 0.0 },
  { name: 'Fulham', lat: 51.47, lon: -0.2 },
  { name: 'Haringey', lat: 51.59, lon: -0.11 },
  { name: 'Havering', lat: 51.56, lon: 0.18 },
  { name: 'Hillingdon', lat: 51.53, lon: -0.45 },
  { name: 'Lewisham', lat: 51.45, lon: -0.02 },
  { name: 'Merton', lat: 51.41, lon: -0.19 },
  { name: 'Newham', lat: 51.53, lon: 0.03 },
  { name: 'Redbridge', lat: 51.59, lon: 0.08 },
  { name: 'Southwark', lat: 51.5, lon: -0.09 },
  { name: 'Tower Hamlets', lat: 51.52, lon: -0.03 },
  { name: 'Waltham Forest', lat: 51.59, lon: -0.01 },
  { name: 'Westminster', lat: 51.5, lon: -0.14 },
  { name: 'Barking and Dagenham', lat: 51.55, lon: 0.13 },
  { name: 'Thurrock', lat: 51.49, lon: 0.35 },
  { name: 'Epping Forest', lat: 51.67, lon: 0.1 },
  { name: 'Castle Point', lat: 51.55, lon: 0.58 },
  { name: 'Uttlesford', lat: 51.95, lon: 0.28 },
  { name: 'Fenland', lat: 52.6, lon: 0.05 },
  { name: 'Huntingdonshire', lat: 52.35, lon: -0.2 },
  { name: 'Breckland', lat: 52.6, lon: 0.85 },
  { name: 'Mid Suffolk', lat: 52.25, lon: 1.05 },
  { name: 'Babergh', lat: 52.05, lon: 0.95 },
  { name: 'Wealden', lat: 50.95, lon: 0.25 },
  { name: 'Mid Sussex', lat: 51.0, lon: -0.15 },
  { name: 'Bassetlaw', lat: 53.35, lon: -0.95 },
  { name: 'Broxtowe', lat: 52.95, lon: -1.25 },
  { name: 'Gedling', lat: 52.98, lon: -1.08 },
  { name: 'Ashfield', lat: 53.1, lon: -1.25 },
  { name: 'Erewash', lat: 52.93, lon: -1.3 },
  { name: 'Amber Valley', lat: 53.03, lon: -1.4 },
  { name: 'Wycombe', lat: 51.63, lon: -0.75 },
  { name: 'Chiltern', lat: 51.65, lon: -0.6 },
];

/**
 * Words before a name that make it someone other than the subject: officers, lawyers, judges,
 * officials, and honorifics (court reports call the subject by bare surname, others "Mr"/"Ms").
 */
export const NOT_SUBJECT_TITLES = [
  'PC', 'DC', 'DS', 'DI', 'DCI', 'DSI', 'DCS', 'ACC', 'DCC', 'PCSO', 'Sgt', 'Insp', 'Supt', 'Det', 'Detective', 'Sergeant',
  'Inspector', 'Constable', 'Superintendent', 'Officer', 'Chief', 'Commissioner', 'Commander', 'Councillor', 'Cllr',
  'Judge', 'Recorder', 'Justice', 'Magistrate', 'District', 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Sir', 'Dame',
  'Lord', 'Lady', 'MP', 'lawyer', 'solicitor', 'barrister', 'prosecutor', 'prosecuting', 'defending', 'mitigating',
  'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chair', 'director', 'manager', 'victim', 'campaigner',
  'presenter', 'star', 'actress', 'actor', 'singer',
] as const;

/** Capitalised words that open a sentence or name a thing, never a person's first name. */
export const NOT_FIRST_NAMES = [
  'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'His', 'Her', 'Their', 'Police', 'Court', 'Magistrates', 'Crown',
  'Stalking', 'Protection', 'Prevention', 'Order', 'Orders', 'Officers', 'Detectives', 'Government', 'Home', 'Office',
  'National', 'Local', 'County', 'City', 'Town', 'North', 'South', 'East', 'West', 'Great', 'Greater', 'New', 'Old',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March',
  'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Last', 'Following',
  'After', 'Before', 'During', 'In', 'On', 'At', 'By', 'For', 'From', 'When', 'While', 'Since', 'Speaking',
  'Attending', 'Today', 'Yesterday', 'Read', 'Related', 'However', 'But', 'And', 'It', 'He', 'She', 'They', 'We',
] as const;
