// `spo nightly` records the check verdict of every force in force health (issue 14): a healthy force
// is ok, a redesigned one is degraded (its scraper no longer matches; the generic strategy read it)
// with the reason, a walled one is broken. The summary says so, loudly, never just "0 new".
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../src/replica/index.ts';
import { EXIT, formatSummary, runNightly } from '../src/nightly/index.ts';
import { openStore } from '../src/store/index.ts';
import { tempDir } from './diff.helpers.ts';

const FORCES = ['kent', 'west-yorkshire', 'cumbria'];
let rep: Replica;
let dir: string;

beforeAll(async () => {
  rep = await startReplica({ forces: FORCES, ordinaryPerForce: 30 });
  dir = tempDir('spo-nightly-verdict-');
});
afterAll(async () => {
  await rep?.stop();
});

describe('spo nightly and force health', () => {
  it('records ok, degraded (with the reason) and broken, and prints them', async () => {
    rep.setVariant('kent', 'redesigned');
    rep.setVariant('cumbria', 'walled');
    const db = join(dir, 'spo.sqlite');
    const { exitCode, summary } = await runNightly({ db, dataDir: dir, forces: FORCES, origins: rep.origins, delayMs: 0, crawl: { maxRetries: 0, retryBaseMs: 20 } });
    expect(exitCode).toBe(EXIT.PARTIAL);
    const by = Object.fromEntries(summary.forces.map((f) => [f.force_id, f]));
    expect(by.kent).toMatchObject({ ok: true, strategy: 'generic', verdict: 'degraded' });
    expect(by.kent!.verdict_reason).toMatch(/the soh scraper no longer matches: .*no date.*; read by the generic strategy/);
    expect(by.kent!.new).toBe(rep.spoReleases('kent').length);
    expect(by['west-yorkshire']).toMatchObject({ ok: true, strategy: 'generic', verdict: 'ok' });
    expect(by.cumbria).toMatchObject({ ok: false, verdict: 'broken' });
    expect(by.cumbria!.verdict_reason).toMatch(/403/);
    expect(formatSummary(summary)).toMatch(/kent .*DEGRADED: the soh scraper no longer matches/);
    const store = openStore(db);
    try {
      const rows = Object.fromEntries(store.forces().map((f) => [f.force_id, f]));
      expect(rows.kent).toMatchObject({ check_verdict: 'degraded', strategy: 'generic' });
      expect(rows['west-yorkshire']).toMatchObject({ check_verdict: 'ok', detected_platform: 'none' });
      expect(rows.cumbria).toMatchObject({ check_verdict: 'broken' });
    } finally {
      store.close();
    }
  });
});
