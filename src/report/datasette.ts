// Datasette metadata for the database (`spo datasette-metadata`), generated from the JSON Schemas: the
// title, licence and source, a description for each table and view people browse and for each of their
// columns (from schemas/sqlite-views.schema.json and the export schemas, which name the same columns),
// internal tables hidden, facets, full-text search on releases and a few canned queries.
// With `redact`, the metadata is for a redacted copy (`spo export sqlite --redact`, ./publish.ts) and
// for nothing else: Datasette serves every table, the search index and the file itself, so hiding
// tables in the metadata would hide nothing; the copy has no name in it to hide.
import { basename, extname } from 'node:path';
import { createRequire } from 'node:module';
import { projectPath } from '../domain/project.ts';
import { openStore } from '../store/index.ts';
import { isRedactedCopy } from '../store/queries/publish.ts';
import { schemaObjects } from '../store/queries/schema.ts';
import { EXPORT_SCHEMAS, type JsonSchema } from './columns.ts';

const require = createRequire(import.meta.url);
const VIEWS_SCHEMA = require(projectPath('schemas/sqlite-views.schema.json')) as JsonSchema;

export const DATA_LICENSE = { license: 'CC BY 4.0 (the extracted data; the releases are the forces’ text)', license_url: 'https://creativecommons.org/licenses/by/4.0/' };

/** What each table people browse holds (the views' descriptions come from their schema). */
const TABLE_DESCRIPTIONS: Record<string, string> = {
  releases: 'Every police press release known: SPO releases kept in full, others only seen on a listing. Full-text search (title and text) through releases_fts.',
  orders: 'Orders counted once (merged from every release that reports them). orders_flat is the easier view.',
  order_mentions: 'Each order as one release reports it. mentions_flat is the easier view.',
  order_conditions: 'The prohibitions and requirements of each order, one row per term.',
  mention_conditions: 'The prohibitions and requirements of each mention, one row per term.',
  evidence: 'The sentence each extracted value came from, with its character span in the release text.',
  forces: 'The 43 territorial police forces of England and Wales and British Transport Police, with crawl health.',
  order_links: 'Likely-but-uncertain matches between orders (candidate) and interim/full orders of one case (same_case).',
  crawl_runs: 'One row per ingest, crawl or nightly run, with its JSON summary.',
};

/** Tables people have no use for in a browser (indexes, history kept for diffs, bookkeeping). */
const HIDDEN_TABLES = [
  'release_text', 'release_text_rows', 'releases_fts', 'schema_migrations', 'mention_history', 'order_snapshots',
  'order_match_reasons', 'release_events', 'crawl_run_forces', 'release_revisions',
];

/** Column descriptions: the views' schema for views, else the export schema naming the same columns. */
function columnDescriptions(table: string, columns: string[]): Record<string, string> {
  const view = VIEWS_SCHEMA.definitions?.[table]?.properties;
  // The database holds plain ids (exports add a letter): the views' words first, then the exports'.
  const sources: (Record<string, JsonSchema> | undefined)[] = [
    view,
    ...Object.values(VIEWS_SCHEMA.definitions ?? {}).map((d) => d.properties),
    table === 'releases' ? EXPORT_SCHEMAS.releases.properties : undefined,
    table === 'orders' ? EXPORT_SCHEMAS.orders.properties : undefined,
    table === 'order_mentions' ? EXPORT_SCHEMAS.mentions.properties : undefined,
    EXPORT_SCHEMAS.orders.properties,
    EXPORT_SCHEMAS.mentions.properties,
    EXPORT_SCHEMAS.releases.properties,
  ];
  const out: Record<string, string> = {};
  for (const c of columns) {
    const d = sources.map((s) => s?.[c]?.description).find(Boolean);
    if (d) out[c] = d;
  }
  return out;
}

