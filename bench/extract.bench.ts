// Extraction throughput on one core: `npm run bench:extract`.
//
// At least 10,000 release documents from bench/corpus.ts (real corpus texts mixed with synthetic
// ordinary releases). Prints documents/s and MB/s for the whole mix and for SPO and non-SPO documents
// apart. Target (issue 8): >= 300 documents/s on one core.
import { extractRelease, toExtractedDocument } from '../src/extract/index.ts';
import { parseRelease } from '../src/release/index.ts';
import type { ReleaseDocument } from '../src/domain/types.ts';
import { benchTexts } from './corpus.ts';
import { figure, judged, mb, report } from './lib.ts';

const TOTAL = Number(process.env.BENCH_DOCS ?? 10_000);
const SPO_SHARE = Number(process.env.BENCH_SPO_SHARE ?? 0.2);

const texts = benchTexts(TOTAL, SPO_SHARE);
const docs: ReleaseDocument[] = texts.map((t) => parseRelease(t.text, t.name));
const realCount = texts.filter((t) => t.real).length;

// Warm-up: JIT, regex compilation and the gazetteer load (reported apart).
const w0 = performance.now();
for (const d of docs.slice(0, 200)) toExtractedDocument(extractRelease(d));
const warm = performance.now() - w0;

const acc = { spo: { n: 0, bytes: 0, ms: 0, orders: 0 }, other: { n: 0, bytes: 0, ms: 0, orders: 0 } };
const t0 = performance.now();
for (const d of docs) {
  const a = performance.now();
  const x = toExtractedDocument(extractRelease(d));
  const ms = performance.now() - a;
  const k = x.is_spo ? acc.spo : acc.other;
  k.n++;
  k.bytes += Buffer.byteLength(d.body, 'utf8');
  k.ms += ms;
  k.orders += x.orders.length;
}
const total = performance.now() - t0;
const bytes = acc.spo.bytes + acc.other.bytes;
const rate = (n: number, ms: number): number => (n * 1000) / ms;

console.log(`extraction: ${docs.length} documents, ${mb(bytes).toFixed(2)} MB (${realCount} real corpus texts, the rest synthetic), one core`);
console.log(`  warm-up (200 docs, incl. gazetteer load): ${warm.toFixed(0)} ms`);
console.log(`  SPO ${acc.spo.n} docs (${acc.spo.orders} orders), non-SPO ${acc.other.n} docs`);
report({
  id: 'extract',
  title: 'Extraction (one core)',
  figures: [
    judged('documents/s', rate(docs.length, total), 'docs/s', '>=', 300, `${docs.length} docs`),
    figure('MB/s', mb(bytes) / (total / 1000), 'MB/s'),
    figure('SPO documents/s', rate(acc.spo.n, acc.spo.ms), 'docs/s', `${acc.spo.n} docs`),
    figure('non-SPO documents/s', rate(acc.other.n, acc.other.ms), 'docs/s', `${acc.other.n} docs`),
  ],
  details: { documents: docs.length, bytes, real_texts: realCount, warmup_ms: Math.round(warm), spo: acc.spo, other: acc.other, total_ms: Math.round(total) },
});
