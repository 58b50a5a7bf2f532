// A copy of the database to publish (`spo export sqlite`): the whole file as it is, and, redacted, the
// same copy with every text that can carry a person's name or street rewritten (release titles, URLs
// and text, evidence and claim sentences), the history and bookkeeping that keep the original wording
// emptied, and both full-text indexes rebuilt from the redacted text, then vacuumed, so no old page
// keeps what was removed. The caller (src/report/publish.ts) decides what the redacted text is.
import type { Store } from '../index.ts';

/** The run record a redacted copy carries, by which datasette-metadata --redact knows it. */
export const REDACTED_COPY_COMMAND = 'export sqlite --redact';

/** How a redacted copy rewrites text: both functions get the release the text belongs to. */
export interface Redaction {
  text(releaseId: string, text: string): string;
  url(releaseId: string, url: string): string | null;
}

/** Write a consistent copy of the database to `path` (which must not exist): SQLite's VACUUM INTO. */
export function copyDatabase(store: Store, path: string): void {
  store.db.prepare('VACUUM INTO ?').run(path);
}

/** Rewrite, in place, every text of a copy that may name a person (see the top of this file). */
export function redactCopy(copy: Store, r: Redaction): void {
  const db = copy.db;
  // Overwritten values are zeroed on disk, not left in free pages.
  db.pragma('secure_delete = ON');
  copy.transaction(() => {
    const releases = db.prepare('SELECT rowid, release_id, title, url FROM releases').all() as { rowid: number; release_id: string; title: string | null; url: string | null }[];
    const setRelease = db.prepare('UPDATE releases SET title = ?, url = ?, document_path = NULL WHERE rowid = ?');
    for (const x of releases) setRelease.run(x.title === null ? null : r.text(x.release_id, x.title), x.url === null ? null : r.url(x.release_id, x.url), x.rowid);

    const texts = db.prepare('SELECT x.release_id, t.rowid AS text_rowid, t.title, t.body FROM release_text_rows x JOIN release_text t ON t.rowid = x.text_rowid').all() as {
      release_id: string;
      text_rowid: number;
      title: string | null;
      body: string | null;
    }[];
    const setText = db.prepare('UPDATE release_text SET title = ?, body = ? WHERE rowid = ?');
    const redacted = new Map<string, { title: string; body: string }>();
    for (const t of texts) {
      const v = { title: t.title ? r.text(t.release_id, t.title) : '', body: t.body ? r.text(t.release_id, t.body) : '' };
      redacted.set(t.release_id, v);
      setText.run(v.title, v.body, t.text_rowid);
    }
    // Texts no release points at any more (earlier rows of the index) go.
    db.prepare('DELETE FROM release_text WHERE rowid NOT IN (SELECT text_rowid FROM release_text_rows)').run();

    // releases_fts (external content, what Datasette and sqlite-utils search): emptied, then filled with the redacted text.
    db.prepare("INSERT INTO releases_fts (releases_fts) VALUES ('delete-all')").run();
    const addFts = db.prepare('INSERT INTO releases_fts (rowid, title, body) SELECT rowid, ?, ? FROM releases WHERE release_id = ?');
    for (const [id, v] of redacted) addFts.run(v.title, v.body, id);

    const evidence = db.prepare('SELECT evidence_id, release_id, value, sentence FROM evidence').all() as { evidence_id: number; release_id: string; value: string | null; sentence: string }[];
    const setEvidence = db.prepare('UPDATE evidence SET value = ?, sentence = ? WHERE evidence_id = ?');
    for (const e of evidence) setEvidence.run(e.value === null ? null : r.text(e.release_id, e.value), r.text(e.release_id, e.sentence), e.evidence_id);

    const claims = db.prepare('SELECT claim_id, release_id, sentence FROM claims').all() as { claim_id: number; release_id: string; sentence: string | null }[];
    const setClaim = db.prepare('UPDATE claims SET sentence = ? WHERE claim_id = ?');
    for (const c of claims) setClaim.run(c.sentence === null ? null : r.text(c.release_id, c.sentence), c.claim_id);

    // The wording kept for history and bookkeeping: every revision's text and front matter, archived
    // copies' URLs, people's notes on their corrections, error messages (which quote URLs).
    db.prepare("UPDATE release_revisions SET front_matter = '{}', body = '', archived_url = NULL").run();
    db.prepare('DELETE FROM archive_captures').run();
    db.prepare('UPDATE order_corrections SET note = NULL').run();
    db.prepare('UPDATE crawl_runs SET summary = NULL').run();
    db.prepare('UPDATE crawl_run_forces SET error_message = NULL').run();
    db.prepare('UPDATE forces SET last_error = NULL, check_reason = NULL, strategy_reason = NULL').run();

    // FTS5 keeps deleted terms in older segments until they are merged: merge everything into one.
    db.prepare("INSERT INTO release_text (release_text) VALUES ('optimize')").run();
    db.prepare("INSERT INTO releases_fts (releases_fts) VALUES ('optimize')").run();
  });
  const run = copy.startRun(REDACTED_COPY_COMMAND);
  copy.finishRun(run, 'ok', { redacted: true });
  // One self-contained file (no -wal beside it), with no free page left holding removed text.
  db.pragma('journal_mode = DELETE');
  db.exec('VACUUM');
}

/** Whether a database is a redacted copy made by redactCopy. */
export function isRedactedCopy(store: Store): boolean {
  return store.db.prepare("SELECT 1 FROM crawl_runs WHERE command = ? AND status = 'ok' LIMIT 1").get(REDACTED_COPY_COMMAND) !== undefined;
}
