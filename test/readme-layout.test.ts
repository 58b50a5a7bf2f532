// The README's layout tree matches the repository: every folder it names exists where it says, and
// every folder of the project (top level, src/, scrapers/) is in it, so a new stage or a moved folder
// cannot leave the map stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.ts';


/** The folders the layout tree lists, as paths from the repository root (`src/crawl`, `scrapers/lib`, `bench`). */
function listedFolders(readme: string): string[] {
  const section = readme.slice(readme.indexOf('\n## Layout'));
  const block = section.match(/```\n([\s\S]*?)\n```/)?.[1];
  if (!block) throw new Error('README.md: no tree block in the Layout section');
  const out: string[] = [];
  let parent = '';
  for (const line of block.split('\n')) {
    const m = line.match(/^( *)([a-z][a-z0-9-]*)\//);
    if (!m) continue;
    if (m[1]!.length === 0) {
      parent = m[2]!;
      out.push(parent);
    } else out.push(`${parent}/${m[2]}`);
  }
  return out;
}

/** The project's folders (those git tracks files in, not dependencies, caches or run output) directly under `dir`. */
function foldersIn(dir: string): string[] {
  const files = execFileSync('git', ['ls-files', '--', dir || '.'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  const depth = dir ? dir.split('/').length : 0;
  const out = new Set<string>();
  for (const f of files) {
    const parts = f.split('/');
    if (parts.length > depth + 1 && !parts[depth]!.startsWith('.')) out.add(parts.slice(0, depth + 1).join('/'));
  }
  return [...out];
}

describe('README layout', () => {
  const listed = listedFolders(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));

  it('names only folders that exist', () => {
    expect(listed.length).toBeGreaterThan(20);
    for (const f of listed) expect(existsSync(join(REPO_ROOT, f)), `README.md Layout names ${f}/, which does not exist`).toBe(true);
  });

  it('names every folder at the top, in src/ and in scrapers/', () => {
    for (const f of [...foldersIn(''), ...foldersIn('src'), ...foldersIn('scrapers')]) expect(listed, `${f}/ is missing from the README's Layout`).toContain(f);
  });
});
