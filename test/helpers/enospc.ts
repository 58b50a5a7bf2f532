// ENOSPC at the file-write boundary, for tests that mock node:fs and node:fs/promises (test/disk-full.test.ts)
// where a small filesystem cannot be mounted. Imports nothing from node:fs (it is used inside the mocks).

export interface InjectedDisk {
  /** Writes to paths under this folder spend `free`; null: no disk is full. */
  dir: string | null;
  free: number;
}

/** Count a write of data to path against the disk's free bytes; past them, fail as a full disk does. */
export function spend(disk: InjectedDisk, path: string, data: unknown): void {
  if (!disk.dir || !path.startsWith(disk.dir)) return;
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data instanceof Uint8Array ? data.byteLength : 0;
  if (bytes === 0) return;
  if (bytes > disk.free) {
    disk.free = 0;
    throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  }
  disk.free -= bytes;
}
