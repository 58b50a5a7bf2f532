// One run record for every command that fetches or reads releases (`spo crawl`, `spo nightly`,
// `spo demo`, `spo ingest`, later the archive backfill): the per-force summary has this one shape.

export const RUN_STATUSES = ['ok', 'partial', 'failed'] as const;
/** How a finished run went: every force ok, some, or none. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What one run did for one force: the requests its source made and what the pipeline stored. */
export interface ForceRunSummary {
  forceId: string;
  /** The source read the force to the end (a failed force's stored releases are kept all the same). */
  ok: boolean;
  requests: number;
  /** SPO releases by what storing them did. */
  new: number;
  changed: number;
  unchanged: number;
  gone: number;
  /** Ordinary (non-SPO) releases recorded as seen. */
  seen: number;
  /** First the reason the force failed (when it did), then the other errors (at most 100). */
  errors: string[];
  durationMs: number;
  /** Newest publication date the source listed. */
  newestPublished: string | null;
  /** SPO releases stored (new, changed or unchanged) in this run. */
  releaseIds: string[];
  /** How the force was read: its platform's scraper id, or `generic` (live sources). */
  strategy?: string;
  /** Why the generic strategy took over from the platform's scraper, else null. */
  fallbackReason?: string | null;
  /** Platform detection on a force listed as unknown: the platform seen (null: none known) and its signs. */
  detection?: { platform: string | null; signs: string[] } | null;
  /** Caps or the budget the source hit (page cap, size cap, wall-clock budget): the force is degraded, not ok. */
  warnings?: string[];
}

/** `durationMs` -> `duration_ms`: a key as the JSON outputs write it. */
type SnakeCase<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}` : S;

/** The counts of a ForceRunSummary that the JSON outputs (`spo nightly --json`, the stored run summary) carry. */
export const FORCE_RUN_JSON_FIELDS = ['forceId', 'ok', 'requests', 'new', 'changed', 'unchanged', 'gone', 'seen', 'errors', 'durationMs'] as const;

/**
 * A ForceRunSummary's counts as the JSON outputs write them, snake_case (`force_id`, `duration_ms`):
 * derived from ForceRunSummary, so a field renamed or retyped there changes here too.
 */
export type ForceRunJson = { [K in (typeof FORCE_RUN_JSON_FIELDS)[number] as SnakeCase<K>]: ForceRunSummary[K] };

/** The one mapping of a ForceRunSummary to its JSON form (see ForceRunJson). */
export function forceRunJson(f: ForceRunSummary): ForceRunJson {
  const out: Record<string, unknown> = {};
  for (const k of FORCE_RUN_JSON_FIELDS) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = f[k];
  return out as ForceRunJson;
}

/** How a force's reading went, as `spo check` says it: ok, degraded (read, but its scraper no longer matches) or broken. */
export type Verdict = 'ok' | 'degraded' | 'broken';

/** The verdict of a run for one force: broken when it failed, degraded when the generic strategy had to take over. */
export function runVerdict(r: Pick<ForceRunSummary, 'ok' | 'errors' | 'fallbackReason' | 'warnings'>): { verdict: Verdict; reason: string | null } {
  if (!r.ok) return { verdict: 'broken', reason: r.errors[0] ?? 'failed' };
  if (r.fallbackReason) return { verdict: 'degraded', reason: `${r.fallbackReason}; read by the generic strategy` };
  if (r.warnings?.length) return { verdict: 'degraded', reason: r.warnings[0]! };
  return { verdict: 'ok', reason: null };
}

/** How far a run has got with one force, as a progress display shows it. */
export interface ForceProgress {
  forceId: string;
  /** Requests made so far: robots.txt, listing pages, articles, sitemaps, feeds. */
  requests: number;
  /** Releases read: ordinary ones recorded as seen, and SPO releases stored. */
  releases: number;
  /** SPO releases stored (new, changed or unchanged). */
  spo: number;
  errors: number;
}

/**
 * What a run says while it works, one force at a time: the pipeline emits these, a reporter in the
 * CLI prints them (a live line and a heartbeat on a terminal, a line per finished force elsewhere).
 */
export type RunEvent =
  | { type: 'force-start'; forceId: string }
  | { type: 'force-progress'; progress: ForceProgress }
  | { type: 'force-done'; summary: ForceRunSummary };

export type RunEventSink = (event: RunEvent) => void;

/** A run's forces, in the order they were asked for. */
export interface RunResult {
  forces: ForceRunSummary[];
}

export function emptyForceSummary(forceId: string): ForceRunSummary {
  return { forceId, ok: false, requests: 0, new: 0, changed: 0, unchanged: 0, gone: 0, seen: 0, errors: [], durationMs: 0, newestPublished: null, releaseIds: [] };
}

/** ok when every force succeeded, failed when none did, partial otherwise. */
export function runStatus(forces: readonly Pick<ForceRunSummary, 'ok'>[]): RunStatus {
  const ok = forces.filter((f) => f.ok).length;
  return ok === forces.length ? 'ok' : ok === 0 ? 'failed' : 'partial';
}

/** Sums over the forces of a run, for the run's stored summary and the console. */
export function runTotals(forces: readonly ForceRunSummary[]): { forces: number; failed: number; requests: number; new: number; changed: number; unchanged: number; gone: number; seen: number; errors: number } {
  const t = { forces: forces.length, failed: 0, requests: 0, new: 0, changed: 0, unchanged: 0, gone: 0, seen: 0, errors: 0 };
  for (const f of forces) {
    if (!f.ok) t.failed++;
    t.requests += f.requests;
    t.new += f.new;
    t.changed += f.changed;
    t.unchanged += f.unchanged;
    t.gone += f.gone;
    t.seen += f.seen;
    t.errors += f.errors.length;
  }
  return t;
}
