// Ingest throughput into SQLite: `npx tsx bench/ingest.bench.ts`.
//
// For each size (10,000 and 100,000 release documents by default), writes that many release
// documents from bench/corpus.ts as real files into a temp folder, each one a distinct release (its
// own url and title in the front matter: the corpus texts repeat), then ingests the folder through
// the public path `spo ingest` uses (ingestEach from src/pipeline, the streaming form of ingestPaths,
// with a run like the command) into a SQLite file on disk. Only the ingest is timed; writing the
// files is reported apart.
//
// Each size runs in a fresh child process (this script, re-invoked with BENCH_INGEST_CHILD set), so the
// peak RSS of one size is not polluted by another or by generating the files (done in the parent).
// Reports documents/s, seconds, the database size (main file + WAL, after a checkpoint) per 1,000
// releases, and the peak RSS of the ingest process. Fails loudly when the database does not hold
// exactly one release per document.
//
//   BENCH_INGEST_SIZES=10000,100000   sizes to run (comma-separated)
//   BENCH_INGEST_SPO_SHARE=0.05       share of real corpus texts (SPO and near-miss) in the mix
//
// Why 5% real texts and not the 20% of the extraction bench: the corpus has 17 real texts, so every
// real document is a copy of one of them, reporting the same orders. At 20% of 100,000 that is ~1,200
// releases reporting each order; resolveOrders then compares them all and links every pair it cannot
// merge (2 million candidate links, 430 MB of the database and 70 s of the ingest), which measures that
// artefact, not ingest. 5% keeps ~300 copies a text at 100,000 and still exercises the order matching.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tuneHeap } from '../src/cli/heap.ts';
import { benchTexts, distinctRelease } from './corpus.ts';
import { figure, machine, mb, report, type Figure } from './lib.ts';

