// The cheap first look: does the text mention Stalking Protection Orders at all? Texts that do not
// (the great majority of police releases) skip every later, costlier step.
import { SPO_SOURCE } from './lexicon/orders.ts';

const SPO_ANY = new RegExp(SPO_SOURCE, 'i');
const SPO_ACRONYM = /\bSPO(?:s|'s|\u2019s)?\b/;
const SPO_WORDS = /\bstalking\s+(?:protection|prevention)\s+orders?\b|\bstalking\s+(?:orders?|bans?)\b/i;

/** "SPO" spelt out as something else: "Schools Police Officer (SPO)", "Safer Places Officer (SPO)". */
const OTHER_SPO = /\b(?!Stalking\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3}\s*\(SPOs?\)/;

/** Between two words of raw HTML: spaces, a no-break or other space entity, or tags ("Stalking <b>Protection</b>"). */
const HTML_GAP = String.raw`(?:\s|&(?:nbsp|ensp|emsp|thinsp|#0*(?:32|160|8194|8195|8201)|#x0*(?:20|a0|2002|2003|2009));|<[^<>]{0,200}>)+`;
// The text's own pattern, with each run of spaces between words widened to an HTML gap.
const SPO_IN_HTML = new RegExp(SPO_SOURCE.replaceAll(String.raw`\s+`, HTML_GAP), 'i');

/**
 * False only when a page's raw HTML cannot mention an SPO: the crawler's first, almost free test, before
 * a page is turned into a release document. Words may be parted by tags or space entities in HTML, which
 * the text's own test would not see through.
 */
export function mayMentionSpo(html: string): boolean {
  return SPO_IN_HTML.test(html);
}

/** True when the text mentions a Stalking Protection/Prevention Order ("SPO" in capitals counts). */
export function mentionsSpo(text: string): boolean {
  if (!SPO_ANY.test(text)) return false;
  if (SPO_WORDS.test(text)) return true;
  return SPO_ACRONYM.test(text) && !acronymMeansOther(text);
}

/** The text spells "SPO" out as something other than a Stalking Protection/Prevention Order. */
export function acronymMeansOther(text: string): boolean {
  const m = OTHER_SPO.exec(text);
  return m !== null && !/\bOrders?\s*\(SPOs?\)$/i.test(m[0]);
}
