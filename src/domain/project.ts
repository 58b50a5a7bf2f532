// Where the project's own files are (schemas/, data/reference/, JSON data beside the code), whether the
// code runs as TypeScript from src/ or compiled into dist/src/ (bin/spo.js runs the compiled form): the
// nearest folder upward holding package.json. Paths written relative to a module (`../../schemas`)
// would point into dist/ once compiled.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}: spo-tracker's files are missing`);
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();

/** A file of the project, from its path relative to the project root (`schemas/x.json`). */
export const projectPath = (relative: string): string => join(PROJECT_ROOT, relative);
