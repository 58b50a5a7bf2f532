import { spawnSync } from 'node:child_process';
import { REPO_ROOT, SPO_BIN } from './paths.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `spo` command (bin/spo.js) in a child process. */
export function spo(args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number; uid?: number; gid?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [SPO_BIN, ...args], {
    cwd: REPO_ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: opts.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
    // Another user (tests that need a folder the child cannot write, when the tests run as root).
    ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
    ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
