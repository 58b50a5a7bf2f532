// Politeness per origin: one request at a time, a pause between requests, and "not before" times set
// by Retry-After and retry backoff. Shared by every force of a run (forces on one origin take turns).

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

class Gate {
  holder: string | null = null;
  lastEnd = 0;
  notBefore = 0;
  waiters: (() => void)[] = [];
}

export class OriginGates {
  private readonly gates = new Map<string, Gate>();

  constructor(private readonly delayFor: (origin: string) => number) {}

  private gate(origin: string): Gate {
    let g = this.gates.get(origin);
    if (!g) this.gates.set(origin, (g = new Gate()));
    return g;
  }

  /** Wait for the origin to be free and its pause to pass; `owner` holds it until release(). */
  async acquire(origin: string, owner: string): Promise<void> {
    const g = this.gate(origin);
    if (g.holder === owner) this.release(origin, owner);
    while (g.holder !== null) await new Promise<void>((r) => g.waiters.push(r));
    g.holder = owner;
    for (;;) {
      const wait = Math.max(g.lastEnd + this.delayFor(origin), g.notBefore) - Date.now();
      if (wait <= 0) break;
      await sleep(wait);
    }
  }

  release(origin: string, owner: string): void {
    const g = this.gate(origin);
    if (g.holder !== owner) return;
    g.holder = null;
    g.lastEnd = Date.now();
    g.waiters.shift()?.();
  }

  /** No request to the origin before `at` (epoch ms). */
  notBefore(origin: string, at: number): void {
    const g = this.gate(origin);
    g.notBefore = Math.max(g.notBefore, at);
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  const t = v.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const d = Date.parse(t);
  return Number.isNaN(d) ? null : Math.max(0, d - now);
}
