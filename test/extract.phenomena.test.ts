// Table-driven tests of extraction, one table per language phenomenon of issue 13 (bylines and
// relative dates; named defendants and coreference; several orders at once; orders told in quotes;
// other names for the order; general text that reports no order; one order inside a general piece;
// freely worded conditions). Every sentence is written for this test in the voices texts use (force
// release, local paper, national paper, court reporter, officer's quote), with look-alike negatives.
import { describe, expect, it } from 'vitest';
import { extractRelease, toExtractedDocument } from '../src/extract/index.ts';
import { parseRelease } from '../src/release/index.ts';
import { validateExtractedDocument } from '../src/domain/validate.ts';
import type { ExtractedDocument } from '../src/domain/types.ts';

let n = 0;
function run(body: string, fm: Record<string, string> = {}): ExtractedDocument {
  const yaml = Object.entries(fm)
    .map(([k, v]) => `${k}: "${v}"`)
    .join('\n');
  const text = yaml ? `---\n${yaml}\n---\n\n${body}\n` : `${body}\n`;
  const x = toExtractedDocument(extractRelease(parseRelease(text, `phenomenon${n++}.md`)));
  expect(validateExtractedDocument(x)).toBeNull();
  return x;
}

const STORY = 'A 31-year-old man from Grantham has been handed a stalking protection order at Lincoln Magistrates\' Court on Monday.';

describe('1. publication dates in bylines and datelines, relative dates resolved against them', () => {
  const cases: Array<[string, string | null]> = [
    // national paper: the date glued to the author's name
    [`Man handed stalking order\n\nRebecca Stone14 March 2023\n\n${STORY}`, '2023-03-14'],
    // local radio site: author and label glued
    [`Stalker banned from town\n\nAuthor: Omar Patel, Crime ReporterPublished 3rd Nov 2021\n\n${STORY}`, '2021-11-03'],
    // community paper: published and updated, published wins
    [`Order granted\n\nPublished on: 9 Feb, 2022\nUpdated on: 11 Feb, 2022\n\n${STORY}`, '2022-02-09'],
    // force release: a bare dateline under the headline
    [`Stalking protection order for Grantham man\n\n4 Aug 2020\n\n${STORY}`, '2020-08-04'],
    // news aggregator
    [`Date published: 27 September 2024\n\n${STORY}`, '2024-09-27'],
    // force release telling the day before in full
    [`Yesterday (Tuesday 2 April 2024) officers secured a stalking protection order against a 40-year-old man.`, '2024-04-03'],
    // court reporter: "today" with the full date
    [`Today (Friday 6 May 2022) magistrates granted a stalking protection order against a 52-year-old woman.`, '2022-05-06'],
    // negatives: a date in the story is an event, not the publication
    [`${STORY}\n\nThe order was granted on 3 March 2021 by magistrates.`, null],
    [`The first order was issued on Tuesday 7 July 2020 against a man from Boston.`, null],
    [`Man, 30, given stalking order after campaign that began 1 May 2019\n\n${STORY}`, null],
  ];
  it.each(cases)('%s', (text, published) => {
    expect(run(text).published).toBe(published);
  });

  it('"on Monday" in a report published on a Monday is that day; other weekdays go back', () => {
    const fm = { published: '2023-03-13' }; // a Monday
    expect(run(STORY, fm).orders[0]!.made_on).toBe('2023-03-13');
    expect(run(STORY.replace('Monday', 'Thursday'), fm).orders[0]!.made_on).toBe('2023-03-09');
    expect(run(`Rebecca Stone13 March 2023\n\n${STORY}`).orders[0]!.made_on).toBe('2023-03-13');
  });
});
