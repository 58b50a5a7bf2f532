// Per-force configuration of the replica: platform, the real site's public origin, URL shapes and
// local colour (towns, courts, streets) used by the release generator.
//
// URL shapes follow ../shared/notes/force-sites.md §3 (SOH) and §4 (Met Mynewsdesk, Lancashire).
// Shapes marked UNCONFIRMED below are choices made for the replica, not facts about the real site.

export type Platform = 'soh' | 'mynewsdesk' | 'lancashire' | 'drupal';

export interface ReplicaForce {
  id: string;
  name: string;
  platform: Platform;
  /** Public origin of the real site (used in fixtures and when no loopback origin is wanted). */
  realOrigin: string;
  /** SOH path segment after /news/ (kent, northants, ...). */
  sohSlug?: string;
  /** SOH listing path, e.g. /news/kent/latest/ (Kent) or /news/{slug}/news/. */
  listingPath: string;
  /**
   * How SOH article paths are built:
   *  - 'news-news'      /news/{slug}/news/news/2024/december/<slug>/        (GMP, West Midlands, North Wales)
   *  - 'news'           /news/{slug}/news/2025/april/<slug>/                (Cleveland, West Mercia, Merseyside 2024)
   *  - 'merseyside'     /news/merseyside/news/2024/may/<slug>/, from 2026 /news/merseyside/news/2026/june-2026/<slug>/
   *  - 'articles-num'   /news/cheshire/news/articles/2026/9/<slug>/         (Cheshire)
   *  - 'region'         /news/btp/news/england/<slug>/                      (BTP)
   *  - 'month-yy'       /news/northants/news/news/2020/may-20/<slug>/       (Northamptonshire, from the seed's URL)
   *  - 'category'       /news/sussex/news/force-news/<slug>/                (Sussex, from the seed's URL)
   */
  articleShape?: 'news-news' | 'news' | 'merseyside' | 'articles-num' | 'region' | 'month-yy' | 'category';
  /** true where the article URL shape is not evidenced for this force. */
  shapeUnconfirmed?: boolean;
  towns: string[];
  courts: string[];
  /** Crown court for sentencing stories. */
  crown: string;
  pcc: string;
  unit: string;
}

