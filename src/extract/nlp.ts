// compromise, loaded on first use: its lexicon is about 20 MB of heap and most releases never need it
// (only SPO texts ask it about first names, and only rare spelled numbers go to it).
import { createRequire } from 'node:module';
import type nlpType from 'compromise';

let loaded: typeof nlpType | null = null;

/** A compromise document for the text. */
export function nlp(text: string): ReturnType<typeof nlpType> {
  loaded ??= createRequire(import.meta.url)('compromise') as typeof nlpType;
  return loaded(text);
}

const firstNames = new Map<string, 'male' | 'female' | 'unknown' | null>();

/**
 * What compromise's lexicon knows of a word as a first name: 'male'/'female' for a gendered given name,
 * 'unknown' for a first name of either sex, null when it is not a first name. Cached per word.
 */
export function firstNameSex(word: string): 'male' | 'female' | 'unknown' | null {
  let v = firstNames.get(word);
  if (v !== undefined) return v;
  const d = nlp(word);
  v = d.has('#MaleName') ? 'male' : d.has('#FemaleName') ? 'female' : d.has('#FirstName') ? 'unknown' : null;
  firstNames.set(word, v);
  return v;
}
