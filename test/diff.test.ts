// Every diff class: new, changed (field-level changes of its orders, and a text diff), unchanged
// (cosmetic whitespace and tracking-parameter edits are not changes), gone; windows by run and by date.
import { describe, expect, it } from 'vitest';
import { computeDiff, fieldChanges, formatDiff, resolveWindow } from '../src/diff/index.ts';
import { idOf, inRun, orders, put, tempStore, type TestRelease } from './diff.helpers.ts';

const URL_A = 'https://www.kent.police.uk/news/kent/news/a-stalking-order/';
const URL_B = 'https://www.kent.police.uk/news/kent/news/another-order/';

const A: TestRelease = {
  url: URL_A,
  force: 'kent',
  published: '2021-06-01',
  title: 'Interim order for Dover man',
  body: 'A 45-year-old man from Dover was given an interim Stalking Protection Order.\n\nIt lasts five years.\n\nMore at https://www.kent.police.uk/news/?utm_source=x',
  orders: [{ age: 45, sex: 'male', town: 'Dover', kind: 'interim', made_on: '2021-05-30', duration: 'P5Y', prohibitions: ['contact', 'approach'] }],
};
const B: TestRelease = {
  url: URL_B,
  force: 'kent',
  published: '2021-06-02',
  title: 'Order for Margate woman',
  body: 'A 29-year-old woman from Margate was given a Stalking Protection Order.',
  orders: [{ age: 29, sex: 'female', town: 'Margate', made_on: '2021-06-01', duration: 'P2Y', prohibitions: ['contact'] }],
};

