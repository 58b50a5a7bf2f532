// The extractor on the shared corpus (../shared/corpus), scored by the real scorer
// (../shared/eval/score.mjs): seeds micro-F1 1.000 with all 5 orders and no extra one; dev and dev2
// (20 real texts nobody wrote the rules against) together micro-F1 >= 0.95 with no order invented in a
// text that reports none; every output valid against the extracted-document schema, with no shape
// problems for the scorer.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractRelease, toExtractedDocument } from '../src/extract/index.ts';
import { readReleases } from '../src/release/index.ts';
import { validateExtractedDocument } from '../src/domain/validate.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(repoRoot, '../shared/corpus');
const scorer = resolve(repoRoot, '../shared/eval/score.mjs');

function extractFolder(name: string): string {
  const { releases, errors } = readReleases([join(corpus, name)]);
  expect(errors).toEqual([]);
  const lines: string[] = [];
  for (const doc of releases) {
    const x = extractRelease(doc);
    const out = toExtractedDocument(x);
    expect(validateExtractedDocument(out), doc.id).toBeNull();
    // Evidence quotes the body exactly at its span.
    for (const o of x.orders) {
      for (const e of o.evidence) expect(doc.body.slice(e.start, e.end)).toBe(e.sentence);
      expect(Object.keys(toExtractedDocument({ ...x, orders: [o] }).orders[0]!)).toEqual([
        'age', 'sex', 'town', 'court', 'kind', 'made_on', 'duration', 'prohibitions', 'requirements', 'confidence', 'needs_review',
      ]);
    }
    lines.push(JSON.stringify(out));
  }
  return `${lines.join('\n')}\n`;
}

function score(names: string[]): { f1: number; found: number; total: number; extra: number; report: string } {
  const dir = mkdtempSync(join(tmpdir(), 'spo-extract-'));
  const pred = join(dir, 'pred.ndjson');
  const gold = join(dir, 'gold.json');
  writeFileSync(pred, names.map(extractFolder).join(''));
  writeFileSync(gold, JSON.stringify(names.flatMap((n) => JSON.parse(readFileSync(join(corpus, `${n}.gold.json`), 'utf8')) as unknown[])));
  const report = execFileSync(process.execPath, [scorer, gold, pred, '--verbose'], { encoding: 'utf8' });
  const f1 = /micro-F1 ([\d.]+)/.exec(report);
  const orders = /orders found: (\d+)\/(\d+), extra (\d+)/.exec(report);
  expect(f1, report).not.toBeNull();
  expect(orders, report).not.toBeNull();
  expect(report, 'the scorer finds no shape problems').not.toContain('shape problems');
  return { f1: Number(f1![1]), found: Number(orders![1]), total: Number(orders![2]), extra: Number(orders![3]), report };
}

/** Ids of the gold documents that report no order. */
function orderFree(name: string): string[] {
  const gold = JSON.parse(readFileSync(join(corpus, `${name}.gold.json`), 'utf8')) as Array<{ id: string; orders: unknown[] }>;
  return gold.filter((d) => d.orders.length === 0).map((d) => d.id);
}

describe('extraction on the shared corpus', () => {
  it('finds the corpus and the scorer beside the repository', () => {
    expect(existsSync(join(corpus, 'seeds')), corpus).toBe(true);
    expect(existsSync(scorer), scorer).toBe(true);
  });

  it('seeds: micro-F1 1.000, orders 5/5, no extra order', () => {
    const s = score(['seeds']);
    expect(s.f1, s.report).toBe(1);
    expect(s.found, s.report).toBe(5);
    expect(s.total, s.report).toBe(5);
    expect(s.extra, s.report).toBe(0);
  });

  it('dev and dev2 together: micro-F1 >= 0.95, every order found, none extra', () => {
    const s = score(['dev', 'dev2']);
    expect(s.f1, s.report).toBeGreaterThanOrEqual(0.95);
    expect(s.found, s.report).toBe(s.total);
    expect(s.extra, s.report).toBe(0);
  });

  it('dev2 alone: micro-F1 >= 0.95', () => {
    const s = score(['dev2']);
    expect(s.f1, s.report).toBeGreaterThanOrEqual(0.95);
  });

  it('no order invented in a text that reports none (statistics, FOI, explainers, other orders)', () => {
    for (const name of ['dev', 'dev2']) {
      const free = new Set(orderFree(name));
      expect(free.size).toBeGreaterThan(0);
      const { releases } = readReleases([join(corpus, name)]);
      for (const doc of releases.filter((d) => free.has(d.id))) expect(extractRelease(doc).orders, doc.id).toEqual([]);
    }
  });
});
