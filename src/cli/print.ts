// Everything `spo` prints goes through here. Titles, text, URLs and error messages come from scraped
// pages, and a page can carry terminal control codes: clear the screen, recolour, set the window
// title, draw an OSC 8 hyperlink to somewhere else, ring the bell, move the cursor back over a line.
// A terminal acts on them, so every line is passed through safeText() before it reaches one; the
// commands never call console.log or process.stdout.write themselves (a test checks this).

import { jsonText, safeText } from '../report/safe-text.ts';

export { jsonText, safeText };

/** Print a line (or several) on standard output. */
export function say(text: string = ''): void {
  process.stdout.write(`${safeText(text)}\n`);
}

/** Print a line on standard error (progress, notices, errors). */
export function warn(text: string): void {
  process.stderr.write(`${safeText(text)}\n`);
}

/** Print a value as indented JSON (or one line with indent 0) on standard output. */
export function sayJson(value: unknown, indent: number = 2): void {
  process.stdout.write(`${jsonText(value, indent)}\n`);
}

/**
 * Print a line in which the caller marked spans (open ... close markers, e.g. search hits): the text
 * is made safe first, then the marks become bold on a terminal or the given plain marks elsewhere.
 */
export function sayMarked(text: string, marks: { open: string; close: string }, style: { open: string; close: string }): void {
  const safe = safeText(text).split(marks.open).join(style.open).split(marks.close).join(style.close);
  process.stdout.write(`${safe}\n`);
}

/** Bold on and off (SGR 1 / 22), for sayMarked on a terminal. */
export const BOLD = { open: '\x1b[1m', close: '\x1b[22m' } as const;

/**
 * Write exported data (CSV, NDJSON) to standard output: byte for byte into a pipe or a file, made safe
 * when standard output is a terminal (then a person reads it, and the data is not being kept).
 */
export function writeData(text: string): void {
  process.stdout.write(process.stdout.isTTY ? safeText(text) : text);
}
