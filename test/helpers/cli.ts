import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
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

export interface AsyncCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const execFileAsync = promisify(execFile);

/**
 * Run the real `spo` command in a child process without blocking the test's event loop (for tests that
 * also serve replica sites from this process): exit code, stdout and stderr, never a throw.
 */
export async function spoAsync(args: string[], opts: { timeoutMs?: number } = {}): Promise<AsyncCliResult> {
  try {
    const r = await execFileAsync(process.execPath, [SPO_BIN, ...args], {
      cwd: REPO_ROOT,
      maxBuffer: 32 * 1024 * 1024,
      timeout: opts.timeoutMs ?? 120_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}
