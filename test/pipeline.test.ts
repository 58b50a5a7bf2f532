import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SEEDS, tempDir } from './helpers/paths.ts';

// Make extraction fail on one document, to prove the rest of an ingest batch goes on.
vi.mock('../src/extract/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/extract/index.ts')>();
  return {
    ...real,
    extractRelease: (doc: Parameters<typeof real.extractRelease>[0]) => {
      if (doc.id.startsWith('002_')) throw new Error('simulated extractor bug');
      return real.extractRelease(doc);
    },
  };
});

const { ingestPaths } = await import('../src/pipeline/index.ts');
const { openStore } = await import('../src/store/index.ts');

describe('pipeline', () => {
  it('a document extraction fails on is reported by name; the rest of the batch is stored', () => {
    const store = openStore(join(tempDir(), 'x.sqlite'));
    const { processed, errors } = ingestPaths(store, [SEEDS]);
    expect(processed.map((p) => p.id).sort()).toEqual(['000_a29348eabcdd0f55', '001_02bd68214d20268e', '003_b7934daad10ad773', '004_5e33f75d7b45c846']);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/002_c1dff9f53e99654e\.txt: extraction failed: simulated extractor bug$/)]);
    expect(store.counts().releases).toBe(4);
    store.close();
  });
});
