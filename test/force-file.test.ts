// The force file (issue 14): overrides of the force table without code, validated with errors naming the
// file, the force and the field; used by `spo forces`, `spo crawl` and `spo check`.
import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyForceFile, defaultForceFile, loadForceFile, loadForceSites, forceSite, isCrawlable, strategyOf } from '../scrapers/index.ts';
import { spo } from './helpers/cli.ts';
import { tempDir } from './helpers/paths.ts';

const dir = tempDir('spo-force-file-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('force file', () => {
  it('changes origin, listing, feed, platform and strategy, and adds former hosts (YAML)', () => {
    const p = file('forces.yaml', `forces:
  west-yorkshire:
    origin: https://www.westyorkshire.police.uk
    listing: /news-and-appeals
    feed: /rss.xml
    formerHosts: [www.wypolice.uk]
  cumbria:
    platform: soh
    sohSlug: cumbria
  kent:
    strategy: generic
`);
    const sites = applyForceFile(loadForceFile(p));
    const wy = sites.find((s) => s.id === 'west-yorkshire')!;
    expect(wy).toMatchObject({ listingPath: '/news-and-appeals', feedUrl: 'https://www.westyorkshire.police.uk/rss.xml', formerHosts: ['www.wypolice.uk'], platform: null });
    expect(strategyOf(wy)).toBe('generic');
    expect(wy.overridden.sort()).toEqual(['feed', 'formerHosts', 'listing', 'origin']);
    const cumbria = sites.find((s) => s.id === 'cumbria')!;
    expect(cumbria).toMatchObject({ platform: 'soh', settings: { slug: 'cumbria' }, listingPath: '/news/cumbria/news/' });
    expect(strategyOf(cumbria)).toBe('soh');
    expect(strategyOf(sites.find((s) => s.id === 'kent')!)).toBe('generic');
    // The built-in table is untouched.
    expect(strategyOf(forceSite('kent')!)).toBe('soh');
    expect(sites.every(isCrawlable)).toBe(true);
  });

  it('reads JSON too, and is found in the data folder by default', () => {
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    expect(defaultForceFile(data)).toBeNull();
    writeFileSync(join(data, 'forces.json'), JSON.stringify({ forces: { lancashire: { listing: '/news/latest/' } } }));
    expect(defaultForceFile(data)).toBe(join(data, 'forces.json'));
    const { sites, file: used } = loadForceSites({ dataDir: data });
    expect(used).toBe(join(data, 'forces.json'));
    expect(sites.find((s) => s.id === 'lancashire')!.listingPath).toBe('/news/latest/');
  });

  it('names the file, the force and the field in every error, all at once', () => {
    const p = file('bad.yaml', `forces:
  kent:
    origin: www.kent.police.uk/news
    strategy: sometimes
  atlantis:
    listing: /news/
  west-yorkshire:
    listingUrl: /news-and-appeals
  essex:
    feed: rss.xml
`);
    let message = '';
    try {
      loadForceFile(p);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/5 problems in the force file/);
    expect(message).toContain(`${p}: force "kent", field "origin": must be a scheme and host only`);
    expect(message).toContain(`${p}: force "kent", field "strategy": must be one of "platform", "generic", "auto"`);
    expect(message).toContain(`${p}: force "atlantis": not one of the 44 forces`);
    expect(message).toContain(`${p}: force "west-yorkshire": unknown field "listingUrl"`);
    expect(message).toContain(`${p}: force "essex", field "feed": must be a path starting with / or an http(s) URL`);
  });

  it('refuses what cannot work: a platform strategy without a platform, an SOH force without its slug, a listing on another origin', () => {
    const cases: [string, RegExp][] = [
      ['forces:\n  cumbria:\n    strategy: platform\n', /force "cumbria", field "strategy": "platform" needs a platform/],
      ['forces:\n  kent:\n    platform: wordpress\n', /force "kent", field "platform": must be one of "soh", "mynewsdesk", "lancashire", "generic"/],
      ['forces:\n  devon-and-cornwall:\n    platform: soh\n', /force "devon-and-cornwall", field "sohSlug": an SOH force needs its slug/],
      ['forces:\n  kent:\n    listing: https://elsewhere.example/news/\n', /force "kent", field "listing": https:\/\/elsewhere.example\/news\/ is not on the force's origin/],
      ['forces: [1, 2]\n', /field "forces": must be object/],
      ['forces:\n  kent: {\n', /not valid YAML/],
    ];
    for (const [text, re] of cases) expect(() => loadForceFile(file('case.yaml', text))).toThrow(re);
    expect(() => loadForceFile(join(dir, 'missing.yaml'))).toThrow(/missing.yaml: cannot read the force file \(ENOENT\)/);
  });

  it('is used by spo forces, and a bad one stops spo crawl before anything runs', () => {
    const good = file('cli.yaml', 'forces:\n  west-yorkshire:\n    listing: /news-and-appeals\n  kent:\n    strategy: generic\n');
    const r = spo(['forces', '--forces', good, '--db', join(dir, 'f.sqlite'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; strategy: string; overridden: string[] }[];
    expect(list.find((f) => f.id === 'kent')).toMatchObject({ strategy: 'generic', overridden: ['strategy'] });
    const bad = file('cli-bad.yaml', 'forces:\n  kent:\n    platfrom: soh\n');
    const c = spo(['crawl', '--forces', bad, '--force', 'kent', '--db', join(dir, 'c.sqlite'), '--data-dir', join(dir, 'cdata')]);
    expect(c.status).not.toBe(0);
    expect(c.stderr).toContain(`${bad}: force "kent": unknown field "platfrom"`);
  });
});