export const CANNED_QUERIES: Record<string, { title: string; description: string; sql: string }> = {
  orders_by_force_and_year: {
    title: 'Orders per force and year',
    description: 'Orders counted once, by force and by the year they were made (or first published).',
    sql: 'SELECT force_name, order_year, count(*) AS orders FROM orders_redacted GROUP BY force_name, order_year ORDER BY force_name, order_year',
  },
  prohibitions_count: {
    title: 'How often each prohibition is imposed',
    description: 'Each prohibition term with the number of orders that impose it (json_each over the JSON array column).',
    sql: 'SELECT p.value AS prohibition, count(*) AS orders FROM orders_redacted, json_each(orders_redacted.prohibitions) AS p GROUP BY p.value ORDER BY orders DESC, prohibition',
  },
  search_releases: {
    title: 'Search release text',
    description: 'Releases whose title or text match an FTS5 query (e.g. "exclusion zone", stalk*), best first.',
    sql: 'SELECT r.release_id, r.published, r.title, r.url FROM releases_fts JOIN releases r ON r.rowid = releases_fts.rowid WHERE releases_fts MATCH :q ORDER BY releases_fts.rank LIMIT 100',
  },
};

export interface DatasetteOptions {
  /** The database file: Datasette names the database after its file name without extension. */
  db: string;
  redact?: boolean;
  /** Where the data is published (the source link), when it is. */
  baseUrl?: string | null;
}

/** The metadata JSON Datasette reads with `--metadata`. */
export function datasetteMetadata(opts: DatasetteOptions): Record<string, unknown> {
  const dbName = basename(opts.db, extname(opts.db));
  if (opts.redact) {
    const db = openStore(opts.db, { readonly: true });
    try {
      if (!isRedactedCopy(db)) {
        throw new Error(
          `--redact: ${opts.db} is not a redacted copy, and Datasette would serve its names whatever the metadata says (tables, search, download): ` +
            'make one with `spo export sqlite --redact --out public.sqlite` and publish that file with its metadata',
        );
      }
    } finally {
      db.close();
    }
  }
  // The tables and views as this version's migrations make them (an in-memory database: no file read).
  const store = openStore(':memory:');
  let objects: { name: string; type: string; columns: string[] }[];
  try {
    objects = schemaObjects(store);
  } finally {
    store.close();
  }
  const tables: Record<string, Record<string, unknown>> = {};
  for (const o of objects) {
    // FTS5 shadow tables (release_text_data, releases_fts_idx ...) go with their index.
    const hidden = HIDDEN_TABLES.includes(o.name) || HIDDEN_TABLES.some((h) => o.name.startsWith(`${h}_`) && /_(data|idx|content|docsize|config)$/.test(o.name));
    const entry: Record<string, unknown> = {};
    const description = VIEWS_SCHEMA.definitions?.[o.name]?.description ?? TABLE_DESCRIPTIONS[o.name];
    if (description) entry.description = description;
    if (hidden) entry.hidden = true;
    else {
      const cols = columnDescriptions(o.name, o.columns);
      if (Object.keys(cols).length) entry.columns = cols;
    }
    if (o.name === 'orders_flat' || o.name === 'orders_redacted') {
      entry.facets = ['force_name', 'kind', 'order_year', { array: 'prohibitions' }, { array: 'requirements' }];
      entry.sort_desc = 'order_date';
    }
    if (o.name === 'mentions_flat') entry.facets = ['force_name', { array: 'prohibitions' }];
    if (o.name === 'releases') {
      entry.fts_table = 'releases_fts';
      entry.fts_pk = 'rowid';
      entry.facets = ['force_id', 'is_spo', 'status'];
      entry.sort_desc = 'published';
    }
    if (o.name === 'forces') entry.label_column = 'name';
    if (Object.keys(entry).length) tables[o.name] = entry;
  }
  const queries: Record<string, unknown> = {};
  for (const [name, q] of Object.entries(CANNED_QUERIES)) {
    queries[name] = { title: q.title, description: q.description, sql: q.sql };
  }
  return {
    title: 'Stalking Protection Orders in England and Wales',
    description:
      'Stalking Protection Orders announced by the police forces of England and Wales, extracted from their press releases by spo-tracker: ' +
      'each order counted once, with the sentence every value came from.' +
      (opts.redact ? ' This copy is redacted (spo export sqlite --redact): personal names and street addresses are removed from titles, release text, the search index, evidence sentences and links; towns, courts and conditions are kept.' : ''),
    ...DATA_LICENSE,
    source: 'Police force press releases (England and Wales); place coordinates from GeoNames (CC BY 4.0)',
    ...(opts.baseUrl ? { source_url: opts.baseUrl } : {}),
    databases: {
      [dbName]: {
        tables,
        queries,
      },
    },
  };
}
