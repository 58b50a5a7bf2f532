// How read commands open the database, apart from the report stage's barrel (./index.ts) so that a
// command that only reads (spo stats) does not load every output module at start-up.
import { openStore, type Store } from '../store/index.ts';

export { DEFAULT_REPORT_PATH } from './defaults.ts';

/**
 * Open an existing database for reading (read-only; never creates one), with a clear message when
 * there is none. Every read command opens its database this way.
 */
export function openForReading(path: string): Store {
  return openStore(path, { readonly: true });
}
