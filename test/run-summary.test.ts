// The per-force run record in its two forms: ForceRunSummary in code, snake_case in the JSON outputs
// (spo nightly's summary), mapped once by forceRunJson.
import { describe, expect, it } from 'vitest';
import { emptyForceSummary, forceRunJson, FORCE_RUN_JSON_FIELDS } from '../src/domain/run.ts';

describe('forceRunJson', () => {
  it('writes every count of a ForceRunSummary under its snake_case key, and nothing else', () => {
    const f = { ...emptyForceSummary('kent'), ok: true, requests: 12, new: 2, changed: 1, unchanged: 3, gone: 1, seen: 40, errors: ['listing 2: 503'], durationMs: 4321, releaseIds: ['a'], strategy: 'soh' };
    expect(forceRunJson(f)).toEqual({ force_id: 'kent', ok: true, requests: 12, new: 2, changed: 1, unchanged: 3, gone: 1, seen: 40, errors: ['listing 2: 503'], duration_ms: 4321 });
    expect(Object.keys(forceRunJson(f))).toHaveLength(FORCE_RUN_JSON_FIELDS.length);
  });
});
