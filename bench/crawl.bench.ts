// Crawl throughput and memory (issue 8): `npm run bench:crawl`.
//
// One replica origin (Kent, an SOH site) in its own process; politeness off (delay 0, 16 requests in
// flight). The whole pipeline is the real `spo crawl` in a child process: fetch, parse listing and
// article pages, classify, write release documents, ingest and extract the SPO ones, store the rest
// as seen. Beside it, in the same round and over exactly the URLs the pipeline fetched, with the same
// concurrency: Crawlee alone (HttpCrawler, the same HTTP client and request queue, a handler that only
// parses) and the bare loop (fetch + cheerio.load). All three run as a fresh process each
// (bench/crawl-floor.ts for the two comparisons) and are timed alike, from the first request the
// replica serves to the process's exit: none has a warmer JIT or fewer shutdown costs than another.
// They also run under the same V8 heap settings: every `spo` process bounds its heap's growth
// (src/cli/heap.ts; it is what keeps a crawl under its RSS cap), and the comparisons do the same. How
// Crawlee alone does with V8's own heap growth is reported beside, as is each process's CPU time.
// Then the same crawl at 20,000 pages for peak RSS: it must not grow with the page count.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, judged, report, type Figure } from './lib.ts';
import { withReplica, type ReplicaProcess, type ServedRequest } from './replica.ts';
import { runNode, runSpoOk } from './spo-child.ts';

const here = dirname(fileURLToPath(import.meta.url));
const CONCURRENCY = 16;
const FORCE = 'kent';
const SOH_PAGE = 10; // items per SOH listing page
/** Pages a first crawl of `releases` makes: robots.txt, the listing pages, every article. */
const pagesFor = (releases: number): number => 1 + Math.ceil(releases / SOH_PAGE) + releases;
/** Releases whose first crawl makes at least `pages` requests. */
const releasesFor = (pages: number): number => {
  let r = Math.floor(((pages - 1) * SOH_PAGE) / (SOH_PAGE + 1));
  while (pagesFor(r) < pages) r++;
  return r;
};

const SMALL = Number(process.env.BENCH_CRAWL_PAGES ?? 5_000);
/** Rounds of the small crawl (best of each figure kept). */
const ROUNDS = Number(process.env.BENCH_CRAWL_ROUNDS ?? 3);
const LARGE = Number(process.env.BENCH_CRAWL_PAGES_LARGE ?? 20_000);
/** Share of releases that are written SPO releases (about 1.5% on real sites; more here to load the write path). */
const SPO_SHARE = 0.05;

interface PipelineRun {
  pages: number;
  ok: boolean;
  seconds: number;
  pagesPerSec: number;
  peakRssMb: number;
  cpuSeconds: number;
  spoStored: number;
  served: ServedRequest[];
}