describe('spo diff', () => {
  it('classifies new, unchanged (cosmetic edits too), changed with field-level changes, and gone', () => {
    const store = tempStore();
    const r1 = inRun(store, (run) => put(store, [A, B], run));
    expect(r1.result.map((r) => r.event)).toEqual(['new', 'new']);
    let d = computeDiff(store, resolveWindow(store));
    expect(d.window.runId).toBe(r1.runId);
    expect(d.counts.releases).toMatchObject({ new: 2, changed: 0, gone: 0 });
    expect(d.counts.orders).toMatchObject({ new: 2, changed: 0 });
    expect(d.releases.find((r) => r.url === URL_A)!.orders[0]!.changes).toContain('duration P5Y');

    // Cosmetic: whitespace, emphasis, tracking parameters in links and the URL itself.
    const cosmetic: TestRelease = {
      ...A,
      url: `${URL_A}?utm_source=twitter&fbclid=abc#top`,
      body: `  A 45-year-old man  from **Dover** was given an interim Stalking Protection Order.\n\n\n\nIt lasts five years.  \n\nMore at https://www.kent.police.uk/news/?utm_source=x`,
    };
    expect(idOf('kent', cosmetic.url)).toBe(idOf('kent', URL_A));
    const r2 = inRun(store, (run) => put(store, [cosmetic, B], run));
    expect(r2.result.map((r) => r.event)).toEqual(['unchanged', 'unchanged']);
    d = computeDiff(store, resolveWindow(store));
    expect(d.releases).toEqual([]);
    expect(d.orders).toEqual([]);
    expect(d.counts.releases.unchanged).toBe(2);
    expect(store.revisions(idOf('kent', URL_A))).toHaveLength(1);

    // A real edit: the order was made full, for ten years, with an exclusion zone.
    const changed: TestRelease = {
      ...A,
      body: 'A 45-year-old man from Dover was given a full Stalking Protection Order.\n\nIt lasts ten years and bans him from Dover town centre.',
      orders: [{ age: 45, sex: 'male', town: 'Dover', kind: 'full', made_on: '2021-05-30', duration: 'P10Y', prohibitions: ['contact', 'approach', 'exclusion_zone'] }],
    };
    const r3 = inRun(store, (run) => put(store, [changed, B], run));
    expect(r3.result.map((r) => r.event)).toEqual(['changed', 'unchanged']);
    d = computeDiff(store, resolveWindow(store), { text: true });
    expect(d.counts.releases).toMatchObject({ new: 0, changed: 1, gone: 0, unchanged: 1 });
    const rc = d.releases[0]!;
    expect(rc.event).toBe('changed');
    expect(rc.orders).toHaveLength(1);
    expect(rc.orders[0]!.changes).toEqual(['kind interim -> full', 'duration P5Y -> P10Y', 'prohibitions +exclusion_zone']);
    expect(rc.text_diff).toMatch(/-It lasts five years\./);
    expect(rc.text_diff).toMatch(/\+It lasts ten years and bans him from Dover town centre\./);
    // The order itself changed, under the same id.
    expect(d.orders).toHaveLength(1);
    expect(d.orders[0]).toMatchObject({ event: 'changed', order_id: rc.orders[0]!.order_id });
    expect(d.orders[0]!.changes).toEqual(expect.arrayContaining(['kind interim -> full', 'duration P5Y -> P10Y', 'prohibitions +exclusion_zone']));
    expect(d.orders[0]!.releases[0]!.url).toBe(URL_A);
    const text = formatDiff(d);
    expect(text).toMatch(/CHANGED .*Interim order for Dover man/);
    expect(text).toMatch(/duration P5Y -> P10Y/);
    expect(store.revisions(idOf('kent', URL_A))).toHaveLength(2);

    // Gone: withdrawn at the source; data kept.
    const r4 = inRun(store, (run) => store.markGone([idOf('kent', URL_B)], run));
    expect(r4.result).toBe(1);
    d = computeDiff(store, resolveWindow(store));
    expect(d.releases).toEqual([expect.objectContaining({ event: 'gone', status: 'withdrawn', url: URL_B })]);
    expect(formatDiff(d)).toMatch(/GONE .*Order for Margate woman/);
    expect(orders(store)).toHaveLength(2);

    // Windows: since run 1 covers runs 2-4; since a date before everything covers it all; run 1 alone.
    d = computeDiff(store, resolveWindow(store, { since: String(r1.runId) }));
    expect(d.counts.releases).toMatchObject({ new: 0, changed: 1, gone: 1 });
    d = computeDiff(store, resolveWindow(store, { since: '2000-01-01' }));
    expect(d.counts.releases).toMatchObject({ new: 2, changed: 0, gone: 0 }); // new in the window wins
    expect(d.counts.orders).toMatchObject({ new: 2, changed: 0 });
    d = computeDiff(store, resolveWindow(store, { run: r1.runId }));
    expect(d.counts.releases).toMatchObject({ new: 2 });
    d = computeDiff(store, resolveWindow(store, { since: '2999-01-01' }));
    expect(d.releases).toEqual([]);
  });

  it('a new release that reports a known order shows as that order changed (reported again)', () => {
    const store = tempStore();
    inRun(store, (run) => put(store, [A], run));
    const again: TestRelease = { ...A, url: 'https://www.kentonline.co.uk/dover/news/stalking-order/', body: 'Syndicated copy.' };
    inRun(store, (run) => put(store, [again], run));
    const d = computeDiff(store, resolveWindow(store));
    expect(d.counts.releases.new).toBe(1);
    expect(d.counts.orders).toMatchObject({ new: 0, changed: 1 });
    expect(d.orders[0]!.changes).toEqual(['reported again: +1 release']);
    expect(d.orders[0]!.releases[0]!.url).toBe('https://www.kentonline.co.uk/dover/news/stalking-order/');
  });

  it('a changed release whose orders did not change is listed without order changes', () => {
    const store = tempStore();
    inRun(store, (run) => put(store, [A], run));
    inRun(store, (run) => put(store, [{ ...A, body: `${A.body}\n\nA quote from the inspector.` }], run));
    const d = computeDiff(store, resolveWindow(store));
    expect(d.releases).toEqual([expect.objectContaining({ event: 'changed', orders: [] })]);
    expect(d.orders).toEqual([]);
    expect(formatDiff(d)).toMatch(/text changed; its orders did not/);
  });

  it('orders added to and dropped from a release are reported', () => {
    const store = tempStore();
    inRun(store, (run) => put(store, [A], run));
    inRun(store, (run) => put(store, [{ ...A, body: 'two orders now', orders: [B.orders[0]!, A.orders[0]!] }], run));
    const d = computeDiff(store, resolveWindow(store));
    const r = d.releases[0]!;
    expect(r.orders.map((o) => o.change)).toEqual(['added']);
    expect(r.orders[0]!.changes).toContain('town Margate');
  });

  it('tracking parameters in links inside the text are not changes', () => {
    const store = tempStore();
    inRun(store, (run) => put(store, [A], run));
    const r = inRun(store, (run) => put(store, [{ ...A, body: A.body!.replace('utm_source=x', 'utm_source=y&utm_medium=z&fbclid=q') }], run));
    expect(r.result.map((x) => x.event)).toEqual(['unchanged']);
  });

  it('formats field changes', () => {
    expect(fieldChanges({ duration: 'P5Y', kind: 'interim', prohibitions: ['contact'] }, { duration: 'P10Y', kind: 'full', prohibitions: ['contact', 'exclusion_zone'] })).toEqual([
      'kind interim -> full',
      'duration P5Y -> P10Y',
      'prohibitions +exclusion_zone',
    ]);
    expect(fieldChanges({ requirements: ['register_phone'] }, { requirements: [] })).toEqual(['requirements -register_phone']);
  });

  it('rejects a --since it cannot read', () => {
    const store = tempStore();
    expect(() => resolveWindow(store, { since: 'yesterday' })).toThrow(/YYYY-MM-DD/);
    expect(() => resolveWindow(store, { since: '99' })).toThrow(/no run 99/);
  });
});

