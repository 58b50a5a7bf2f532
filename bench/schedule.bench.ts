// Schedule efficiency (issue 8): `npm run bench:schedule`.
//
// Ten replica origins crawled at once with the default politeness (one request at a time per origin,
// 1 s between them). The ideal is the busiest origin's request count x the delay: what a perfect
// scheduler needs when every origin is crawled in parallel. The crawl's wall time (first request to
// the end of the process) over that ideal should stay <= 1.2.
import { ALL_FORCE_IDS } from '../src/replica/index.ts';
import { figure, judged, report } from './lib.ts';
import { withReplica } from './replica.ts';
import { runSpoOk } from './spo-child.ts';

const ORIGINS = 10;
const DELAY_MS = 1000;
// SOH, Mynewsdesk and Lancashire sites among the ten.
const forces = [...ALL_FORCE_IDS.filter((f) => f === 'metropolitan' || f === 'lancashire'), ...ALL_FORCE_IDS.filter((f) => f !== 'metropolitan' && f !== 'lancashire')].slice(0, ORIGINS);
const t0 = performance.now();
await withReplica({ forces, ordinaryPerForce: Number(process.env.BENCH_SCHEDULE_ORDINARY ?? 14), writtenSpoPerForce: 1 }, async (rep, spoArgs) => {
  const run = await runSpoOk(['crawl', ...spoArgs, '--json']); // default politeness: --delay-ms 1000, --concurrency 1
  const served = await rep.requests();
  const perOrigin = new Map<string, number>();
  for (const r of served) perOrigin.set(r.forceId, (perOrigin.get(r.forceId) ?? 0) + 1);
  const busiest = Math.max(...perOrigin.values());
  const first = Math.min(...served.map((r) => r.at));
  const last = Math.max(...served.map((r) => r.at));
  const wallS = (run.endedAt - first) / 1000;
  const idealS = (busiest * DELAY_MS) / 1000;
  console.log(`schedule: ${forces.length} origins, ${served.length} requests, busiest origin ${busiest} requests; crawl ${wallS.toFixed(1)} s (requests span ${((last - first) / 1000).toFixed(1)} s), ideal ${idealS.toFixed(1)} s`);
  report({
    id: 'schedule',
    title: `Schedule efficiency (${forces.length} origins, default politeness: 1 request at a time, ${DELAY_MS} ms apart)`,
    figures: [
      figure('crawl wall time', wallS, 's', `first request to exit; ${served.length} requests`),
      figure('ideal (busiest origin x delay)', idealS, 's', `${busiest} requests on the busiest origin`),
      judged('wall / ideal', wallS / idealS, 'x', '<=', 1.2),
      figure('peak RSS of the crawl', run.peakRssMb, 'MB', `${forces.length} forces crawled at once`),
    ],
    details: { forces, delay_ms: DELAY_MS, requests_per_origin: Object.fromEntries(perOrigin), startup_s: (first - run.startedAt) / 1000, request_span_s: (last - first) / 1000 },
    seconds: (performance.now() - t0) / 1000,
  });
});
