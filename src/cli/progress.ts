// What a crawl says while it runs, on standard error. The pipeline emits events (each force's start,
// its progress, its summary: src/domain/run.ts) and log lines; this reporter is the one place they
// are printed. On a terminal: a live status line (the forces being read, with their requests,
// releases, SPO releases and errors) redrawn as events come and at least every few seconds (the
// heartbeat: a crawl waiting on a slow site still shows it is alive), with each finished force and
// each log line printed above it. Elsewhere (cron, a pipe, a log file): only the log lines and one
// line per force as it finishes, nothing redrawn.
import type { ForceProgress, ForceRunSummary, RunEvent } from '../domain/run.ts';
import { safeText } from './print.ts';

/** Where the reporter writes: process.stderr, or a test's stand-in. */
export interface ReporterStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ReporterOptions {
  /** How often the status line is redrawn with nothing new (default 5 s). */
  heartbeatMs?: number;
  /** Events closer than this redraw the status line once (default 250 ms). */
  redrawMs?: number;
  now?: () => number;
}

const CLEAR_LINE = '\r\x1b[K';

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return hms[0] ? `${hms[0]}:${String(hms[1]).padStart(2, '0')}:${String(hms[2]).padStart(2, '0')}` : `${hms[1]}:${String(hms[2]).padStart(2, '0')}`;
}

/** The line printed when a force is finished, in every mode. */
export function forceDoneLine(r: ForceRunSummary): string {
  const verdict = !r.ok ? 'FAILED' : r.warnings?.length ? 'DEGRADED' : 'ok';
  const spo = r.new + r.changed + r.unchanged;
  return (
    `${r.forceId}: ${verdict} - ${plural(r.requests, 'request')}, ${plural(r.seen + spo, 'release')} read, ` +
    `${plural(spo, 'SPO release')} (${r.new} new, ${r.changed} changed, ${r.unchanged} unchanged), ${r.gone} gone, ${plural(r.errors.length, 'error')}` +
    `${r.durationMs ? ` in ${clock(r.durationMs)}` : ''}` +
    (r.warnings?.length ? `; warning: ${r.warnings.join('; ')}` : '') +
    (r.errors.length ? `; first error: ${r.errors[0]}` : '')
  );
}

/** One force's part of the status line. */
const progressText = (p: ForceProgress): string => `${p.forceId} ${p.requests} req ${p.releases} rel ${p.spo} SPO${p.errors ? ` ${p.errors} err` : ''}`;

export class RunReporter {
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly redrawMs: number;
  private readonly started: number;
  private readonly running = new Map<string, ForceProgress>();
  private readonly done: ForceRunSummary[] = [];
  private statusShown = false;
  private lastDraw = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: ReporterStream,
    opts: ReporterOptions = {},
  ) {
    this.tty = out.isTTY === true;
    this.now = opts.now ?? Date.now;
    this.redrawMs = opts.redrawMs ?? 250;
    this.started = this.now();
    if (this.tty) {
      this.timer = setInterval(() => this.draw(), opts.heartbeatMs ?? 5000);
      this.timer.unref();
    }
  }

  /** A log line of the run (a warning, a fallback, an error): printed as it comes. */
  readonly log = (line: string): void => {
    this.printLine(line);
  };

  readonly onEvent = (e: RunEvent): void => {
    switch (e.type) {
      case 'force-start':
        this.running.set(e.forceId, { forceId: e.forceId, requests: 0, releases: 0, spo: 0, errors: 0 });
        break;
      case 'force-progress':
        this.running.set(e.progress.forceId, e.progress);
        if (this.tty && this.now() - this.lastDraw >= this.redrawMs) this.draw();
        return;
      case 'force-done':
        this.running.delete(e.summary.forceId);
        this.done.push(e.summary);
        this.printLine(forceDoneLine(e.summary));
        return;
    }
    if (this.tty) this.draw();
  };

  /** The run is over: the status line goes, the heartbeat stops. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clearStatus();
  }

  /** The status line: elapsed time, forces done, totals, then each force being read (as many as fit). */
  statusLine(): string {
    const all = [...this.done.map((d) => ({ requests: d.requests, spo: d.new + d.changed + d.unchanged, errors: d.errors.length })), ...this.running.values()];
    const sum = (k: 'requests' | 'spo' | 'errors'): number => all.reduce((n, x) => n + x[k], 0);
    // Short enough for an 80-column terminal to show the forces being read after it.
    const head = `${clock(this.now() - this.started)} ${this.done.length}/${this.done.length + this.running.size} done · ${sum('requests')} req, ${sum('spo')} SPO, ${sum('errors')} err`;
    // A terminal that does not say its width (columns 0 or unknown) is taken to be 100 wide.
    const width = Math.max(40, (this.out.columns || 100) - 1);
    let line = head;
    for (const p of this.running.values()) {
      const part = ` · ${progressText(p)}`;
      if (line.length + part.length > width) {
        line += ' …';
        break;
      }
      line += part;
    }
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  }

  private draw(): void {
    if (!this.tty || !this.running.size) return;
    this.lastDraw = this.now();
    this.out.write(`${CLEAR_LINE}${safeText(this.statusLine())}`);
    this.statusShown = true;
  }

  private clearStatus(): void {
    if (!this.statusShown) return;
    this.out.write(CLEAR_LINE);
    this.statusShown = false;
  }

  private printLine(line: string): void {
    this.clearStatus();
    this.out.write(`${safeText(line)}\n`);
    if (this.tty) this.draw();
  }
}
