// The claims export rows: every figure the releases state, with its release and evidence (columns of
// schemas/export-claim.schema.json).
import { forceById } from '../domain/forces.ts';
import { exportedReleaseId } from '../domain/ids.ts';
import type { Store } from '../store/index.ts';
import { orderRow, type Row } from './columns.ts';
import { periodEnd } from './coverage.ts';
import { onOrAfter, type RowFilter } from './rows.ts';

/** Claims by release publication date; --force keeps one force's figures, --since the figures dated on or after. */
export function claimRows(store: Store, filter: RowFilter = {}): Row[] {
  const out: Row[] = [];
  for (const c of store.claims.all()) {
    if (filter.force && c.force_id !== filter.force) continue;
    // A figure for a year or month reaches to its end ("2021" is on or after 2021-06-01).
    if (filter.since && !onOrAfter(c.as_of ? periodEnd(c.as_of) : c.published, filter.since)) continue;
    out.push(
      orderRow('claims', {
        release_id: exportedReleaseId(c.release_id),
        ordinal: c.ordinal,
        force_id: c.force_id,
        force_name: c.force_id ? (forceById(c.force_id)?.name ?? null) : null,
        measure: c.measure,
        count: c.count,
        as_of: c.as_of,
        as_of_source: c.as_of_source,
        published: c.published,
        url: c.url,
        evidence_sentence: c.sentence,
        evidence_start: c.char_start,
        evidence_end: c.char_end,
      }),
    );
  }
  return out;
}
