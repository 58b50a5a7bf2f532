// The pipeline's write queue: release documents are written several at a time yet stored in the
// order they were read, two releases never share a file name, and a source that hands over pages
// faster than they can be stored is asked to wait (so a slow disk slows a crawl, not fills memory).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchedPage } from '../src/domain/pages.ts';
import { KnownReleases } from '../src/pipeline/known.ts';
import { MAX_BACKLOG, PagePipeline } from '../src/pipeline/pages.ts';
import { parseRelease } from '../src/release/index.ts';
import { openStore } from '../src/store/index.ts';
import { REPO_ROOT, tempDir } from './helpers/paths.ts';

const SPO_PAGE = readFileSync(join(REPO_ROOT, 'scrapers/fixtures/soh/cheshire-spo-article.html'), 'utf8');
const page = (path: string): FetchedPage => {
  const url = `https://www.cheshire.police.uk/news/cheshire/news/articles/2024/2/${path}/`;
  return { forceId: 'cheshire', url, finalUrl: url, status: 200, headers: {}, html: SPO_PAGE, via: 'live', scraper: 'soh', listed: null };
};

function pipelineFor(dir: string): { pipeline: PagePipeline; logged: string[]; dataDir: string } {
  const store = openStore(join(dir, 'spo.sqlite'));
  const logged: string[] = [];
  const dataDir = join(dir, 'data');
  const pipeline = new PagePipeline(store, { forceId: 'cheshire', forceName: 'Cheshire Constabulary', known: KnownReleases.of(store, 'cheshire'), dataDir, runId: null, log: (l) => logged.push(l) });
  return { pipeline, logged, dataDir };
}

const documents = (dataDir: string): string[] => readdirSync(join(dataDir, 'releases', 'cheshire', '2024')).sort();

describe('the pipeline write queue', () => {
  it(`asks the source to wait once ${MAX_BACKLOG} pages are read and not stored, and stores every one in the order read`, async () => {
    const { pipeline, logged, dataDir } = pipelineFor(tempDir());
    const paths = Array.from({ length: 100 }, (_, i) => `spo-release-${String(i).padStart(3, '0')}`);
    const outcomes = paths.map((p) => pipeline.take(page(p)));
    expect(outcomes.every((o) => o.kind === 'accepted')).toBe(true);
    // Handed over in one go (no turn of the event loop between): nothing is stored yet.
    expect(outcomes.findIndex((o) => o.room !== undefined)).toBe(MAX_BACKLOG - 1);
    expect(outcomes.slice(MAX_BACKLOG - 1).every((o) => o.room !== undefined)).toBe(true);
    await outcomes.at(-1)!.room;
    await pipeline.drain();
    expect(pipeline.tally.new).toBe(100);
    expect(pipeline.tally.errors).toEqual([]);
    expect(documents(dataDir)).toEqual(paths.map((p) => `${p}.md`));
    expect(logged.map((l) => /articles\/2024\/2\/([^/]+)\//.exec(l)?.[1])).toEqual(paths);
  });

  it('gives two releases written at once that would share a file name a name each', async () => {
    const { pipeline, dataDir } = pipelineFor(tempDir());
    // Same last path segment, same year: the same slug.
    const a = page('one/same-name');
    const b = page('two/same-name');
    pipeline.take(a);
    pipeline.take(b);
    await pipeline.drain();
    const files = documents(dataDir);
    expect(files).toHaveLength(2);
    const urls = files.map((f) => parseRelease(readFileSync(join(dataDir, 'releases', 'cheshire', '2024', f), 'utf8'), f).url);
    expect(urls.sort()).toEqual([a.url, b.url].sort());
  });
});
