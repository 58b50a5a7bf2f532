// Claims on the shared corpus, scored by the real scorer's "claims:" line: dev2's gold carries claims
// for each of its 20 texts (the target is F1 >= 0.90), and every claim's evidence quotes the body.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractRelease, toExtractedDocument } from '../src/extract/index.ts';
import { readReleases } from '../src/release/index.ts';
import { validateExtractedDocument } from '../src/domain/validate.ts';
import { CORPUS, SCORER, tempDir } from './helpers/paths.ts';

describe('claims on dev2, by the shared scorer', () => {
  it('F1 >= 0.90, every claim valid and quoted exactly', () => {
    const { releases, errors } = readReleases([join(CORPUS, 'dev2')]);
    expect(errors).toEqual([]);
    expect(releases).toHaveLength(20);
    const lines: string[] = [];
    for (const doc of releases) {
      const x = extractRelease(doc);
      for (const c of x.claims ?? []) expect(doc.body.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.sentence);
      const out = toExtractedDocument(x);
      expect(validateExtractedDocument(out), doc.id).toBeNull();
      lines.push(JSON.stringify(out));
    }
    const pred = join(tempDir('spo-claims-'), 'dev2.ndjson');
    writeFileSync(pred, `${lines.join('\n')}\n`);
    const report = execFileSync(process.execPath, [SCORER, join(CORPUS, 'dev2.gold.json'), pred, '--verbose'], { encoding: 'utf8' });
    const m = /claims: tp (\d+) fp (\d+) fn (\d+) {2}\(P ([\d.]+) R ([\d.]+) F1 ([\d.]+)/.exec(report);
    expect(m, report).not.toBeNull();
    expect(Number(m![6]), report).toBeGreaterThanOrEqual(0.9);
  });
});
