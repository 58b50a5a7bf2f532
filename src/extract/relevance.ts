// The cheap first look: does the text mention Stalking Protection Orders at all? Texts that do not
// (the great majority of police releases) skip every later, costlier step.
import { SPO_SOURCE } from './lexicon/orders.ts';

const SPO_ANY = new RegExp(SPO_SOURCE, 'i');
const SPO_ACRONYM = /\bSPO(?:s|'s|\u2019s)?\b/;
const SPO_WORDS = /\bstalking\s+(?:protection|prevention)\s+orders?\b|\bstalking\s+(?:orders?|bans?)\b/i;

/** True when the text mentions a Stalking Protection/Prevention Order ("SPO" in capitals counts). */
export function mentionsSpo(text: string): boolean {
  if (!SPO_ANY.test(text)) return false;
  return SPO_WORDS.test(text) || SPO_ACRONYM.test(text);
}