describe('spo diff (command)', () => {
  it('prints field-level changes and the text diff; refuses a bad --since', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { spo } = await import('./helpers/cli.ts');
    const { tempDir } = await import('./diff.helpers.ts');
    const dir = tempDir();
    const file = join(dir, 'release.md');
    writeFileSync(
      file,
      '---\ntitle: "Dover man given stalking order"\nurl: "https://www.kent.police.uk/news/kent/news/dover-spo/"\nforce: "Kent Police"\npublished: "2021-06-01"\n---\n\n' +
        "A 45-year-old man from Dover has been made subject to a Stalking Protection Order at Folkestone Magistrates' Court on Monday 31 May 2021.\n\n" +
        'The order will last for five years and prohibits him from contacting the woman.\n',
    );
    const db = join(dir, 'spo.sqlite');
    expect(spo(['ingest', dir, '--db', db]).status).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('five years', 'ten years'));
    expect(spo(['ingest', dir, '--db', db]).status).toBe(0);
    const r = spo(['diff', '--db', db, '--text']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/CHANGED .*Dover man given stalking order/);
    expect(r.stdout).toMatch(/duration P5Y -> P10Y/);
    expect(r.stdout).toMatch(/-The order will last for five years/);
    expect(r.stdout).toMatch(/\+The order will last for ten years/);
    const all = JSON.parse(spo(['diff', '--db', db, '--since', '2000-01-01', '--json']).stdout);
    expect(all.counts.releases).toMatchObject({ new: 1, changed: 0 });
    const bad = spo(['diff', '--db', db, '--since', 'last tuesday']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
  });
});

describe('a release whose text goes back to an earlier version', () => {
  it('is changed once (from the text before it), then unchanged; its events name the revision it holds', () => {
    const store = tempStore();
    const edited: TestRelease = { ...A, body: `${A.body}\n\nUpdate: he has since been charged with breaching it.`, orders: A.orders };
    inRun(store, (run) => put(store, [A], run));
    const revA = store.revisions(idOf('kent', URL_A))[0]!.revision_id;
    inRun(store, (run) => put(store, [edited], run));
    const revB = store.revisions(idOf('kent', URL_A))[1]!.revision_id;
    const back = inRun(store, (run) => put(store, [A], run));
    expect(back.result.map((r) => r.event)).toEqual(['changed']);
    const d = computeDiff(store, resolveWindow(store));
    expect(d.releases).toHaveLength(1);
    expect(d.releases[0]).toMatchObject({ event: 'changed', revision_from: revB, revision_to: revA });
    const events = store.db.prepare('SELECT event, revision_id FROM release_events WHERE release_id = ? ORDER BY event_id').all(idOf('kent', URL_A));
    expect(events).toEqual([
      { event: 'new', revision_id: revA },
      { event: 'changed', revision_id: revB },
      { event: 'changed', revision_id: revA },
    ]);
    // The same text again is no change: the release holds revision A now.
    const again = inRun(store, (run) => put(store, [A], run));
    expect(again.result.map((r) => r.event)).toEqual(['unchanged']);
    expect(store.latestRevision(idOf('kent', URL_A))!.revision_id).toBe(revA);
    expect(store.revisions(idOf('kent', URL_A))).toHaveLength(2);
  });
});