export const REPLICA_FORCES: Record<string, ReplicaForce> = {
  kent: {
    id: 'kent', name: 'Kent Police', platform: 'soh', realOrigin: 'https://www.kent.police.uk', sohSlug: 'kent',
    listingPath: '/news/kent/latest/', articleShape: 'news-news', shapeUnconfirmed: true,
    towns: ['Dover', 'Maidstone', 'Canterbury', 'Margate', 'Ashford', 'Folkestone', 'Gravesend', 'Rochester', 'Tonbridge', 'Sittingbourne', 'Ramsgate', 'Dartford'],
    courts: ["Maidstone Magistrates' Court", "Folkestone Magistrates' Court", "Medway Magistrates' Court", "Canterbury Magistrates' Court", "Sevenoaks Magistrates' Court"],
    crown: 'Canterbury Crown Court', pcc: 'Matthew Scott', unit: 'Vulnerability Investigation Team',
  },
  'greater-manchester': {
    id: 'greater-manchester', name: 'Greater Manchester Police', platform: 'soh', realOrigin: 'https://www.gmp.police.uk', sohSlug: 'greater-manchester',
    listingPath: '/news/greater-manchester/news/', articleShape: 'news-news',
    towns: ['Manchester', 'Wigan', 'Bolton', 'Oldham', 'Rochdale', 'Stockport', 'Salford', 'Bury', 'Trafford', 'Tameside'],
    courts: ["Manchester and Salford Magistrates' Court", "Tameside Magistrates' Court", "Wigan and Leigh Magistrates' Court", "Stockport Magistrates' Court"],
    crown: 'Minshull Street Crown Court', pcc: 'Andy Burnham', unit: 'Public Protection Investigation Unit',
  },
  merseyside: {
    id: 'merseyside', name: 'Merseyside Police', platform: 'soh', realOrigin: 'https://www.merseyside.police.uk', sohSlug: 'merseyside',
    listingPath: '/news/merseyside/news/', articleShape: 'merseyside',
    towns: ['Liverpool', 'Birkenhead', 'St Helens', 'Southport', 'Bootle', 'Kirkby', 'Wallasey', 'Huyton', 'Prescot'],
    courts: ["Liverpool and Knowsley Magistrates' Court", "Wirral Magistrates' Court", "Sefton Magistrates' Court", "St Helens Magistrates' Court"],
    crown: 'Liverpool Crown Court', pcc: 'Emily Spurrell', unit: 'Public Protection Unit',
  },
  cheshire: {
    id: 'cheshire', name: 'Cheshire Constabulary', platform: 'soh', realOrigin: 'https://www.cheshire.police.uk', sohSlug: 'cheshire',
    listingPath: '/news/cheshire/news/', articleShape: 'articles-num',
    towns: ['Chester', 'Crewe', 'Warrington', 'Macclesfield', 'Runcorn', 'Ellesmere Port', 'Widnes', 'Northwich', 'Nantwich', 'Winsford'],
    courts: ["Chester Magistrates' Court", "Crewe Magistrates' Court", "Warrington Magistrates' Court"],
    crown: 'Chester Crown Court', pcc: 'Dan Price', unit: 'Harm Reduction Unit',
  },
  btp: {
    id: 'btp', name: 'British Transport Police', platform: 'soh', realOrigin: 'https://www.btp.police.uk', sohSlug: 'btp',
    listingPath: '/news/btp/news/', articleShape: 'region',
    towns: ['London', 'Birmingham', 'Leeds', 'Manchester', 'Brighton', 'Reading', 'Cardiff', 'Glasgow', 'Newcastle', 'Bristol'],
    courts: ["Westminster Magistrates' Court", "Highbury Corner Magistrates' Court", "Birmingham Magistrates' Court", "Leeds Magistrates' Court"],
    crown: 'Southwark Crown Court', pcc: 'the British Transport Police Authority', unit: 'Safeguarding Hub',
  },
  northamptonshire: {
    id: 'northamptonshire', name: 'Northamptonshire Police', platform: 'soh', realOrigin: 'https://www.northants.police.uk', sohSlug: 'northants',
    listingPath: '/news/northants/news/', articleShape: 'month-yy',
    towns: ['Northampton', 'Kettering', 'Corby', 'Wellingborough', 'Daventry', 'Rushden', 'Towcester'],
    courts: ["Northampton Magistrates' Court"],
    crown: 'Northampton Crown Court', pcc: 'Danielle Stone', unit: 'Adult Safeguarding Unit',
  },
  sussex: {
    id: 'sussex', name: 'Sussex Police', platform: 'soh', realOrigin: 'https://www.sussex.police.uk', sohSlug: 'sussex',
    listingPath: '/news/sussex/news/', articleShape: 'category',
    towns: ['Brighton', 'Crawley', 'Eastbourne', 'Hastings', 'Worthing', 'Chichester', 'Bognor Regis', 'Horsham', 'Lewes'],
    courts: ["Brighton Magistrates' Court", "Crawley Magistrates' Court", "Worthing Magistrates' Court", "Hastings Magistrates' Court"],
    crown: 'Lewes Crown Court', pcc: 'Katy Bourne', unit: 'Public Protection Command',
  },
  nottinghamshire: {
    id: 'nottinghamshire', name: 'Nottinghamshire Police', platform: 'soh', realOrigin: 'https://www.nottinghamshire.police.uk', sohSlug: 'nottinghamshire',
    listingPath: '/news/nottinghamshire/news/', articleShape: 'news-news', shapeUnconfirmed: true,
    towns: ['Nottingham', 'Mansfield', 'Newark', 'Worksop', 'Beeston', 'Arnold', 'Hucknall', 'Retford'],
    courts: ["Nottingham Magistrates' Court", "Mansfield Magistrates' Court"],
    crown: 'Nottingham Crown Court', pcc: 'Gary Godden', unit: 'Public Protection Unit',
  },
  'north-wales': {
    id: 'north-wales', name: 'North Wales Police', platform: 'soh', realOrigin: 'https://www.northwales.police.uk', sohSlug: 'north-wales',
    listingPath: '/news/north-wales/news/', articleShape: 'news-news',
    towns: ['Wrexham', 'Rhyl', 'Bangor', 'Llandudno', 'Colwyn Bay', 'Mold', 'Holyhead', 'Caernarfon', 'Prestatyn'],
    courts: ["Llandudno Magistrates' Court", "Wrexham Magistrates' Court", "Caernarfon Magistrates' Court", "Mold Magistrates' Court"],
    crown: 'Mold Crown Court', pcc: 'Andy Dunbobbin', unit: 'Protection of Vulnerable People Unit',
  },
  suffolk: {
    id: 'suffolk', name: 'Suffolk Constabulary', platform: 'soh', realOrigin: 'https://www.suffolk.police.uk', sohSlug: 'suffolk',
    listingPath: '/news/suffolk/news/', articleShape: 'news', shapeUnconfirmed: true,
    towns: ['Ipswich', 'Lowestoft', 'Bury St Edmunds', 'Felixstowe', 'Sudbury', 'Haverhill', 'Newmarket', 'Stowmarket'],
    courts: ["Suffolk Magistrates' Court", "Ipswich Magistrates' Court"],
    crown: 'Ipswich Crown Court', pcc: 'Tim Passmore', unit: 'Safeguarding Investigation Unit',
  },
  'west-mercia': {
    id: 'west-mercia', name: 'West Mercia Police', platform: 'soh', realOrigin: 'https://www.westmercia.police.uk', sohSlug: 'west-mercia',
    listingPath: '/news/west-mercia/news/', articleShape: 'news',
    towns: ['Worcester', 'Shrewsbury', 'Hereford', 'Telford', 'Kidderminster', 'Redditch', 'Ludlow', 'Oswestry', 'Bromsgrove'],
    courts: ["Kidderminster Magistrates' Court", "Worcester Magistrates' Court", "Telford Magistrates' Court", "Hereford Magistrates' Court", "Shrewsbury Magistrates' Court"],
    crown: 'Worcester Crown Court', pcc: 'John Campion', unit: 'Protecting Vulnerable People Department',
  },
  metropolitan: {
    id: 'metropolitan', name: 'Metropolitan Police Service', platform: 'mynewsdesk', realOrigin: 'https://news.met.police.uk',
    listingPath: '/latest_news',
    towns: ['Croydon', 'Ealing', 'Lewisham', 'Enfield', 'Hackney', 'Barnet', 'Bromley', 'Lambeth', 'Southwark', 'Haringey', 'Newham', 'Hounslow'],
    courts: ["Westminster Magistrates' Court", "Bromley Magistrates' Court", "Croydon Magistrates' Court", "Wimbledon Magistrates' Court", "Willesden Magistrates' Court", "Highbury Corner Magistrates' Court"],
    crown: 'Snaresbrook Crown Court', pcc: 'the Mayor’s Office for Policing and Crime', unit: 'Public Protection team',
  },
  lancashire: {
    id: 'lancashire', name: 'Lancashire Constabulary', platform: 'lancashire', realOrigin: 'https://www.lancashire.police.uk',
    listingPath: '/news/', shapeUnconfirmed: true,
    towns: ['Preston', 'Blackpool', 'Burnley', 'Blackburn', 'Lancaster', 'Morecambe', 'Chorley', 'Accrington', 'Fleetwood', 'Skelmersdale'],
    courts: ["Preston Magistrates' Court", "Blackpool Magistrates' Court", "Blackburn Magistrates' Court", "Lancaster Magistrates' Court", "Burnley Magistrates' Court"],
    crown: 'Preston Crown Court', pcc: 'Clive Grunshaw', unit: 'Public Protection Unit',
  },
  // The generic strategy's test bed (issue 14). West Yorkshire: a CMS of its own (Drupal, inferred from its
  // asset paths; every page shape is the replica's choice, see render-drupal.ts). Cumbria: its news
  // platform is unknown to the force table, and the replica puts it on SOH, so that platform detection has
  // something to find (a choice, not a fact: Cumbria's real platform is unknown).
  'west-yorkshire': {
    id: 'west-yorkshire', name: 'West Yorkshire Police', platform: 'drupal', realOrigin: 'https://www.westyorkshire.police.uk',
    listingPath: '/news-and-appeals', shapeUnconfirmed: true,
    towns: ['Leeds', 'Bradford', 'Wakefield', 'Huddersfield', 'Halifax', 'Dewsbury', 'Keighley', 'Batley', 'Pontefract', 'Castleford'],
    courts: ["Leeds Magistrates' Court", "Bradford and Keighley Magistrates' Court", "Kirklees Magistrates' Court", "Wakefield Magistrates' Court"],
    crown: 'Leeds Crown Court', pcc: 'the Mayor of West Yorkshire', unit: 'Safeguarding Central Governance Unit',
  },
  cumbria: {
    id: 'cumbria', name: 'Cumbria Constabulary', platform: 'soh', realOrigin: 'https://www.cumbria.police.uk', sohSlug: 'cumbria',
    listingPath: '/news/cumbria/news/', articleShape: 'news', shapeUnconfirmed: true,
    towns: ['Carlisle', 'Barrow-in-Furness', 'Kendal', 'Workington', 'Whitehaven', 'Penrith', 'Maryport', 'Ulverston', 'Keswick'],
    courts: ["Carlisle Magistrates' Court", "Furness Magistrates' Court", "South Cumbria Magistrates' Court", "West Cumbria Magistrates' Court"],
    crown: 'Carlisle Crown Court', pcc: 'David Allen', unit: 'Public Protection Unit',
  },
};

/** The default set: five SOH variants, the Met's Mynewsdesk newsroom and Lancashire's own CMS. */
export const DEFAULT_FORCES = ['kent', 'greater-manchester', 'merseyside', 'cheshire', 'btp', 'metropolitan', 'lancashire'];
/** Forces the crawler has no scraper for: a CMS of its own (west-yorkshire) and an "unknown" force on SOH (cumbria). */
export const GENERIC_FORCES = ['west-yorkshire', 'cumbria'];
/** Every force the replica can serve (the defaults plus the SOH forces whose real SPO texts are in the corpus). */
export const ALL_FORCE_IDS = Object.keys(REPLICA_FORCES);

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
