// The replica's forces: the facts from the one force table (name, platform, origin, listing path, SOH
// slug: src/domain/forces.json, read through scrapers/forces.ts) plus what only the replica needs: the
// article URL shape it generates and local colour (towns, courts, people) for the release generator.
//
// URL shapes follow ../shared/notes/force-sites.md §3 (SOH) and §4 (Met Mynewsdesk, Lancashire).
// Shapes marked UNCONFIRMED below are choices made for the replica, not facts about the real site.
import { forceSite } from '../../scrapers/forces.ts';

/** The markup the replica renders a site in: a platform with a scraper, or `drupal` (a CMS read by the generic strategy). */
export type ReplicaPlatform = 'soh' | 'mynewsdesk' | 'lancashire' | 'drupal';

/** The site facts of a force as the replica serves it. */
interface SiteFacts {
  platform: ReplicaPlatform;
  /** SOH path segment after /news/ (kent, northants, ...). */
  sohSlug?: string;
  /** Listing path, e.g. /news/kent/latest/ (Kent) or /news/{slug}/news/. */
  listingPath: string;
}

export interface ReplicaForce extends SiteFacts, ReplicaColour {
  id: string;
  name: string;
  /** Public origin of the real site (used in fixtures and when no loopback origin is wanted). */
  realOrigin: string;
}

