// `spo search`: full-text search over release titles and text (SQLite FTS5, ranked by bm25).
import { basename } from 'node:path';
import { forceById } from '../domain/forces.ts';
import type { Store } from '../store/index.ts';

/** Marks around matched words in snippets (private-use characters: never in release text). */
export const HIT_START = '\uE000';
export const HIT_END = '\uE001';

export interface SearchHit {
  release_id: string;
  title: string | null;
  force_id: string | null;
  force_name: string | null;
  published: string | null;
  url: string | null;
  /** Text around the best match; matched words are wrapped in HIT_START ... HIT_END. */
  snippet: string;
  /** Higher is better (negated bm25, title matches weigh 5x). */
  score: number;
}

export type SearchMode = 'auto' | 'literal' | 'raw';

export interface SearchResult {
  hits: SearchHit[];
  /** The FTS5 query that ran. */
  query: string;
  /** Set when the query was not valid FTS5 syntax and was searched as plain words instead. */
  notice: string | null;
}

export class SearchSyntaxError extends Error {}

/** The largest query searched (words counted with operators; a person's query is far smaller). */
export const SEARCH_LIMITS = { words: 200, chars: 4000 } as const;

/** The query as plain words: each word quoted, so FTS5 operators and punctuation lose their meaning. */
export function literalQuery(query: string): string {
  return query
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `"${w.replace(/"/g, '""')}"`)
    .join(' ');
}

function cleanSnippet(s: string): string {
  return s
    .replace(/\*\*|__|`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|\s)#{1,6}\s/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function run(store: Store, fts: string, limit: number, force: string | null): SearchHit[] {
  const rows = store.report.search(fts, { limit, forceId: force, hitStart: HIT_START, hitEnd: HIT_END });
  return rows.map((r) => ({
    release_id: r.release_id,
    title: r.r_title ?? (r.t_title || null) ?? (r.document_path ? `(untitled: ${basename(r.document_path)})` : null),
    force_id: r.force_id,
    force_name: r.force_id ? (forceById(r.force_id)?.name ?? r.force_id) : null,
    published: r.published,
    url: r.url,
    snippet: cleanSnippet(r.snippet ?? ''),
    score: -r.rank,
  }));
}

const isFtsError = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'SqliteError' || /fts5|syntax|no such column|unterminated|unknown special query/i.test(e.message));

/**
 * Search release text. mode auto: FTS5 syntax (AND, OR, NOT, "phrases", prefix*, NEAR, title:word)
 * when the query is valid, else the words searched literally with a notice; literal: always the
 * words; raw: FTS5 syntax only, and an invalid query is a SearchSyntaxError.
 */
export function searchReleases(
  store: Store,
  query: string,
  opts: { limit?: number; mode?: SearchMode; force?: string | null } = {},
): SearchResult {
  const limit = opts.limit ?? 20;
  const mode = opts.mode ?? 'auto';
  const force = opts.force ?? null;
  const q = query.trim();
  if (!q) throw new SearchSyntaxError('the search query is empty');
  // FTS5 cost grows with every OR branch: 5,000 terms took over a minute on a national database.
  const words = q.split(/\s+/).length;
  if (words > SEARCH_LIMITS.words || q.length > SEARCH_LIMITS.chars) {
    throw new SearchSyntaxError(
      `search query is too long: ${words} words, ${q.length} characters (at most ${SEARCH_LIMITS.words} words and ${SEARCH_LIMITS.chars} characters)`,
    );
  }
  if (mode === 'literal') {
    const fts = literalQuery(q);
    return { hits: run(store, fts, limit, force), query: fts, notice: null };
  }
  try {
    return { hits: run(store, q, limit, force), query: q, notice: null };
  } catch (e) {
    if (!isFtsError(e)) throw e;
    const reason = (e as Error).message.replace(/^fts5:\s*/, '');
    if (mode === 'raw') {
      throw new SearchSyntaxError(
        `invalid search syntax (${reason}). Quote phrases with "double quotes", use AND/OR/NOT in capitals, or drop --raw to search the words as typed.`,
      );
    }
    const fts = literalQuery(q);
    return {
      hits: run(store, fts, limit, force),
      query: fts,
      notice: `note: "${q}" is not valid search syntax, so the words were searched as typed (use --raw to see the error).`,
    };
  }
}
