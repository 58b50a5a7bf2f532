// The archive backfill (issue 15): `npm run bench:backfill`.
//
// `spo backfill` (a child process, as a user runs it) against the Wayback replica holding two former
// URL schemes with a large history, first by default (URLs that say stalking or SPO), then `--all`
// (every article capture) into a fresh database, both with --delay-ms 0: what the tool itself costs
// per CDX row and per snapshot. The real archive is paced by politeness and its own answer time, not by
// the tool: the national estimate (on paper, printed with its assumptions) multiplies requests by
// `--delay-ms` (default 1500 ms) plus the archive's typical answer time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArchiveReplica } from '../src/replica/archive.ts';
import { openStore } from '../src/store/index.ts';
import { figure, judged, report } from './lib.ts';
import { runSpoOk } from './spo-child.ts';

const ORDINARY = Number(process.env.BENCH_BACKFILL_ORDINARY ?? 1500);
const t0 = performance.now();
const ar = await startArchiveReplica({ ordinaryPerSite: ORDINARY, writtenSpoPerSite: 30 });
const dir = mkdtempSync(join(tmpdir(), 'spo-bench-backfill-'));
try {
  const run = async (name: string, extra: string[]) => {
    ar.clearLog();
    const r = await runSpoOk(['backfill', '--force', 'kent', '--force', 'wiltshire', '--archive', ar.origin, '--delay-ms', '0', '--db', join(dir, `${name}.sqlite`), '--data-dir', join(dir, name), '--json', ...extra]);
    const s = JSON.parse(r.stdout) as { totals: { candidates: number; fetched: number; spoKept: number }; forces: { captures: number }[] };
    const cdx = ar.requests.filter((q) => q.kind === 'cdx').length;
    const snaps = ar.requests.filter((q) => q.kind === 'snapshot');
    const rows = s.forces.reduce((n, f) => n + f.captures, 0);
    // The snapshot phase: first snapshot request to the end of the process.
    const snapS = snaps.length ? (r.endedAt - snaps[0]!.at) / 1000 : 0;
    const store = openStore(join(dir, `${name}.sqlite`), { readonly: true });
    const kept = new Set(store.spoReleaseUrls());
    store.close();
    const truth = (name === 'all' ? ar.releases().filter((x) => x.kind === 'spo' && x.archived) : ar.spoReleases()).map((x) => (x.url.endsWith('/') ? x.url : `${x.url}/`));
    const hit = truth.filter((u) => kept.has(u)).length;
    const recall = hit / truth.length;
    const precision = kept.size ? hit / kept.size : 0;
    return { recall, precision, truth: truth.length, wallS: (r.endedAt - r.startedAt) / 1000, cdx, rows, snapshots: snaps.length, snapS, perSnapshotMs: snaps.length ? (snapS * 1000) / snaps.length : 0, kept: s.totals.spoKept, rss: r.peakRssMb };
  };
  const def = await run('default', []);
  const all = await run('all', ['--all']);
  const captures = ar.captureCount();
  console.log(`backfill: replica of ${captures} captures; default ${def.snapshots} snapshots in ${def.wallS.toFixed(1)} s, --all ${all.snapshots} snapshots in ${all.wallS.toFixed(1)} s (${all.perSnapshotMs.toFixed(0)} ms each)`);

  // On paper: the real archive, default politeness. Assumptions, stated in the README as well.
  const delayS = 1.5;
  const answerS = 2.0; // a raw snapshot from web.archive.org, typically 1-3 s
  const cdxAnswerS = 10; // a filtered CDX query over a force's host, typically a few seconds to tens
  const forces = 44;
  const hostsPerForce = 1.2;
  const articlesPerForce = 9000; // ~150 releases a month over five years
  const spoShare = def.snapshots / Math.max(1, all.snapshots); // URLs that say stalking/SPO among article captures (replica)
  const nationalDefault = forces * articlesPerForce * spoShare;
  const cdxRequests = forces * hostsPerForce;
  const hours = (snapshots: number, cdxReqs: number): number => (snapshots * (delayS + answerS) + cdxReqs * (delayS + cdxAnswerS)) / 3600;
  const defaultH = hours(nationalDefault, cdxRequests);
  const allH = hours(forces * articlesPerForce, forces * hostsPerForce * Math.ceil(articlesPerForce * 2 / 5000));
  console.log(`national (on paper): default ~${Math.round(nationalDefault)} snapshots, ${defaultH.toFixed(1)} h; --all ${forces * articlesPerForce} snapshots, ${(allH / 24).toFixed(1)} days`);

  report({
    id: 'backfill',
    title: `Archive backfill (Wayback replica, ${captures} captures of two former URL schemes, --delay-ms 0)`,
    figures: [
      judged('default: recall (SPO releases whose URL says so)', def.recall, '', '>=', 0.95, `${def.truth} in the archive`),
      judged('default: precision', def.precision, '', '>=', 0.9),
      figure('--all: recall (every archived SPO release)', all.recall, '', `${all.truth} in the archive`),
      figure('default: snapshots fetched', def.snapshots, '', `${def.cdx} CDX requests over ${def.rows} rows; ${def.kept} SPO releases kept`),
      figure('default: wall time', def.wallS, 's', 'process start to exit'),
      figure('--all: snapshots fetched', all.snapshots, '', `${all.cdx} CDX requests over ${all.rows} rows; ${all.kept} SPO releases kept`),
      figure('--all: tool time per snapshot', all.perSnapshotMs, 'ms', 'fetch + scrape + classify (+ extract and store for SPO pages), no politeness pause'),
      figure('--all: peak RSS', all.rss, 'MB'),
      figure('national default backfill (on paper)', defaultH, 'h', `~${Math.round(nationalDefault)} snapshots x (${delayS} s pause + ${answerS} s answer) + ${Math.round(cdxRequests)} CDX queries`),
      figure('national --all backfill (on paper)', allH / 24, 'days', `${forces * articlesPerForce} snapshots at the same rate`),
    ],
    details: { ordinary_per_site: ORDINARY, default: def, all, assumptions: { delayS, answerS, cdxAnswerS, forces, hostsPerForce, articlesPerForce, spoShare } },
    seconds: (performance.now() - t0) / 1000,
  });
} finally {
  await ar.stop();
  rmSync(dir, { recursive: true, force: true });
}
