// Bodies as the crawler reads them: decoded even when they lie about their charset, and never more
// than a size limit of any response.
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import iconv from 'iconv-lite';

/** Responses are cut off here (the rest is never read into memory). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Text of a body: UTF-8 when it is valid UTF-8; otherwise the charset a `<meta>` names, else windows-1252
 * (the usual truth behind a wrong or missing charset header on UK sites).
 */
export function decodeBody(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    const head = buf.subarray(0, 2048).toString('latin1');
    const m = head.match(/<meta[^>]+charset=["']?([\w-]+)/i);
    const cs = m && iconv.encodingExists(m[1]!) && !/^utf-?8$/i.test(m[1]!) ? m[1]! : 'windows-1252';
    return iconv.decode(buf, cs);
  }
}

/**
 * Wrap a response so that at most `max` bytes are passed on; past that the body is cut off and the
 * connection closed. `onCut` is called when that happens.
 */
export function limitResponse(response: IncomingMessage, max: number, onCut: () => void): IncomingMessage {
  const out = new PassThrough();
  let n = 0;
  let cut = false;
  response.on('data', (chunk: Buffer) => {
    if (cut) return;
    if (n + chunk.length > max) {
      cut = true;
      out.end(chunk.subarray(0, Math.max(0, max - n)));
      onCut();
      response.destroy();
      return;
    }
    n += chunk.length;
    if (!out.write(chunk)) {
      response.pause();
      out.once('drain', () => response.resume());
    }
  });
  response.on('end', () => {
    if (!cut) out.end();
  });
  response.on('error', (e: Error) => {
    if (!cut) out.destroy(e);
  });
  response.on('close', () => {
    if (!cut && !out.writableEnded) out.destroy(new Error('connection closed before the response was complete'));
  });
  for (const k of ['statusCode', 'statusMessage', 'headers', 'rawHeaders', 'url', 'redirectUrls', 'request', 'ip', 'httpVersion'] as const) {
    if (k in response) Object.defineProperty(out, k, { value: (response as unknown as Record<string, unknown>)[k], enumerable: true, writable: true });
  }
  return out as unknown as IncomingMessage;
}
