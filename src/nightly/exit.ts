/** Exit codes of `spo nightly` (documented in docs/nightly.md); apart from ./index.ts so `spo --help` can show them without loading the run. */
export const EXIT = {
  /** Every force crawled and everything saved. */
  OK: 0,
  /** An unexpected error (bad option, unreadable database): nothing was changed by this run. */
  ERROR: 1,
  /** Some forces failed; the others were processed and saved. */
  PARTIAL: 3,
  /** Nothing could run: every force failed, or the crawl could not start. */
  NOTHING: 4,
  /** Another nightly run holds the lock: this one did nothing. */
  LOCKED: 5,
} as const;
