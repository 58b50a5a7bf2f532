// The cost of a nightly run with nothing new (issue 8): `npm run bench:nightly`.
//
// For each history size, three replica forces (SOH, Mynewsdesk and Lancashire sites) are backfilled
// by a real first crawl (`spo crawl`, politeness off), then the real `spo nightly` runs with its
// default politeness and nothing new on the sites. Its requests are counted on the replica, per force.
// Target: the same count for every history size, and at most robots.txt + 2 listing pages per force.
import { figure, judged, report, type Figure } from './lib.ts';
import { withReplica } from './replica.ts';
import { runSpo, runSpoOk } from './spo-child.ts';

const FORCES = (process.env.BENCH_NIGHTLY_FORCES ?? 'kent,metropolitan,lancashire').split(',');
const HISTORIES = (process.env.BENCH_NIGHTLY_HISTORIES ?? '1000,20000').split(',').map(Number);
const SPO_SHARE = 0.015;

interface NightlyCost {
  history: number;
  releases: Record<string, number>;
  backfill: { requests: number; seconds: number };
  exitCode: number | null;
  requests: Record<string, number>;
  paths: Record<string, string[]>;
  seconds: number;
}

async function nightlyCost(history: number): Promise<NightlyCost> {
  const spo = Math.round(history * SPO_SHARE);
  return withReplica({ forces: FORCES, ordinaryPerForce: history - spo, writtenSpoPerForce: spo }, async (rep, common) => {
    const backfill = await runSpoOk(['crawl', ...common, '--delay-ms', '0', '--concurrency', '16', '--max-pages', '100000']);
    const backfillRequests = (await rep.requests()).length;
    await rep.clear();
    const nightly = await runSpo(['nightly', ...common, '--json']); // default politeness
    const served = await rep.requests();
    const requests: Record<string, number> = {};
    const paths: Record<string, string[]> = {};
    for (const f of FORCES) {
      const mine = served.filter((r) => r.forceId === f);
      requests[f] = mine.length;
      paths[f] = mine.map((r) => r.path);
    }
    console.log(`nightly at ${history} releases per force: exit ${nightly.code}, ${FORCES.map((f) => `${f} ${requests[f]} (${paths[f]!.join(' ')})`).join('; ')}`);
    return {
      history, releases: rep.perForce, backfill: { requests: backfillRequests, seconds: (backfill.endedAt - backfill.startedAt) / 1000 },
      exitCode: nightly.code, requests, paths, seconds: (nightly.endedAt - nightly.startedAt) / 1000,
    };
  });
}

const t0 = performance.now();
const runs: NightlyCost[] = [];
for (const h of HISTORIES) runs.push(await nightlyCost(h));
const figures: Figure[] = [];
for (const r of runs) {
  const worst = Math.max(...Object.values(r.requests));
  figures.push(judged(`requests per force, history ${r.history.toLocaleString('en-GB')}`, worst, 'requests', '<=', 3, `robots.txt + listing pages; ${Object.entries(r.requests).map(([f, n]) => `${f} ${n}`).join(', ')}`));
}
const counts = runs.map((r) => JSON.stringify(r.requests));
const same = counts.every((c) => c === counts[0]);
figures.push({ metric: 'same count for every history size', value: same ? 1 : 0, unit: same ? 'yes' : 'no', target: 'yes', ok: same });
for (const r of runs) figures.push(figure(`nightly wall time, history ${r.history.toLocaleString('en-GB')}`, r.seconds, 's', `exit ${r.exitCode}, default politeness`));
report({
  id: 'nightly',
  title: `Nightly run with nothing new (${FORCES.join(', ')})`,
  figures,
  details: { forces: FORCES, runs },
  seconds: (performance.now() - t0) / 1000,
});