async function pipelineRun(pages: number): Promise<PipelineRun & { replicaBuildMs: number; releases: number; spo: number; baseline?: Baseline; floor?: Baseline; v8Floor?: Baseline }> {
  const releases = releasesFor(pages);
  const spo = Math.round(releases * SPO_SHARE);
  return withReplica({ forces: [FORCE], ordinaryPerForce: releases - spo, writtenSpoPerForce: spo }, async (rep, spoArgs) => {
    await warmUp(rep.listings[FORCE]!);
    // The small crawl is run ROUNDS times, each time beside Crawlee alone and the bare loop over the
    // same URLs, and each figure is its best round: a shared machine's load comes and goes, and the
    // ratios should compare the three at their best, not whichever ran during a spike.
    const rounds = pages === SMALL ? ROUNDS : 1;
    let best: (PipelineRun & { startupSeconds: number }) | null = null;
    let baseline: Baseline | undefined;
    let floor: Baseline | undefined;
    let v8Floor: Baseline | undefined;
    let peakRss = 0;
    for (let round = 0; round < rounds; round++) {
      await rep.clear();
      // A fresh database and data folder each round: every round is a first crawl.
      const args = spoArgs.map((a) => (a.endsWith('spo.sqlite') ? a.replace(/spo\.sqlite$/, `spo-${round}.sqlite`) : /[\\/]data$/.test(a) ? `${a}-${round}` : a));
      const run = await runSpoOk(['crawl', ...args, '--delay-ms', '0', '--concurrency', String(CONCURRENCY), '--max-pages', '100000', '--json']);
      const served = await rep.requests(FORCE);
      const result = JSON.parse(run.stdout) as { ok: boolean; new: number; seen: number; requests: number; errors: string[] }[];
      const first = Math.min(...served.map((s) => s.at));
      // From the first request the crawler sends to its exit: start-up (module loading) is not crawling,
      // the final writes and shutdown are.
      const seconds = (run.endedAt - first) / 1000;
      const out = {
        pages: served.length, ok: result[0]!.ok && result[0]!.errors.length === 0, seconds, pagesPerSec: served.length / seconds,
        peakRssMb: run.peakRssMb, cpuSeconds: run.cpuSeconds, spoStored: result[0]!.new, served, startupSeconds: (first - run.startedAt) / 1000,
      };
      if (!out.ok) console.warn(`warning: the crawl reported errors: ${result[0]!.errors.slice(0, 3).join('; ')}`);
      peakRss = Math.max(peakRss, out.peakRssMb);
      if (!best || out.pagesPerSec > best.pagesPerSec) best = out;
      if (pages === SMALL) {
        const urls = served.filter((x) => x.status === 200).map((x) => x.url);
        const b = await comparisonRun(rep, 'bare', urls, 'spo-heap');
        const f = await comparisonRun(rep, 'crawlee', urls, 'spo-heap');
        const v = await comparisonRun(rep, 'crawlee', urls, 'v8-heap');
        if (!baseline || b.pagesPerSec > baseline.pagesPerSec) baseline = b;
        if (!floor || f.pagesPerSec > floor.pagesPerSec) floor = f;
        if (!v8Floor || v.pagesPerSec > v8Floor.pagesPerSec) v8Floor = v;
        console.log(
          `  round ${round + 1}: pipeline ${out.pagesPerSec.toFixed(0)} pages/s (CPU ${out.cpuSeconds.toFixed(1)} s), Crawlee alone ${f.pagesPerSec.toFixed(0)} (CPU ${f.cpuSeconds.toFixed(1)} s), ` +
            `bare ${b.pagesPerSec.toFixed(0)} (CPU ${b.cpuSeconds.toFixed(1)} s), Crawlee alone with V8's heap ${v.pagesPerSec.toFixed(0)} (CPU ${v.cpuSeconds.toFixed(1)} s); load average ${loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
    const out = { ...best!, peakRssMb: peakRss, replicaBuildMs: rep.buildMs, releases: rep.releases, spo: rep.spo };
    if (baseline && floor && v8Floor) return { ...out, baseline, floor, v8Floor };
    return out;
  });
}

interface Baseline {
  pages: number;
  seconds: number;
  pagesPerSec: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/**
 * A comparison crawl of the same URLs at the same concurrency in its own process (bench/crawl-floor.ts),
 * timed as the pipeline is: from the first request the replica serves to the process's exit.
 */
async function comparisonRun(rep: ReplicaProcess, mode: 'crawlee' | 'bare', urls: string[], heap: 'spo-heap' | 'v8-heap'): Promise<Baseline> {
  const dir = mkdtempSync(join(tmpdir(), 'spo-bench-urls-'));
  try {
    const file = join(dir, 'urls.txt');
    writeFileSync(file, urls.join('\n') + '\n');
    await rep.clear();
    const run = await runNode(['--import', 'tsx', join(here, 'crawl-floor.ts'), mode, file, String(CONCURRENCY), heap]);
    if (run.code !== 0) throw new Error(`crawl-floor ${mode} exited ${run.code}: ${run.stderr.slice(-2000)}`);
    const served = await rep.requests(FORCE);
    if (served.length !== urls.length) throw new Error(`crawl-floor ${mode}: ${served.length} requests served for ${urls.length} URLs`);
    const seconds = (run.endedAt - Math.min(...served.map((x) => x.at))) / 1000;
    return { pages: urls.length, seconds, pagesPerSec: urls.length / seconds, cpuSeconds: run.cpuSeconds, peakRssMb: run.peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Let the replica's JIT warm up on listing pages before anything is timed. */
async function warmUp(listing: string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < 200) await (await fetch(`${listing}?page=${(next++ % 50) + 1}`)).text();
    }),
  );
}

const t0 = performance.now();
const small = await pipelineRun(SMALL);
const b = small.baseline!;
const ratio = small.pagesPerSec / b.pagesPerSec;
console.log(`crawl ${small.pages} pages (${small.releases} releases, ${small.spo} SPO; replica built in ${small.replicaBuildMs} ms): pipeline ${small.seconds.toFixed(1)} s, baseline ${b.seconds.toFixed(1)} s`);
const large = await pipelineRun(LARGE);
console.log(`crawl ${large.pages} pages (${large.releases} releases, ${large.spo} SPO): pipeline ${large.seconds.toFixed(1)} s, peak RSS ${large.peakRssMb.toFixed(0)} MB`);
const growth = large.peakRssMb / small.peakRssMb - 1;
const figures: Figure[] = [
  figure('pipeline pages/s', small.pagesPerSec, 'pages/s', `${small.pages} pages, ${small.spoStored} SPO releases written`),
  figure('baseline pages/s (fetch + cheerio.load)', b.pagesPerSec, 'pages/s', `${b.pages} pages`),
  judged(
    'pipeline / Crawlee alone',
    small.pagesPerSec / small.floor!.pagesPerSec,
    'x',
    '>=',
    0.9,
    `Crawlee alone: HttpCrawler, the same HTTP client and queue, handler = cheerio.load only, spo's heap settings: ${Math.round(small.floor!.pagesPerSec)} pages/s`,
  ),
  figure('CPU time, Crawlee alone / pipeline', small.floor!.cpuSeconds / small.cpuSeconds, 'x', `${small.floor!.cpuSeconds.toFixed(1)} s / ${small.cpuSeconds.toFixed(1)} s, start-up included`),
  figure(
    "pipeline / Crawlee alone with V8's heap",
    small.pagesPerSec / small.v8Floor!.pagesPerSec,
    'x',
    `Crawlee alone with V8's own heap growth: ${Math.round(small.v8Floor!.pagesPerSec)} pages/s, CPU ${small.v8Floor!.cpuSeconds.toFixed(1)} s, peak RSS ${Math.round(small.v8Floor!.peakRssMb)} MB`,
  ),
  figure('pipeline / baseline', ratio, 'x'),
  figure('Crawlee alone / baseline', small.floor!.pagesPerSec / b.pagesPerSec, 'x'),
  judged(`peak RSS at ${small.pages} pages`, small.peakRssMb, 'MB', '<=', 300),
  judged(`peak RSS at ${large.pages} pages`, large.peakRssMb, 'MB', '<=', 300),
  judged(`peak RSS growth ${small.pages} -> ${large.pages} pages`, growth * 100, '%', '<=', 15, 'flat: not growing with the page count'),
  figure(`pipeline pages/s at ${large.pages} pages`, large.pagesPerSec, 'pages/s'),
];
const strip = ({ served: _s, baseline: _b, floor: _f, v8Floor: _v, ...rest }: PipelineRun & { baseline?: Baseline; floor?: Baseline; v8Floor?: Baseline }): object => rest;
report({
  id: 'crawl',
  title: `Crawl (one replica origin, delay 0, concurrency ${CONCURRENCY})`,
  figures,
  details: { concurrency: CONCURRENCY, force: FORCE, spo_share: SPO_SHARE, small: strip(small), baseline: b, crawlee_floor: small.floor, crawlee_floor_v8_heap: small.v8Floor, large: strip(large) },
  seconds: (performance.now() - t0) / 1000,
});
