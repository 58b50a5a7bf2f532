// The cheap first look: does the text mention Stalking Protection Orders at all? Texts that do not
// (the great majority of police releases) skip every later, costlier step.
import { SPO_SOURCE } from './lexicon/orders.ts';

const SPO_ANY = new RegExp(SPO_SOURCE, 'i');
const SPO_ACRONYM = /\bSPO(?:s|'s|\u2019s)?\b/;
const SPO_WORDS = /\bstalking\s+(?:protection|prevention)\s+orders?\b|\bstalking\s+(?:orders?|bans?)\b/i;

/** "SPO" spelt out as something else: "Schools Police Officer (SPO)", "Safer Places Officer (SPO)". */
const OTHER_SPO = /\b(?!Stalking\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3}\s*\(SPOs?\)/;

/**
 * False only when the text (a raw HTML page will do) cannot mention an SPO: the crawler's first, almost
 * free test, before a page is turned into a release document.
 */
export function mayMentionSpo(text: string): boolean {
  return SPO_ANY.test(text);
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
