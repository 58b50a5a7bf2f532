// A hostile site on loopback (issue 18): a proxy in front of a faithful replica origin that serves the
// replica's pages as they are, except the requests an attack matches, which it turns into what an
// adversarial round found breaking the crawler: a listing with thousands of links, pages nested
// thousands of elements deep, lying charsets, UTF-7, a body that drips a byte at a time, a robots.txt
// that never answers, pagination that never ends and a chunked body that never ends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Attack =
  /** `links` extra article links (href from `href(i)`) in a list before `</main>` (else `</body>`). */
  | { kind: 'many-links'; paths: RegExp; links: number; href: (i: number) => string }
  /** The page's body content wrapped in `depth` nested `<div>`s. */
  | { kind: 'deep'; paths: RegExp; depth: number }
  /**
   * The page as bytes the crawler must decode itself: `contentType` replaces the header, `meta` is a
   * `<meta charset>` put first in `<head>`, `bytes` edits the body (e.g. one invalid UTF-8 byte).
   */
  | { kind: 'charset'; paths: RegExp; contentType?: string; meta?: string; bytes?: (body: Buffer) => Buffer }
  /** Headers at once, then one byte every `everyMs` (default 100 ms), never ending. */
  | { kind: 'drip'; paths: RegExp; everyMs?: number }
  /** The connection is accepted and never answered. */
  | { kind: 'silent'; paths: RegExp }
  /**
   * Listing pages without end: page N (`?page=N`, N > 1) is page 1 with every link matching `article`
   * given a `-pN` suffix (new articles, all 404) and its next link pointing at page N + 1.
   */
  | { kind: 'endless-pages'; paths: RegExp; article: RegExp }
  /** A chunked 200 that streams 64 KiB chunks of HTML forever. */
  | { kind: 'endless-chunked'; paths: RegExp };

export interface HostileRequest {
  path: string;
  /** The attack that answered it, null when the replica's page was served as is. */
  attack: Attack['kind'] | null;
}

export interface HostileSite {
  /** The origin to crawl instead of the replica's (give it as the force's --origin). */
  readonly origin: string;
  readonly requests: HostileRequest[];
  setAttacks(attacks: Attack[]): void;
  stop(): Promise<void>;
}

/** Start a hostile proxy for one replica origin on 127.0.0.1 (never anything else). */
export async function startHostile(upstream: string, attacks: Attack[] = []): Promise<HostileSite> {
  let current = attacks;
  const requests: HostileRequest[] = [];
  const open = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer(async (req, res) => {
    const path = req.url ?? '/';
    const attack = current.find((a) => a.paths.test(path)) ?? null;
    requests.push({ path, attack: attack?.kind ?? null });
    open.add(res);
    res.on('close', () => open.delete(res));
    try {
      await answer(req, res, path, attack);
    } catch (e) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`hostile proxy: ${(e as Error).message}`);
    }
  });

  async function upstreamPage(path: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const r = await fetch(new URL(path, upstream), { redirect: 'manual' });
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) headers[k] = v;
    });
    return { status: r.status, headers, body: Buffer.from(await r.arrayBuffer()) };
  }

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, path: string, attack: Attack | null): Promise<void> {
    if (attack?.kind === 'silent') return; // never answered; closed by the client or at stop()
    if (attack?.kind === 'drip' || attack?.kind === 'endless-chunked') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!DOCTYPE html><html><head><title>Never ends</title></head><body><main><h1>Never ends</h1><p>');
      const chunk = attack.kind === 'drip' ? 'x' : `${'<p>filler text that never ends. '.repeat(2048)}</p>`;
      const every = attack.kind === 'drip' ? (attack.everyMs ?? 100) : 1;
      const t = setInterval(() => {
        if (res.destroyed || res.writableEnded) return clearStream();
        res.write(chunk);
      }, every);
      const clearStream = (): void => {
        clearInterval(t);
        timers.delete(t);
      };
      timers.add(t);
      req.socket.on('close', clearStream);
      return;
    }
    if (attack?.kind === 'endless-pages') {
      const u = new URL(path, upstream);
      const n = Number(u.searchParams.get('page') ?? '1');
      u.searchParams.delete('page');
      const page = await upstreamPage(u.pathname + u.search);
      let html = page.body.toString('utf8');
      if (n > 1) {
        html = html.replace(new RegExp(attack.article.source, `${attack.article.flags.replace('g', '')}g`), (m) => m.replace(/\/?$/, (s) => `-p${n}${s}`));
      }
      html = html.replace(/([?&](?:amp;)?page=)\d+/g, `$1${n + 1}`);
      res.writeHead(page.status, { ...page.headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const page = await upstreamPage(path);
    if (!attack) {
      res.writeHead(page.status, page.headers);
      res.end(page.body);
      return;
    }
    let body = page.body;
    const headers = { ...page.headers };
    if (attack.kind === 'many-links') {
      const list = Array.from({ length: attack.links }, (_, i) => `<li class="hostile"><a href="${attack.href(i)}">Hostile link number ${i}</a></li>`).join('\n');
      body = Buffer.from(insertBefore(body.toString('utf8'), ['</main>', '</body>'], `<ul class="hostile-links">\n${list}\n</ul>\n`));
    } else if (attack.kind === 'deep') {
      const html = body.toString('utf8').replace(/<body([^>]*)>/i, (m) => m + '<div>'.repeat(attack.depth));
      body = Buffer.from(insertBefore(html, ['</body>'], '</div>'.repeat(attack.depth)));
    } else if (attack.kind === 'charset') {
      let html = body.toString('latin1'); // byte-preserving: the edits below are ASCII
      if (attack.meta !== undefined) html = html.replace(/<meta charset="[^"]*">/i, '').replace(/<head([^>]*)>/i, (m) => `${m}<meta charset="${attack.meta}">`);
      body = Buffer.from(html, 'latin1');
      if (attack.bytes) body = attack.bytes(body);
      if (attack.contentType !== undefined) headers['content-type'] = attack.contentType;
    }
    res.writeHead(page.status, headers);
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    setAttacks(a) {
      current = a;
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      for (const r of open) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `html` with `insert` put before the last of the first of `markers` found (else at the end). */
function insertBefore(html: string, markers: string[], insert: string): string {
  for (const m of markers) {
    const i = html.lastIndexOf(m);
    if (i >= 0) return html.slice(0, i) + insert + html.slice(i);
  }
  return html + insert;
}
