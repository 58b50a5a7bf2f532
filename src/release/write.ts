import yaml from 'js-yaml';
import type { ReleaseFrontMatter } from '../domain/types.ts';

/** A release document in the seed format: a fenced ```yaml block, a blank line, then the text. */
export function serializeRelease(frontMatter: ReleaseFrontMatter, body: string): string {
  const clean = Object.fromEntries(Object.entries(frontMatter).filter(([, v]) => v !== undefined && v !== null));
  const y = yaml.dump(clean, { sortKeys: true, lineWidth: -1, noRefs: true });
  return `\`\`\`yaml\n${y}\`\`\`\n\n${body.trim()}\n`;
}
