// The domain types, defined once and shared by every stage.
// schemas/*.schema.json describe the same shapes; test/schemas.test.ts proves they agree.

export const PROHIBITIONS = [
  'contact',
  'contact_family',
  'approach',
  'surveillance',
  'attend_address',
  'attend_workplace',
  'exclusion_zone',
  'publish',
  'device_limit',
  'obstruct_police',
] as const;
export type Prohibition = (typeof PROHIBITIONS)[number];

export const REQUIREMENTS = [
  'register_vehicle',
  'register_phone',
  'attend_programme',
  'declare_relationships',
  'notify_address',
  'home_visits',
  'report_to_station',
  'surrender_devices',
] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export type ConditionType = 'prohibition' | 'requirement';
export type Condition =
  | { type: 'prohibition'; term: Prohibition }
  | { type: 'requirement'; term: Requirement };

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const ORDER_KINDS = ['interim', 'full'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** One specific order against one person, in the shape of ../shared/corpus/LABELING.md. */
export interface Order {
  age: number | null;
  sex: Sex | null;
  town: string | null;
  court: string | null;
  kind: OrderKind | null;
  /** YYYY-MM-DD, or YYYY-MM when only the month is known. */
  made_on: string | null;
  /** ISO 8601 duration (P5Y, P18M), "until:YYYY-MM-DD" or "indefinite". */
  duration: string | null;
  prohibitions: Prohibition[];
  requirements: Requirement[];
}

/** An order's scalar fields (one value each), in the order they are shown and compared. */
export const ORDER_SCALARS = ['age', 'sex', 'town', 'court', 'kind', 'made_on', 'duration'] as const;
export type OrderScalar = (typeof ORDER_SCALARS)[number];

/** An order's scalar fields as SQLite rows hold them (text columns, not narrowed to the vocabularies). */
export interface OrderScalarRow extends Record<OrderScalar, string | number | null> {
  age: number | null;
  sex: string | null;
  town: string | null;
  court: string | null;
  kind: string | null;
  made_on: string | null;
  duration: string | null;
}

/** How far an extracted order can be trusted, from how much evidence the text gives for it. */
export interface OrderConfidence {
  /** 0..1: an order told plainly with its subject, court and date is near 1; a bare mention is low. */
  confidence: number;
  /** Why a person should check the order (empty when nothing calls for it). */
  needs_review: string[];
}

/**
 * An order in the extraction contract, with its confidence when extraction has judged it (the scorer
 * reads the 9 contract fields; orders rebuilt from elsewhere, such as stored rows, carry none).
 */
export interface ExtractedOrder extends Order, Partial<OrderConfidence> {}

/** What a claimed figure counts (LABELING.md, "Claims"). */
export const CLAIM_MEASURES = ['applied', 'granted', 'in_force', 'breached', 'refused'] as const;
export type ClaimMeasure = (typeof CLAIM_MEASURES)[number];

/** A figure a text states about SPOs: who it is about, what it counts, how many, and when. */
export interface Claim {
  /** Official force name; null for England and Wales, a region, or several forces together. */
  force: string | null;
  measure: ClaimMeasure;
  /** Exact whole number as written ("none" = 0). */
  count: number;
  /** The date the figure speaks of: YYYY-MM-DD, YYYY-MM or YYYY (the end of the period it covers); null when unknown. */
  as_of: string | null;
}

/** A claim as extracted, with the sentence it was read from. */
export interface ClaimMention extends Claim {
  /** Where as_of came from: a date or period in the text, or the publication date. */
  as_of_source: 'text' | 'published' | null;
  evidence: { sentence: string; start: number; end: number };
}

/** The extraction contract: one object per document, read by ../shared/eval/score.mjs. */
export interface ExtractedDocument {
  id: string;
  is_spo: boolean;
  force: string | null;
  published: string | null;
  orders: ExtractedOrder[];
  /** Figures the text states (optional in the contract: older gold files carry none). */
  claims?: Claim[];
}

/** The scalar and list fields of an order that carry evidence. */
export const ORDER_FIELDS = [...ORDER_SCALARS, 'prohibitions', 'requirements'] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

/** Where a value came from: the sentence, and its character span in the release text. */
export interface Evidence {
  field: OrderField | 'force' | 'published' | 'is_spo';
  /** The value this evidence supports (for a condition: the term). */
  value: string | number | boolean;
  sentence: string;
  /** Character offsets of the sentence within the release body text, [start, end). */
  start: number;
  end: number;
}

export interface GeoPoint {
  lat: number;
  lon: number;
  /** GeoNames id of the place the town was matched to. */
  geonameid?: number;
}

/** An order as extracted from one release, with the evidence for each field. */
export interface OrderMention extends Order, Partial<OrderConfidence> {
  evidence: Evidence[];
  /** Coordinates of `town` from the gazetteer, when the town is a known place. */
  town_location: GeoPoint | null;
}

/** Everything extraction finds in one release. */
export interface Extraction {
  id: string;
  is_spo: boolean;
  force: string | null;
  published: string | null;
  orders: OrderMention[];
  /** Figures the text states; absent in extractions made (and stored) before claims were read. */
  claims?: ClaimMention[];
  /** Evidence for the document-level fields (force, published, is_spo). */
  evidence: Evidence[];
}

export const RELEASE_STATUSES = ['active', 'withdrawn'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** Open Graph fields of a page, as found (og:title, og:description, ...). */
export interface OgFields {
  title?: string;
  description?: string;
  url?: string;
  image?: string;
  type?: string;
  locale?: string;
}

/** The named fields of a release document's YAML front matter (all optional: real files vary). */
export interface KnownFrontMatter {
  title?: string;
  url?: string;
  /** Official force name or force id. */
  force?: string;
  area?: string;
  /** ISO date/datetime, or the SOH form "HH:MM DD/MM/YYYY". */
  published?: string;
  /** The publication instant with its UTC offset, as the page wrote it (generic strategy), when it gave one. */
  published_at?: string;
  publish?: { date?: string };
  og?: OgFields;
  /** An archived copy: the raw snapshot URL (`url` stays the page's own URL). */
  archived?: string;
  /** When the archive captured it (ISO 8601 UTC). */
  archived_at?: string;
}

/** Front matter as read: the named fields, plus whatever else the file carries. */
export type ReleaseFrontMatter = KnownFrontMatter & { [key: string]: unknown };

/** A release document as read from a file: front matter, then the text. */
export interface ReleaseDocument {
  /** File name without extension (the extraction id). */
  id: string;
  /** Path the document was read from, when it came from a file. */
  path: string | null;
  frontMatter: ReleaseFrontMatter;
  /** The article text (Markdown), without front matter. */
  body: string;
  /** Normalised convenience fields from the front matter (entities decoded). */
  title: string | null;
  url: string | null;
  /** ISO 8601: YYYY-MM-DD or YYYY-MM-DDTHH:MM, from the front matter only. */
  published: string | null;
}
