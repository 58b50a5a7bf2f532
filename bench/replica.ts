// Start and drive a replica in a child process (bench/replica-proc.ts) from a benchmark.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReplicaOptions } from '../src/replica/index.ts';
import type { ReplicaCommand } from './replica-proc.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface ServedRequest {
  forceId: string;
  path: string;
  url: string;
  status: number;
  at: number;
}

export interface ReplicaProcess {
  origins: Record<string, string>;
  listings: Record<string, string>;
  releases: number;
  spo: number;
  perForce: Record<string, number>;
  buildMs: number;
  requests(forceId?: string): Promise<ServedRequest[]>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Run `fn` with a replica process and a scratch folder; `spoArgs` points a `spo` command at both
 * (`--db`, `--data-dir`, one `--origin` per force). Both are gone afterwards, whatever happens.
 */
export async function withReplica<T>(opts: ReplicaOptions, fn: (rep: ReplicaProcess, spoArgs: string[]) => Promise<T>): Promise<T> {
  const rep = await startReplicaProcess(opts);
  const dir = mkdtempSync(join(tmpdir(), 'spo-bench-'));
  const spoArgs = ['--db', join(dir, 'spo.sqlite'), '--data-dir', join(dir, 'data'), ...Object.entries(rep.origins).flatMap(([f, o]) => ['--origin', `${f}=${o}`])];
  try {
    return await fn(rep, spoArgs);
  } finally {
    await rep.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startReplicaProcess(opts: ReplicaOptions): Promise<ReplicaProcess> {
  const child: ChildProcess = fork(join(here, 'replica-proc.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, REPLICA_OPTIONS: JSON.stringify(opts) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMsg = (m: { type: string }): void => {
        if (m.type !== type) return;
        child.off('message', onMsg);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null): void => reject(new Error(`replica process exited (${code}) before "${type}"`));
      child.on('message', onMsg);
      child.once('exit', onExit);
    });
  const send = (c: ReplicaCommand): void => void child.send(c);
  const ready = await next<Omit<ReplicaProcess, 'requests' | 'clear' | 'stop'>>('ready');
  return {
    origins: ready.origins,
    listings: ready.listings,
    releases: ready.releases,
    spo: ready.spo,
    perForce: ready.perForce,
    buildMs: ready.buildMs,
    async requests(forceId) {
      const p = next<{ rows: ServedRequest[] }>('requests');
      send(forceId ? { cmd: 'requests', forceId } : { cmd: 'requests' });
      return (await p).rows;
    },
    async clear() {
      const p = next('cleared');
      send({ cmd: 'clear' });
      await p;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      send({ cmd: 'stop' });
      await exited;
    },
  };
}
