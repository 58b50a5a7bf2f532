// The cheap first looks at a page: mayMentionSpo on the raw HTML (the crawler's gate before a page is
// turned into a release document) and mentionsSpo on the text. A page whose HTML parts the words of
// "Stalking Protection Order" with tags or space entities must still pass the gate, or its SPO release
// would never be read.
import { describe, expect, it } from 'vitest';
import { mayMentionSpo, mentionsSpo } from '../src/extract/relevance.ts';

describe('mayMentionSpo on raw HTML', () => {
  const passes: string[] = [
    '<p>A man was given a Stalking Protection Order on Monday.</p>',
    '<p>A man was given a Stalking&nbsp;Protection&nbsp;Order on Monday.</p>',
    '<p>A woman received a stalking&#160;prevention order.</p>',
    '<p>A <strong>Stalking</strong> <strong>Protection</strong> Order was granted.</p>',
    '<h1>Stalking <span class="hl">Protection</span>\n<br/>Orders: what they are</h1>',
    '<p>The SPO lasts five years.</p>',
    '<p>He was handed a stalking&nbsp;ban.</p>',
  ];
  it.each(passes)('may mention an SPO: %s', (html) => expect(mayMentionSpo(html)).toBe(true));

  const stops: string[] = [
    '<p>Advice on stalking and harassment; a restraining order was made.</p>',
    '<p>A non-molestation order gives protection to victims.</p>',
    '<p>Officers investigating <b>stalking</b> made an arrest.</p>',
  ];
  it.each(stops)('cannot mention an SPO: %s', (html) => expect(mayMentionSpo(html)).toBe(false));

  it('the text read from such a page (a no-break space kept) is an SPO text', () => {
    expect(mentionsSpo('A man was given a Stalking\u00a0Protection\u00a0Order on Monday.')).toBe(true);
  });
});