const SIZES = (process.env.BENCH_INGEST_SIZES ?? '10000,100000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const SPO_SHARE = Number(process.env.BENCH_INGEST_SPO_SHARE ?? 0.05);

/** What a child reports back to the parent (as JSON in a file). */
interface ChildResult {
  documents: number;
  ingest_ms: number;
  docs_per_s: number;
  db_bytes: number;
  db_main_bytes: number;
  wal_bytes: number;
  peak_rss_kib: number;
  /** Peak RSS once the modules are loaded and the database is open, before ingesting. */
  baseline_rss_kib: number;
  counts: Record<string, number>;
  events: Record<string, number>;
  errors: number;
  /** Documents per transaction (INGEST_BATCH_SIZE of src/pipeline). */
  batch_size: number;
}

// ---- generating the documents (parent) ---------------------------------------------------------

function generate(dir: string, total: number): { ms: number; bytes: number; real: number } {
  const t0 = performance.now();
  let bytes = 0;
  let real = 0;
  const texts = benchTexts(total, SPO_SHARE);
  texts.forEach((t, i) => {
    const text = distinctRelease(t.text, i);
    // benchTexts names end in the corpus file name (.txt or .md): both are read from a folder.
    writeFileSync(join(dir, t.name), text);
    bytes += Buffer.byteLength(text);
    if (t.real) real++;
  });
  return { ms: performance.now() - t0, bytes, real };
}

// ---- one size (child) --------------------------------------------------------------------------

async function child(): Promise<void> {
  // The heap setting bin/spo.js gives every `spo` command, so the peak RSS is that of `spo ingest`.
  tuneHeap();
  const docsDir = process.env.BENCH_INGEST_DOCS!;
  const dbPath = process.env.BENCH_INGEST_DB!;
  const expected = Number(process.env.BENCH_INGEST_EXPECT);
  const { openStore } = await import('../src/store/index.ts');
  const { INGEST_BATCH_SIZE, ingestEach } = await import('../src/pipeline/index.ts');
  // Loaded before the baseline is taken, as `spo ingest` loads it before reading any file.
  await import('../src/extract/index.ts');
  const store = openStore(dbPath);
  const baseline = process.resourceUsage().maxRSS;

  // What `spo ingest DIR` does (src/cli/commands/ingest.ts): a run, the batched ingest tallying each
  // stored release, the run closed.
  const t0 = performance.now();
  const runId = store.startRun('ingest');
  const events: Record<string, number> = {};
  let processed = 0;
  const { errors } = ingestEach(store, [docsDir], (p) => {
    processed++;
    events[p.event] = (events[p.event] ?? 0) + 1;
  }, { runId, source: 'ingest' });
  store.finishRun(runId, errors.length ? 'partial' : 'ok', { ...events, errors: errors.length, files: processed + errors.length });
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS;

  const counts = store.counts();
  store.checkpoint();
  store.close();
  const size = (p: string): number => (existsSync(p) ? statSync(p).size : 0);
  const main = size(dbPath);
  const wal = size(`${dbPath}-wal`);

  const problems: string[] = [];
  if (errors.length) problems.push(`${errors.length} file(s) failed, first: ${errors[0]!.message}`);
  if (processed !== expected) problems.push(`${processed} documents processed, expected ${expected}`);
  if (counts.releases !== expected) problems.push(`${counts.releases} releases in the database, expected ${expected} (documents deduplicated?)`);
  if (counts.revisions !== expected) problems.push(`${counts.revisions} revisions in the database, expected ${expected}`);
  if ((events.new ?? 0) !== expected) problems.push(`${events.new ?? 0} new releases, expected ${expected}: ${JSON.stringify(events)}`);
  if (problems.length) {
    console.error(`ingest bench (${expected} documents) FAILED:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const result: ChildResult = {
    documents: expected,
    ingest_ms: Math.round(ms),
    docs_per_s: (expected * 1000) / ms,
    db_bytes: main + wal,
    db_main_bytes: main,
    wal_bytes: wal,
    peak_rss_kib: peak,
    baseline_rss_kib: baseline,
    counts,
    events,
    errors: errors.length,
    batch_size: INGEST_BATCH_SIZE,
  };
  writeFileSync(process.env.BENCH_INGEST_RESULT!, JSON.stringify(result));
}

// ---- all sizes (parent) ------------------------------------------------------------------------

function parent(): void {
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'spo-bench-ingest-'));
  const runs: (ChildResult & { generate_ms: number; child_ms: number; cleanup_ms: number; generated_bytes: number; real_texts: number })[] = [];
  try {
    for (const total of SIZES) {
      const docsDir = join(root, `docs-${total}`);
      mkdirSync(docsDir);
      const gen = generate(docsDir, total);
      const dbPath = join(root, `ingest-${total}.sqlite`);
      const resultPath = join(root, `result-${total}.json`);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        BENCH_INGEST_CHILD: '1',
        BENCH_INGEST_DOCS: docsDir,
        BENCH_INGEST_DB: dbPath,
        BENCH_INGEST_EXPECT: String(total),
        BENCH_INGEST_RESULT: resultPath,
      };
      delete env.BENCH_OUT; // the parent reports; the child only hands its figures back
      const c0 = performance.now();
      const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0 || !existsSync(resultPath)) {
        throw new Error(`ingest of ${total} documents failed (child exit ${r.status ?? r.signal})`);
      }
      const childMs = performance.now() - c0;
      const res = JSON.parse(readFileSync(resultPath, 'utf8')) as ChildResult;
      const r0 = performance.now();
      rmSync(docsDir, { recursive: true, force: true });
      rmSync(dbPath, { force: true });
      const cleanMs = performance.now() - r0;
      runs.push({ ...res, generate_ms: Math.round(gen.ms), child_ms: Math.round(childMs), cleanup_ms: Math.round(cleanMs), generated_bytes: gen.bytes, real_texts: gen.real });
      console.log(
        `ingest ${total.toLocaleString('en-GB')} documents (${gen.real} real corpus texts, ${mb(gen.bytes).toFixed(1)} MB; files written in ${(gen.ms / 1000).toFixed(1)} s): ` +
          `${(res.ingest_ms / 1000).toFixed(1)} s, ${Math.round(res.docs_per_s)} docs/s, DB ${mb(res.db_bytes).toFixed(1)} MB, ` +
          `peak RSS ${(res.peak_rss_kib / 1024).toFixed(0)} MiB (${(res.baseline_rss_kib / 1024).toFixed(0)} MiB before ingesting); ` +
          `${res.counts.releases} releases, ${res.counts.mentions} mentions, ${res.counts.orders} orders ` +
          `(child process ${(childMs / 1000).toFixed(1)} s, clean-up ${(cleanMs / 1000).toFixed(1)} s)`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }

  const label = (n: number): string => (n % 1000 === 0 ? `${n / 1000}k` : String(n));
  const figures: Figure[] = [];
  for (const r of runs) {
    const k = label(r.documents);
    figures.push(
      figure(`ingest documents/s (${k})`, r.docs_per_s, 'docs/s', `${r.documents} docs into SQLite on disk`),
      figure(`ingest seconds (${k})`, r.ingest_ms / 1000, 's'),
      figure(`DB size per 1,000 releases (${k})`, mb(r.db_bytes) / (r.documents / 1000), 'MB', `${mb(r.db_bytes).toFixed(1)} MB in all`),
      figure(`peak RSS (${k})`, r.peak_rss_kib / 1024, 'MiB', `${(r.baseline_rss_kib / 1024).toFixed(0)} MiB before ingesting`),
    );
  }
  report({
    id: 'ingest',
    title: 'Ingest into SQLite (spo ingest path)',
    figures,
    details: { spo_share: SPO_SHARE, sizes: SIZES, runs, machine: machine() },
    seconds: Math.round((performance.now() - started) / 100) / 10,
  });
}

if (process.env.BENCH_INGEST_CHILD) await child();
else parent();
