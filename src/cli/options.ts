// Options shared by several commands.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option } from 'commander';
// The path only (store/open.ts), not the store: options are built for `spo --help` too.
import { DEFAULT_DB_PATH } from '../store/open.ts';

export const dbOption = (): Option =>
  new Option('--db <file>', 'SQLite database file').default(process.env.SPO_DB ?? DEFAULT_DB_PATH);

/** Parse a non-negative integer option value, with a clear error (1e20 is not one SQLite can take). */
export function intArg(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n)) {
      throw new Error(`${name} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "${value}"`);
    }
    return n;
  };
}

const kindOf = (path: string): 'folder' | 'file' | null => {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return null;
  }
};

/** Check a folder option (--data-dir): it, or the first part of its path that exists, must be a folder. */
export function checkFolderOption(flag: string, dir: string): void {
  for (let p = resolve(dir); ; p = dirname(p)) {
    const kind = kindOf(p);
    if (kind === 'file') throw new Error(`${flag} ${dir}: ${p === resolve(dir) ? dir : p} is a file, not a folder`);
    if (kind === 'folder' || dirname(p) === p) return;
  }
}

/** Check an output file option (--out): its folder must already exist (it is not created silently). */
export function checkOutputFile(flag: string, file: string): void {
  const dir = dirname(resolve(file));
  const kind = kindOf(dir);
  if (kind === null) throw new Error(`${flag}: the folder ${dirname(file)} does not exist (create it first)`);
  if (kind === 'file') throw new Error(`${flag}: ${dirname(file)} is a file, not a folder`);
  if (kindOf(file) === 'folder') throw new Error(`${flag}: ${file} is a folder, not a file`);
}

/** Collect a repeatable option into an array. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--forces FILE`: a force file (YAML or JSON) overriding the force table; default <data-dir>/forces.yaml or forces.json. */
export const forcesFileOption = (): Option => new Option('--forces <file>', 'force file (YAML or JSON) overriding origins, listings, feeds, platforms, strategies; default <data-dir>/forces.yaml or forces.json');
