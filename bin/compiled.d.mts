// Types of bin/compiled.mjs, for the tests and benchmarks that import it.
export declare const ROOT: string;
export declare const DIST: string;
export declare const STAMP: string;
export declare const SOURCE_DIRS: string[];
export declare function newestSourceMtime(root?: string): number;
export declare function compiledIsCurrent(root?: string): boolean;
