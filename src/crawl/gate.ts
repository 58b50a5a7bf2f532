// Politeness per origin: at most `slots` requests in flight (default one), a pause between requests,
// and "not before" times set by Retry-After and retry backoff. Shared by every force of a run (forces
// on one origin take turns). With one slot the pause runs from the end of one request to the start of
// the next; with more, request starts are spaced by the pause.

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

class Gate {
  readonly holders = new Set<string>();
  lastEnd = 0;
  lastStart = 0;
  notBefore = 0;
  waiters: (() => void)[] = [];
  /** A slot is being claimed (its pause is running): nobody else may start meanwhile. */
  claiming = false;
}

export interface GateOptions {
  /** Pause for an origin, in ms (robots.txt Crawl-delay may raise it during the run). */
  delayFor: (origin: string) => number;
  /** Requests in flight per origin (default 1). */
  slots?: number;
}

export class OriginGates {
  private readonly gates = new Map<string, Gate>();
  private readonly delayFor: (origin: string) => number;
  private readonly slots: number;

  constructor(opts: GateOptions | ((origin: string) => number)) {
    const o = typeof opts === 'function' ? { delayFor: opts } : opts;
    this.delayFor = o.delayFor;
    this.slots = Math.max(1, Math.floor(o.slots ?? 1));
  }

  private gate(origin: string): Gate {
    let g = this.gates.get(origin);
    if (!g) this.gates.set(origin, (g = new Gate()));
    return g;
  }

  /** Wait for a free slot on the origin and for its pause to pass; `token` holds the slot until release(). */
  async acquire(origin: string, token: string): Promise<void> {
    const g = this.gate(origin);
    // A retry of a request that never released (a handler timeout) must not hold two slots.
    if (g.holders.has(token)) this.release(origin, token);
    while (g.claiming || g.holders.size >= this.slots) await new Promise<void>((r) => g.waiters.push(r));
    g.claiming = true;
    try {
      for (;;) {
        const since = this.slots === 1 ? g.lastEnd : g.lastStart;
        const wait = Math.max(since + this.delayFor(origin), g.notBefore) - Date.now();
        if (wait <= 0) break;
        await sleep(wait);
      }
    } finally {
      g.claiming = false;
    }
    g.holders.add(token);
    g.lastStart = Date.now();
    this.wake(g);
  }

  release(origin: string, token: string): void {
    const g = this.gate(origin);
    if (!g.holders.delete(token)) return;
    g.lastEnd = Date.now();
    this.wake(g);
  }

  /** Release every slot whose token starts with `prefix` (a force's crawl ending). */
  releaseAll(origin: string, prefix: string): void {
    const g = this.gate(origin);
    for (const t of [...g.holders]) if (t.startsWith(prefix)) this.release(origin, t);
  }

  /** No request to the origin before `at` (epoch ms). */
  notBefore(origin: string, at: number): void {
    const g = this.gate(origin);
    g.notBefore = Math.max(g.notBefore, at);
  }

  private wake(g: Gate): void {
    if (g.claiming || g.holders.size >= this.slots) return;
    g.waiters.shift()?.();
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
