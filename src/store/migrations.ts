// Numbered schema migrations. Each runs once, in order, inside a transaction, and is recorded in
// schema_migrations. Never edit a migration that has shipped: add the next number.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE forces (
  force_id              TEXT PRIMARY KEY,          -- data.police.uk id; 'btp' for British Transport Police
  name                  TEXT NOT NULL,             -- official name
  platform              TEXT,                      -- soh | mynewsdesk | lancashire | unknown ...
  origin                TEXT,                      -- site origin crawled
  crawlable             INTEGER NOT NULL DEFAULT 0,
  last_crawl_at         TEXT,
  last_success_at       TEXT,
  newest_release_at     TEXT,                      -- newest publication date seen on the listing
  consecutive_failures  INTEGER NOT NULL DEFAULT 0,
  last_error            TEXT
);

CREATE TABLE releases (
  release_id     TEXT PRIMARY KEY,                 -- sha256(force | canonical URL), 16 hex chars
  force_id       TEXT REFERENCES forces(force_id),
  url            TEXT,                             -- canonical URL
  title          TEXT,
  published      TEXT,                             -- ISO date or date-time
  first_seen_at  TEXT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  content_hash   TEXT,                             -- hash of the normalised text of the latest revision
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  is_spo         INTEGER,                          -- 1 SPO release kept in full; 0 seen only; NULL not classified
  document_path  TEXT,                             -- release document on disk, when there is one
  source         TEXT NOT NULL DEFAULT 'ingest'    -- ingest | crawl
);
CREATE UNIQUE INDEX releases_force_url ON releases(force_id, url) WHERE url IS NOT NULL;
CREATE INDEX releases_published ON releases(published);

CREATE TABLE release_revisions (
  revision_id    INTEGER PRIMARY KEY,
  release_id     TEXT NOT NULL REFERENCES releases(release_id) ON DELETE CASCADE,
  content_hash   TEXT NOT NULL,
  front_matter   TEXT NOT NULL,                    -- JSON
  body           TEXT NOT NULL,                    -- article text (Markdown)
  fetched_at     TEXT NOT NULL,
  run_id         INTEGER REFERENCES crawl_runs(run_id),
  UNIQUE (release_id, content_hash)
);

