// The one output sanitiser (issue 18, item 4): scraped text may carry terminal control codes, and
// whatever spo prints or writes as JSON passes through here. src/cli/print.ts uses it for every line.

/** C0 controls but tab (\t) and newline (\n), DEL, and C1 controls (U+0080-U+009F: U+009B is CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const C1_AND_DEL = /[\u007f-\u009f]/g;

/** The text with every control character a terminal would act on replaced by U+FFFD. */
export function safeText(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}

/**
 * JSON for a terminal or a pipe, with the data exact: JSON.stringify already writes C0 controls as
 * \u escapes; DEL and C1 it leaves raw, so they are escaped too (same value once parsed).
 */
export function jsonText(value: unknown, indent: number = 2): string {
  return JSON.stringify(value, null, indent || undefined).replace(C1_AND_DEL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
