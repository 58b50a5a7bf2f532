// Options shared by several commands.
import { Option } from 'commander';
import { DEFAULT_DB_PATH } from '../store/index.ts';

export const dbOption = (): Option =>
  new Option('--db <file>', 'SQLite database file').default(process.env.SPO_DB ?? DEFAULT_DB_PATH);

/** Parse a non-negative integer option value, with a clear error. */
export function intArg(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
    return n;
  };
}

/** Collect a repeatable option into an array. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--forces FILE`: a force file (YAML or JSON) overriding the force table; default <data-dir>/forces.yaml or forces.json. */
export const forcesFileOption = (): Option => new Option('--forces <file>', 'force file (YAML or JSON) overriding origins, listings, feeds, platforms, strategies; default <data-dir>/forces.yaml or forces.json');