-- One row per specific order as one release reports it (re-extraction replaces a release's mentions).
CREATE TABLE order_mentions (
  mention_id     INTEGER PRIMARY KEY,
  release_id     TEXT NOT NULL REFERENCES releases(release_id) ON DELETE CASCADE,
  revision_id    INTEGER REFERENCES release_revisions(revision_id),
  ordinal        INTEGER NOT NULL,                 -- position of the order in the release
  order_id       TEXT REFERENCES orders(order_id) ON DELETE SET NULL,
  age            INTEGER,
  sex            TEXT CHECK (sex IN ('male', 'female')),
  town           TEXT,
  town_lat       REAL,
  town_lon       REAL,
  court          TEXT,
  kind           TEXT CHECK (kind IN ('interim', 'full')),
  made_on        TEXT,
  duration       TEXT,
  UNIQUE (release_id, ordinal)
);

CREATE TABLE mention_conditions (
  mention_id     INTEGER NOT NULL REFERENCES order_mentions(mention_id) ON DELETE CASCADE,
  condition_type TEXT NOT NULL CHECK (condition_type IN ('prohibition', 'requirement')),
  term           TEXT NOT NULL,
  PRIMARY KEY (mention_id, condition_type, term)
);

-- The sentence (and its span in the release text) each extracted value came from.
CREATE TABLE evidence (
  evidence_id    INTEGER PRIMARY KEY,
  release_id     TEXT NOT NULL REFERENCES releases(release_id) ON DELETE CASCADE,
  mention_id     INTEGER REFERENCES order_mentions(mention_id) ON DELETE CASCADE, -- NULL: document-level field
  field          TEXT NOT NULL,
  value          TEXT,
  sentence       TEXT NOT NULL,
  char_start     INTEGER NOT NULL,
  char_end       INTEGER NOT NULL
);
CREATE INDEX evidence_mention ON evidence(mention_id);

-- Orders counted once: each groups one or more mentions, with fields merged from all of them.
CREATE TABLE orders (
  order_id       TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL,                    -- interim and full orders against one person share a case
  force_id       TEXT REFERENCES forces(force_id),
  age            INTEGER,
  sex            TEXT,
  town           TEXT,
  town_lat       REAL,
  town_lon       REAL,
  court          TEXT,
  kind           TEXT,
  made_on        TEXT,
  duration       TEXT,
  first_seen_at  TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

CREATE TABLE order_conditions (
  order_id       TEXT NOT NULL REFERENCES orders(order_id) ON DELETE CASCADE,
  condition_type TEXT NOT NULL CHECK (condition_type IN ('prohibition', 'requirement')),
  term           TEXT NOT NULL,
  PRIMARY KEY (order_id, condition_type, term)
);

-- Likely-but-uncertain matches between orders, kept for review rather than merged.
CREATE TABLE order_links (
  order_id       TEXT NOT NULL REFERENCES orders(order_id) ON DELETE CASCADE,
  other_order_id TEXT NOT NULL REFERENCES orders(order_id) ON DELETE CASCADE,
  link_type      TEXT NOT NULL,                    -- candidate | same_case
  score          REAL,
  reason         TEXT,
  PRIMARY KEY (order_id, other_order_id, link_type)
);

CREATE TABLE crawl_runs (
  run_id         INTEGER PRIMARY KEY,
  command        TEXT NOT NULL,                    -- ingest | crawl | nightly
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  status         TEXT NOT NULL DEFAULT 'running',  -- running | ok | partial | failed
  summary        TEXT                              -- JSON
);

CREATE TABLE crawl_run_forces (
  run_id         INTEGER NOT NULL REFERENCES crawl_runs(run_id) ON DELETE CASCADE,
  force_id       TEXT NOT NULL,
  requests       INTEGER NOT NULL DEFAULT 0,
  new            INTEGER NOT NULL DEFAULT 0,
  changed        INTEGER NOT NULL DEFAULT 0,
  unchanged      INTEGER NOT NULL DEFAULT 0,
  gone           INTEGER NOT NULL DEFAULT 0,
  errors         INTEGER NOT NULL DEFAULT 0,
  duration_ms    INTEGER NOT NULL DEFAULT 0,
  error_message  TEXT,
  PRIMARY KEY (run_id, force_id)
);

-- What each run found for each release: the history "spo diff" reads.
CREATE TABLE release_events (
  event_id       INTEGER PRIMARY KEY,
  run_id         INTEGER REFERENCES crawl_runs(run_id),
  release_id     TEXT NOT NULL REFERENCES releases(release_id) ON DELETE CASCADE,
  event          TEXT NOT NULL CHECK (event IN ('new', 'changed', 'unchanged', 'gone')),
  revision_id    INTEGER REFERENCES release_revisions(revision_id),
  at             TEXT NOT NULL
);
CREATE INDEX release_events_at ON release_events(at);

CREATE VIRTUAL TABLE release_text USING fts5(release_id UNINDEXED, title, body, tokenize = 'porter unicode61');
`,
  },
  {
    version: 2,
    name: 'order matching reasons, superseded mentions, order snapshots, force cadence (issue 5)',
    sql: `
-- Every order mention a re-extraction or a new revision replaces is archived here, so \`spo diff\` can
-- compare the orders a release reported before a change with the ones it reports now.
CREATE TABLE mention_history (
  history_id     INTEGER PRIMARY KEY,
  release_id     TEXT NOT NULL,
  revision_id    INTEGER,                          -- revision the mention was extracted from
  ordinal        INTEGER NOT NULL,
  data           TEXT NOT NULL,                    -- JSON: the order fields plus prohibitions and requirements
  superseded_at  TEXT NOT NULL
);
CREATE INDEX mention_history_release ON mention_history(release_id, revision_id);
CREATE TRIGGER order_mentions_archive BEFORE DELETE ON order_mentions BEGIN
  INSERT INTO mention_history (release_id, revision_id, ordinal, data, superseded_at)
  VALUES (OLD.release_id, OLD.revision_id, OLD.ordinal, json_object(
    'age', OLD.age, 'sex', OLD.sex, 'town', OLD.town, 'court', OLD.court, 'kind', OLD.kind,
    'made_on', OLD.made_on, 'duration', OLD.duration,
    'prohibitions', (SELECT json_group_array(term) FROM (SELECT term FROM mention_conditions
      WHERE mention_id = OLD.mention_id AND condition_type = 'prohibition' ORDER BY term)),
    'requirements', (SELECT json_group_array(term) FROM (SELECT term FROM mention_conditions
      WHERE mention_id = OLD.mention_id AND condition_type = 'requirement' ORDER BY term)),
    'order_id', OLD.order_id),
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- Why each mention belongs to its order (rebuilt with the orders): \`spo orders --explain ID\`.
CREATE TABLE order_match_reasons (
  order_id            TEXT NOT NULL REFERENCES orders(order_id) ON DELETE CASCADE,
  mention_id          INTEGER NOT NULL,
  release_id          TEXT NOT NULL,
  ordinal             INTEGER NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('anchor', 'merged')),
  matched_mention_id  INTEGER,                     -- the mention of the order it agreed with best
  score               REAL,
  agreed              TEXT NOT NULL DEFAULT '[]',  -- JSON array of the fields that agreed
  reason              TEXT,
  PRIMARY KEY (order_id, mention_id)
);

-- The merged state of each order whenever it changes: \`spo diff\` compares an order before and after.
CREATE TABLE order_snapshots (
  snapshot_id    INTEGER PRIMARY KEY,
  order_id       TEXT NOT NULL,
  at             TEXT NOT NULL,
  data           TEXT,                             -- JSON of the merged order; NULL: the order no longer exists
  hash           TEXT
);
CREATE INDEX order_snapshots_order ON order_snapshots(order_id, at);

-- Force cadence: the usual gap between releases, and whether the force has gone quiet for longer.
ALTER TABLE forces ADD COLUMN typical_gap_days REAL;
ALTER TABLE forces ADD COLUMN silent INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 3,
    name: 'order snapshots carry the run that made them (issue 5)',
    sql: `
-- The run whose store step produced the snapshot (NULL outside a run): \`spo diff --since RUN\` and the
-- nightly changes are cut by run, not by clock, so runs a millisecond apart never bleed into each other.
ALTER TABLE order_snapshots ADD COLUMN run_id INTEGER;
CREATE INDEX order_snapshots_run ON order_snapshots(run_id);
CREATE INDEX release_events_run ON release_events(run_id);
`,
  },
  {
    version: 4,
    name: 'views for people opening the database: orders_flat, mentions_flat, releases_flat (issue 6)',
    sql: `
-- Read-only views for the common joins, so the file opens well in any SQLite browser. Their columns are
-- described in schemas/sqlite-views.schema.json and docs/data-dictionary.md. Lists: conditions are
-- joined with ", ", ids and URLs with " | ".
CREATE VIEW orders_flat AS
SELECT
  o.order_id,
  o.case_id,
  o.force_id,
  f.name AS force_name,
  o.kind,
  coalesce(o.made_on, (SELECT substr(min(r.published), 1, 10) FROM order_mentions m JOIN releases r ON r.release_id = m.release_id
    WHERE m.order_id = o.order_id)) AS order_date,
  o.made_on,
  o.duration,
  o.age,
  o.sex,
  o.town,
  o.town_lat,
  o.town_lon,
  o.court,
  (SELECT group_concat(term, ', ') FROM (SELECT term FROM order_conditions c WHERE c.order_id = o.order_id
    ORDER BY c.condition_type, c.term)) AS conditions,
  (SELECT count(*) FROM order_mentions m WHERE m.order_id = o.order_id) AS mention_count,
  (SELECT group_concat(release_id, ' | ') FROM (SELECT DISTINCT m.release_id FROM order_mentions m JOIN releases r ON r.release_id = m.release_id
    WHERE m.order_id = o.order_id ORDER BY coalesce(r.published, r.first_seen_at), m.release_id)) AS release_ids,
  (SELECT group_concat(url, ' | ') FROM (SELECT DISTINCT r.url FROM order_mentions m JOIN releases r ON r.release_id = m.release_id
    WHERE m.order_id = o.order_id AND r.url IS NOT NULL ORDER BY coalesce(r.published, r.first_seen_at), r.url)) AS source_urls,
  (SELECT min(r.published) FROM order_mentions m JOIN releases r ON r.release_id = m.release_id WHERE m.order_id = o.order_id) AS first_published,
  o.first_seen_at,
  o.updated_at
FROM orders o LEFT JOIN forces f ON f.force_id = o.force_id;

CREATE VIEW mentions_flat AS
SELECT
  m.mention_id,
  m.release_id,
  m.ordinal,
  m.order_id,
  r.force_id,
  f.name AS force_name,
  r.published,
  r.url,
  m.kind,
  m.made_on,
  m.duration,
  m.age,
  m.sex,
  m.town,
  m.town_lat,
  m.town_lon,
  m.court,
  (SELECT group_concat(term, ', ') FROM (SELECT term FROM mention_conditions c WHERE c.mention_id = m.mention_id
    ORDER BY c.condition_type, c.term)) AS conditions
FROM order_mentions m JOIN releases r ON r.release_id = m.release_id LEFT JOIN forces f ON f.force_id = r.force_id;

CREATE VIEW releases_flat AS
SELECT
  r.release_id,
  r.force_id,
  f.name AS force_name,
  r.published,
  r.title,
  r.url,
  r.status,
  r.is_spo,
  r.source,
  r.first_seen_at,
  r.last_seen_at,
  (SELECT count(*) FROM release_revisions v WHERE v.release_id = r.release_id) AS revision_count,
  (SELECT count(*) FROM order_mentions m WHERE m.release_id = r.release_id) AS mention_count,
  (SELECT count(DISTINCT m.order_id) FROM order_mentions m WHERE m.release_id = r.release_id) AS order_count
FROM releases r LEFT JOIN forces f ON f.force_id = r.force_id;
`,
  },
  {
    version: 5,
    name: 'indexes for rebuilding orders (issue 5)',
    sql: `
-- Rebuilding the orders deletes and re-inserts them: the foreign keys pointing at orders need indexes,
-- or every deleted order scans the mentions and links (quadratic: seconds at a few thousand orders).
CREATE INDEX IF NOT EXISTS order_mentions_order ON order_mentions(order_id);
CREATE INDEX IF NOT EXISTS order_links_other ON order_links(other_order_id);
CREATE INDEX IF NOT EXISTS order_match_reasons_mention ON order_match_reasons(mention_id);
`,
  },
  {
    version: 6,
    name: 'storing releases at scale: evidence by release, full-text row by release (issue 8)',
    sql: `
-- Storing a release replaces its evidence (DELETE ... WHERE release_id = ?): without an index every
-- stored release scanned the whole evidence table (quadratic: with the full-text scan below, an ingest of
-- 10,000 new releases took over a minute, 100,000 would have taken hours).
CREATE INDEX IF NOT EXISTS evidence_release ON evidence(release_id);

-- The release_text (FTS5) row holding each release's text. FTS5 cannot index release_id (UNINDEXED),
-- so replacing a changed release's text by release_id scanned the whole table (40 ms a release at
-- 100,000 releases); the store now deletes it by rowid. Kept by the store beside release_text.
CREATE TABLE release_text_rows (
  release_id     TEXT PRIMARY KEY,
  text_rowid     INTEGER NOT NULL                  -- rowid of the release's row in release_text
) WITHOUT ROWID;
INSERT OR REPLACE INTO release_text_rows (release_id, text_rowid) SELECT release_id, rowid FROM release_text ORDER BY rowid;
`,
  },
  {
    version: 7,
    name: 'how each force is read: strategy, platform detection, live check verdict (issue 14)',
    sql: `
-- The strategy the last crawl read the force with (a platform id, or generic) and why, when the
-- platform's scraper stopped matching and the generic strategy took over.
ALTER TABLE forces ADD COLUMN strategy TEXT;
ALTER TABLE forces ADD COLUMN strategy_reason TEXT;
-- Platform detection on a force listed as unknown: what was seen ('none' when no known platform), the
-- signs, and when.
ALTER TABLE forces ADD COLUMN detected_platform TEXT;
ALTER TABLE forces ADD COLUMN detected_signs TEXT;
ALTER TABLE forces ADD COLUMN detected_at TEXT;
-- The live check (spo check, spo nightly): ok | degraded | broken, the reason, and when.
ALTER TABLE forces ADD COLUMN check_verdict TEXT;
ALTER TABLE forces ADD COLUMN check_reason TEXT;
ALTER TABLE forces ADD COLUMN checked_at TEXT;
`,
  },
  {
    version: 8,
    name: 'corrections by people, and how far each extracted order can be trusted (issue 13)',
    sql: `
-- A person's corrections of orders: set a field, remove a wrong order, merge two. They are applied over
-- every rebuild of the orders (re-extraction, re-crawl), never overwritten, and undone by marking them.
-- An order is found again by its id, or, when a rebuild gave it another id, by the mention it was
-- anchored on when corrected ("release_id#ordinal").
CREATE TABLE order_corrections (
  correction_id  INTEGER PRIMARY KEY,
  order_id       TEXT NOT NULL,                    -- the order as it was named when corrected
  anchor         TEXT,                             -- a mention of it: release_id#ordinal
  action         TEXT NOT NULL CHECK (action IN ('set', 'remove', 'merge')),
  field          TEXT,                             -- set: the field corrected
  value          TEXT,                             -- set: the new value as JSON; merge: the order merged into (JSON {order_id, anchor})
  note           TEXT,
  created_at     TEXT NOT NULL,
  undone_at      TEXT,
  applied_to     TEXT                              -- the order it applied to at the last rebuild (null: not found)
);
CREATE INDEX order_corrections_applied ON order_corrections(applied_to);
-- Extraction's own judgement of each mention: confidence 0..1 and why a person should check it.
ALTER TABLE order_mentions ADD COLUMN confidence REAL;
ALTER TABLE order_mentions ADD COLUMN review_reasons TEXT;  -- JSON array, null when none
`,
  },
  {
    version: 9,
    name: 'claims: the figures releases state about SPOs, with evidence and date (issue 16)',
    sql: `
-- One row per distinct figure a release states (applied, granted, in force, breached, refused), replaced
-- with the release's mentions on re-extraction. force_id NULL: England and Wales, a region or several
-- forces. No foreign key to forces: a text may name a force the database has not listed yet.
CREATE TABLE claims (
  claim_id       INTEGER PRIMARY KEY,
  release_id     TEXT NOT NULL REFERENCES releases(release_id) ON DELETE CASCADE,
  revision_id    INTEGER REFERENCES release_revisions(revision_id),
  ordinal        INTEGER NOT NULL,                 -- position of the claim in the release
  force_id       TEXT,
  measure        TEXT NOT NULL CHECK (measure IN ('applied', 'granted', 'in_force', 'breached', 'refused')),
  count          INTEGER NOT NULL CHECK (count >= 0),
  as_of          TEXT,                             -- YYYY-MM-DD, YYYY-MM or YYYY: the end of the period the figure covers
  as_of_source   TEXT CHECK (as_of_source IN ('text', 'published')),
  sentence       TEXT NOT NULL,                    -- the evidence sentence, as in the release text
  char_start     INTEGER NOT NULL,
  char_end       INTEGER NOT NULL,
  UNIQUE (release_id, ordinal)
);
CREATE INDEX claims_force_measure ON claims(force_id, measure);
`,
  },
  {
    version: 10,
    name: 'web archive backfill: where each revision came from, captures fetched (issue 15)',
    sql: `
-- Where a revision's text came from: live (the force's site), archive (a web archive's capture of a
-- page the site may no longer serve) or file (spo ingest). An archived copy is kept beside live
-- revisions but never becomes the current text of a release seen live.
ALTER TABLE release_revisions ADD COLUMN source TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('live', 'archive', 'file'));
ALTER TABLE release_revisions ADD COLUMN archived_url TEXT;   -- the raw snapshot (web.archive.org/web/<ts>id_/<url>)
ALTER TABLE release_revisions ADD COLUMN archived_at TEXT;    -- capture time, ISO 8601 UTC
UPDATE release_revisions SET source = 'live'
  WHERE release_id IN (SELECT release_id FROM releases WHERE source = 'crawl');

-- Captures a backfill has fetched (and what came of them), so a rerun fetches none again and a killed
-- backfill resumes. Keyed on the page (its URL as the live crawl stores it) and the capture time.
CREATE TABLE archive_captures (
  url            TEXT NOT NULL,
  timestamp      TEXT NOT NULL,                    -- 14-digit capture time
  force_id       TEXT NOT NULL,
  original       TEXT NOT NULL,                    -- the URL as the archive holds it
  snapshot       TEXT NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('spo', 'not-spo', 'dead', 'unreadable')),
  release_id     TEXT REFERENCES releases(release_id) ON DELETE SET NULL,
  detail         TEXT,
  fetched_at     TEXT NOT NULL,
  run_id         INTEGER REFERENCES crawl_runs(run_id),
  PRIMARY KEY (url, timestamp)
);
CREATE INDEX archive_captures_force ON archive_captures(force_id);
`,
  },
  {
    version: 11,
    name: 'Datasette and sqlite-utils: releases_fts, views with JSON condition lists, latitude/longitude and analysis columns (issue 17)',
    sql: `
-- Full-text search the way sqlite-utils and Datasette look for it: an FTS5 table named releases_fts whose
-- content is "releases" and whose rowids are the releases' rowids, so \`sqlite-utils search\` and
-- Datasette's ?_search= work on the releases table. The store keeps it beside release_text (same text);
-- body is the release text, which lives in release_text, not in releases, so the index is read through
-- MATCH and rank only (never SELECT body FROM releases_fts, nor the FTS5 'rebuild' command).
CREATE VIRTUAL TABLE releases_fts USING fts5(title, body, content="releases", tokenize = 'porter unicode61');
INSERT INTO releases_fts (rowid, title, body)
  SELECT r.rowid, t.title, t.body FROM release_text_rows x
  JOIN release_text t ON t.rowid = x.text_rowid JOIN releases r ON r.release_id = x.release_id;

-- The views gain, at the end (the earlier columns unchanged): prohibitions and requirements as JSON
-- arrays (Datasette's _facet_array counts each term), latitude/longitude (what map tools look for), the
-- order length in months (whole years and/or months: P5Y 60, P2Y6M 30; NULL for indefinite, until:DATE,
-- weeks, days; src/domain/durations.ts computes the same for exports), the date it ends where that
-- follows, how precise made_on is, and the year.
DROP VIEW orders_flat;
CREATE VIEW orders_flat AS
SELECT w.*,
  CASE WHEN w.duration LIKE 'until:%' THEN substr(w.duration, 7)
    WHEN w.duration_months IS NOT NULL AND w.made_on_precision = 'day' THEN min(
      date(w.made_on, 'start of month', '+' || w.duration_months || ' months', '+' || (CAST(substr(w.made_on, 9, 2) AS INTEGER) - 1) || ' days'),
      date(w.made_on, 'start of month', '+' || (w.duration_months + 1) || ' months', '-1 days'))
  END AS ends_on,
  CAST(substr(w.order_date, 1, 4) AS INTEGER) AS order_year
FROM (
  SELECT v.*,
    (SELECT json_group_array(term) FROM (SELECT term FROM order_conditions c WHERE c.order_id = v.order_id
      AND c.condition_type = 'prohibition' ORDER BY term)) AS prohibitions,
    (SELECT json_group_array(term) FROM (SELECT term FROM order_conditions c WHERE c.order_id = v.order_id
      AND c.condition_type = 'requirement' ORDER BY term)) AS requirements,
    v.town_lat AS latitude,
    v.town_lon AS longitude,
    CASE
      WHEN v.duration GLOB 'P[0-9]*Y' AND substr(v.duration, 2, length(v.duration) - 2) NOT GLOB '*[^0-9]*' THEN 12 * CAST(substr(v.duration, 2, length(v.duration) - 2) AS INTEGER)
      WHEN v.duration GLOB 'P[0-9]*M' AND substr(v.duration, 2, length(v.duration) - 2) NOT GLOB '*[^0-9]*' THEN CAST(substr(v.duration, 2, length(v.duration) - 2) AS INTEGER)
      WHEN v.duration GLOB 'P[0-9]*Y[0-9]*M' AND substr(v.duration, 2, instr(v.duration, 'Y') - 2) NOT GLOB '*[^0-9]*'
        AND substr(v.duration, instr(v.duration, 'Y') + 1, length(v.duration) - instr(v.duration, 'Y') - 1) NOT GLOB '*[^0-9]*'
        THEN 12 * CAST(substr(v.duration, 2, instr(v.duration, 'Y') - 2) AS INTEGER) + CAST(substr(v.duration, instr(v.duration, 'Y') + 1, length(v.duration) - instr(v.duration, 'Y') - 1) AS INTEGER)
    END AS duration_months,
    CASE length(v.made_on) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END AS made_on_precision
  FROM (
    SELECT
      o.order_id,
      o.case_id,
      o.force_id,
      f.name AS force_name,
      o.kind,
      coalesce(o.made_on, (SELECT substr(min(r.published), 1, 10) FROM order_mentions m JOIN releases r ON r.release_id = m.release_id
        WHERE m.order_id = o.order_id)) AS order_date,
      o.made_on,
      o.duration,
      o.age,
      o.sex,
      o.town,
      o.town_lat,
      o.town_lon,
      o.court,
      (SELECT group_concat(term, ', ') FROM (SELECT term FROM order_conditions c WHERE c.order_id = o.order_id
        ORDER BY c.condition_type, c.term)) AS conditions,
      (SELECT count(*) FROM order_mentions m WHERE m.order_id = o.order_id) AS mention_count,
      (SELECT group_concat(release_id, ' | ') FROM (SELECT DISTINCT m.release_id FROM order_mentions m JOIN releases r ON r.release_id = m.release_id
        WHERE m.order_id = o.order_id ORDER BY coalesce(r.published, r.first_seen_at), m.release_id)) AS release_ids,
      (SELECT group_concat(url, ' | ') FROM (SELECT DISTINCT r.url FROM order_mentions m JOIN releases r ON r.release_id = m.release_id
        WHERE m.order_id = o.order_id AND r.url IS NOT NULL ORDER BY coalesce(r.published, r.first_seen_at), r.url)) AS source_urls,
      (SELECT min(r.published) FROM order_mentions m JOIN releases r ON r.release_id = m.release_id WHERE m.order_id = o.order_id) AS first_published,
      o.first_seen_at,
      o.updated_at
    FROM orders o LEFT JOIN forces f ON f.force_id = o.force_id
  ) v
) w;

DROP VIEW mentions_flat;
CREATE VIEW mentions_flat AS
SELECT w.*,
  CASE WHEN w.duration LIKE 'until:%' THEN substr(w.duration, 7)
    WHEN w.duration_months IS NOT NULL AND w.made_on_precision = 'day' THEN min(
      date(w.made_on, 'start of month', '+' || w.duration_months || ' months', '+' || (CAST(substr(w.made_on, 9, 2) AS INTEGER) - 1) || ' days'),
      date(w.made_on, 'start of month', '+' || (w.duration_months + 1) || ' months', '-1 days'))
  END AS ends_on
FROM (
  SELECT v.*,
    (SELECT json_group_array(term) FROM (SELECT term FROM mention_conditions c WHERE c.mention_id = v.mention_id
      AND c.condition_type = 'prohibition' ORDER BY term)) AS prohibitions,
    (SELECT json_group_array(term) FROM (SELECT term FROM mention_conditions c WHERE c.mention_id = v.mention_id
      AND c.condition_type = 'requirement' ORDER BY term)) AS requirements,
    v.town_lat AS latitude,
    v.town_lon AS longitude,
    CASE
      WHEN v.duration GLOB 'P[0-9]*Y' AND substr(v.duration, 2, length(v.duration) - 2) NOT GLOB '*[^0-9]*' THEN 12 * CAST(substr(v.duration, 2, length(v.duration) - 2) AS INTEGER)
      WHEN v.duration GLOB 'P[0-9]*M' AND substr(v.duration, 2, length(v.duration) - 2) NOT GLOB '*[^0-9]*' THEN CAST(substr(v.duration, 2, length(v.duration) - 2) AS INTEGER)
      WHEN v.duration GLOB 'P[0-9]*Y[0-9]*M' AND substr(v.duration, 2, instr(v.duration, 'Y') - 2) NOT GLOB '*[^0-9]*'
        AND substr(v.duration, instr(v.duration, 'Y') + 1, length(v.duration) - instr(v.duration, 'Y') - 1) NOT GLOB '*[^0-9]*'
        THEN 12 * CAST(substr(v.duration, 2, instr(v.duration, 'Y') - 2) AS INTEGER) + CAST(substr(v.duration, instr(v.duration, 'Y') + 1, length(v.duration) - instr(v.duration, 'Y') - 1) AS INTEGER)
    END AS duration_months,
    CASE length(v.made_on) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END AS made_on_precision
  FROM (
    SELECT
      m.mention_id,
      m.release_id,
      m.ordinal,
      m.order_id,
      r.force_id,
      f.name AS force_name,
      r.published,
      r.url,
      m.kind,
      m.made_on,
      m.duration,
      m.age,
      m.sex,
      m.town,
      m.town_lat,
      m.town_lon,
      m.court,
      (SELECT group_concat(term, ', ') FROM (SELECT term FROM mention_conditions c WHERE c.mention_id = m.mention_id
        ORDER BY c.condition_type, c.term)) AS conditions
    FROM order_mentions m JOIN releases r ON r.release_id = m.release_id LEFT JOIN forces f ON f.force_id = r.force_id
  ) v
) w;

-- orders_flat without the source URLs (a release's address often names the person): what a redacted
-- Datasette (spo datasette-metadata --redact) lets people read.
CREATE VIEW orders_redacted AS
SELECT order_id, case_id, force_id, force_name, kind, order_date, made_on, duration, age, sex, town, town_lat, town_lon, court, conditions, mention_count, release_ids, first_published, first_seen_at, updated_at, prohibitions, requirements, latitude, longitude, duration_months, made_on_precision, ends_on, order_year
FROM orders_flat;
`,
  },
  {
    version: 12,
    name: 'crawl_pending: pages to fetch again, and pages not to request again, kept with what their page stores (issue 18)',
    sql: `
-- A force's pages a crawl could not finish: 'retry' ones (the fetch failed, the page did not read as an
-- article, or its release document could not be written) are fetched first thing by the next run, since
-- an incremental walk stops at known pages; 'refused' ones (cut off at the size cap) are not requested
-- again by incremental runs. Written in the transaction that stores the page, and deleted in the one
-- that finally stores it. Replaces crawl-state/<force>.pending.json (imported once, then removed).
CREATE TABLE crawl_pending (
  force_id    TEXT NOT NULL,
  url         TEXT NOT NULL,                       -- canonical URL
  listed_url  TEXT NOT NULL,                       -- the URL as listed: what is fetched
  title       TEXT NOT NULL DEFAULT '',            -- as listed
  published   TEXT,                                -- as listed
  state       TEXT NOT NULL CHECK (state IN ('retry', 'refused')),
  failures    INTEGER NOT NULL DEFAULT 0,          -- runs in which fetching or reading it failed (a site's fault)
  reason      TEXT,                                -- the last failure
  first_at    TEXT NOT NULL,
  last_at     TEXT NOT NULL,
  run_id      INTEGER,                             -- the run that last failed it
  PRIMARY KEY (force_id, url)
);
`,
  },
];

/** Bring the database schema up to the newest migration; each step is one transaction. */
export function migrate(db: Database.Database): number {
  // Several processes may open a fresh database at once: each step takes the write lock first
  // (IMMEDIATE) and re-reads what is applied under it, so no migration runs twice.
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  }).immediate();
  const applied = (): Set<number> =>
    new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  let count = 0;
  if (MIGRATIONS.every((m) => applied().has(m.version))) return 0;
  for (const m of MIGRATIONS) {
    db.transaction(() => {
      if (applied().has(m.version)) return;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      count++;
    }).immediate();
  }
  return count;
}