/** What only the replica knows of a force. */
export interface ReplicaColour {
  /**
   * The replica's own choice of site, for a force whose platform the table does not know (the generic
   * strategy's test beds): not a fact about the real site.
   */
  site?: SiteFacts;
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

const COLOUR: Record<string, ReplicaColour> = {
  kent: {
    articleShape: 'news-news', shapeUnconfirmed: true,
    towns: ['Dover', 'Maidstone', 'Canterbury', 'Margate', 'Ashford', 'Folkestone', 'Gravesend', 'Rochester', 'Tonbridge', 'Sittingbourne', 'Ramsgate', 'Dartford'],
    courts: ["Maidstone Magistrates' Court", "Folkestone Magistrates' Court", "Medway Magistrates' Court", "Canterbury Magistrates' Court", "Sevenoaks Magistrates' Court"],
    crown: 'Canterbury Crown Court', pcc: 'Matthew Scott', unit: 'Vulnerability Investigation Team',
  },
  'greater-manchester': {
    articleShape: 'news-news',
    towns: ['Manchester', 'Wigan', 'Bolton', 'Oldham', 'Rochdale', 'Stockport', 'Salford', 'Bury', 'Trafford', 'Tameside'],
    courts: ["Manchester and Salford Magistrates' Court", "Tameside Magistrates' Court", "Wigan and Leigh Magistrates' Court", "Stockport Magistrates' Court"],
    crown: 'Minshull Street Crown Court', pcc: 'Andy Burnham', unit: 'Public Protection Investigation Unit',
  },
  merseyside: {
    articleShape: 'merseyside',
    towns: ['Liverpool', 'Birkenhead', 'St Helens', 'Southport', 'Bootle', 'Kirkby', 'Wallasey', 'Huyton', 'Prescot'],
    courts: ["Liverpool and Knowsley Magistrates' Court", "Wirral Magistrates' Court", "Sefton Magistrates' Court", "St Helens Magistrates' Court"],
    crown: 'Liverpool Crown Court', pcc: 'Emily Spurrell', unit: 'Public Protection Unit',
  },
  cheshire: {
    articleShape: 'articles-num',
    towns: ['Chester', 'Crewe', 'Warrington', 'Macclesfield', 'Runcorn', 'Ellesmere Port', 'Widnes', 'Northwich', 'Nantwich', 'Winsford'],
    courts: ["Chester Magistrates' Court", "Crewe Magistrates' Court", "Warrington Magistrates' Court"],
    crown: 'Chester Crown Court', pcc: 'Dan Price', unit: 'Harm Reduction Unit',
  },
  btp: {
    articleShape: 'region',
    towns: ['London', 'Birmingham', 'Leeds', 'Manchester', 'Brighton', 'Reading', 'Cardiff', 'Glasgow', 'Newcastle', 'Bristol'],
    courts: ["Westminster Magistrates' Court", "Highbury Corner Magistrates' Court", "Birmingham Magistrates' Court", "Leeds Magistrates' Court"],
    crown: 'Southwark Crown Court', pcc: 'the British Transport Police Authority', unit: 'Safeguarding Hub',
  },
  northamptonshire: {
    articleShape: 'month-yy',
    towns: ['Northampton', 'Kettering', 'Corby', 'Wellingborough', 'Daventry', 'Rushden', 'Towcester'],
    courts: ["Northampton Magistrates' Court"],
    crown: 'Northampton Crown Court', pcc: 'Danielle Stone', unit: 'Adult Safeguarding Unit',
  },
  sussex: {
    articleShape: 'category',
    towns: ['Brighton', 'Crawley', 'Eastbourne', 'Hastings', 'Worthing', 'Chichester', 'Bognor Regis', 'Horsham', 'Lewes'],
    courts: ["Brighton Magistrates' Court", "Crawley Magistrates' Court", "Worthing Magistrates' Court", "Hastings Magistrates' Court"],
    crown: 'Lewes Crown Court', pcc: 'Katy Bourne', unit: 'Public Protection Command',
  },
  nottinghamshire: {
    articleShape: 'news-news', shapeUnconfirmed: true,
    towns: ['Nottingham', 'Mansfield', 'Newark', 'Worksop', 'Beeston', 'Arnold', 'Hucknall', 'Retford'],
    courts: ["Nottingham Magistrates' Court", "Mansfield Magistrates' Court"],
    crown: 'Nottingham Crown Court', pcc: 'Gary Godden', unit: 'Public Protection Unit',
  },
  'north-wales': {
    articleShape: 'news-news',
    towns: ['Wrexham', 'Rhyl', 'Bangor', 'Llandudno', 'Colwyn Bay', 'Mold', 'Holyhead', 'Caernarfon', 'Prestatyn'],
    courts: ["Llandudno Magistrates' Court", "Wrexham Magistrates' Court", "Caernarfon Magistrates' Court", "Mold Magistrates' Court"],
    crown: 'Mold Crown Court', pcc: 'Andy Dunbobbin', unit: 'Protection of Vulnerable People Unit',
  },
  suffolk: {
    articleShape: 'news', shapeUnconfirmed: true,
    towns: ['Ipswich', 'Lowestoft', 'Bury St Edmunds', 'Felixstowe', 'Sudbury', 'Haverhill', 'Newmarket', 'Stowmarket'],
    courts: ["Suffolk Magistrates' Court", "Ipswich Magistrates' Court"],
    crown: 'Ipswich Crown Court', pcc: 'Tim Passmore', unit: 'Safeguarding Investigation Unit',
  },
  'west-mercia': {
    articleShape: 'news',
    towns: ['Worcester', 'Shrewsbury', 'Hereford', 'Telford', 'Kidderminster', 'Redditch', 'Ludlow', 'Oswestry', 'Bromsgrove'],
    courts: ["Kidderminster Magistrates' Court", "Worcester Magistrates' Court", "Telford Magistrates' Court", "Hereford Magistrates' Court", "Shrewsbury Magistrates' Court"],
    crown: 'Worcester Crown Court', pcc: 'John Campion', unit: 'Protecting Vulnerable People Department',
  },
  metropolitan: {
    towns: ['Croydon', 'Ealing', 'Lewisham', 'Enfield', 'Hackney', 'Barnet', 'Bromley', 'Lambeth', 'Southwark', 'Haringey', 'Newham', 'Hounslow'],
    courts: ["Westminster Magistrates' Court", "Bromley Magistrates' Court", "Croydon Magistrates' Court", "Wimbledon Magistrates' Court", "Willesden Magistrates' Court", "Highbury Corner Magistrates' Court"],
    crown: 'Snaresbrook Crown Court', pcc: 'the Mayor’s Office for Policing and Crime', unit: 'Public Protection team',
  },
  lancashire: {
    shapeUnconfirmed: true,
    towns: ['Preston', 'Blackpool', 'Burnley', 'Blackburn', 'Lancaster', 'Morecambe', 'Chorley', 'Accrington', 'Fleetwood', 'Skelmersdale'],
    courts: ["Preston Magistrates' Court", "Blackpool Magistrates' Court", "Blackburn Magistrates' Court", "Lancaster Magistrates' Court", "Burnley Magistrates' Court"],
    crown: 'Preston Crown Court', pcc: 'Clive Grunshaw', unit: 'Public Protection Unit',
  },
  // The generic strategy's test bed (issue 14). West Yorkshire: a CMS of its own (Drupal, inferred from its
  // asset paths; every page shape is the replica's choice, see render-drupal.ts). Cumbria: its news
  // platform is unknown to the force table, and the replica puts it on SOH, so that platform detection has
  // something to find (a choice, not a fact: Cumbria's real platform is unknown).
  'west-yorkshire': {
    site: { platform: 'drupal', listingPath: '/news-and-appeals' }, shapeUnconfirmed: true,
    towns: ['Leeds', 'Bradford', 'Wakefield', 'Huddersfield', 'Halifax', 'Dewsbury', 'Keighley', 'Batley', 'Pontefract', 'Castleford'],
    courts: ["Leeds Magistrates' Court", "Bradford and Keighley Magistrates' Court", "Kirklees Magistrates' Court", "Wakefield Magistrates' Court"],
    crown: 'Leeds Crown Court', pcc: 'the Mayor of West Yorkshire', unit: 'Safeguarding Central Governance Unit',
  },
  cumbria: {
    site: { platform: 'soh', sohSlug: 'cumbria', listingPath: '/news/cumbria/news/' }, articleShape: 'news', shapeUnconfirmed: true,
    towns: ['Carlisle', 'Barrow-in-Furness', 'Kendal', 'Workington', 'Whitehaven', 'Penrith', 'Maryport', 'Ulverston', 'Keswick'],
    courts: ["Carlisle Magistrates' Court", "Furness Magistrates' Court", "South Cumbria Magistrates' Court", "West Cumbria Magistrates' Court"],
    crown: 'Carlisle Crown Court', pcc: 'David Allen', unit: 'Public Protection Unit',
  },
};

/** A replica force: the force table's facts (or the replica's choice of site), and its colour. */
export function replicaForce(id: string, colour: ReplicaColour): ReplicaForce {
  const f = forceSite(id);
  if (!f) throw new Error(`src/replica/forces.ts: ${id} is not in the force table (src/domain/forces.json)`);
  const { site, ...rest } = colour;
  const facts: SiteFacts = site ?? {
    platform: f.platform as ReplicaPlatform,
    ...(f.platform === 'soh' ? { sohSlug: f.settings.slug ?? f.id } : {}),
    listingPath: f.listingPath ?? '/',
  };
  return { id, name: f.name, ...facts, realOrigin: f.origin, ...rest };
}

export const REPLICA_FORCES: Record<string, ReplicaForce> = Object.fromEntries(Object.entries(COLOUR).map(([id, c]) => [id, replicaForce(id, c)]));

/** The default set: five SOH variants, the Met's Mynewsdesk newsroom and Lancashire's own CMS. */
export const DEFAULT_FORCES = ['kent', 'greater-manchester', 'merseyside', 'cheshire', 'btp', 'metropolitan', 'lancashire'];
/** Forces the crawler has no scraper for: a CMS of its own (west-yorkshire) and an "unknown" force on SOH (cumbria). */
export const GENERIC_FORCES = ['west-yorkshire', 'cumbria'];
/** Every force the replica can serve (the defaults plus the SOH forces whose real SPO texts are in the corpus). */
export const ALL_FORCE_IDS = Object.keys(REPLICA_FORCES);

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
