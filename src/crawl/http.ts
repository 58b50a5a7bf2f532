// Bodies as the crawler reads them: decoded once, by the project, from the raw bytes (the HTTP layer
// passes them on untouched), and never more than a size limit of any response.
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import iconv from 'iconv-lite';

/** Responses are cut off here (the rest is never read into memory). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Charsets never honoured: UTF-7 (and its IMAP variant) turn plain ASCII such as `+ADw-script+AD4-`
 * into markup, which is how it is used against filters; no UK police site is written in it.
 */
const REFUSED_CHARSETS = /^(?:x-)?(?:unicode-1-1-)?utf-?7(?:-imap)?$/i;

/** The charset a Content-Type header or the page's first `<meta>` declares, if it is one we honour. */
function declaredCharset(buf: Buffer, contentType: string | undefined): string | null {
  const fromHeader = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
  const head = buf.subarray(0, 2048).toString('latin1');
  const fromMeta = head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
  for (const cs of [fromHeader, fromMeta]) {
    if (!cs || REFUSED_CHARSETS.test(cs) || !iconv.encodingExists(cs)) continue;
    // As browsers do (WHATWG Encoding): latin-1 and ASCII labels mean windows-1252.
    return /^(?:iso-?8859-1|latin-?1|l1|us-ascii|ascii|cp819|ibm819)$/i.test(cs) ? 'windows-1252' : cs;
  }
  return null;
}

/** Length of the valid UTF-8 sequence starting at `i` (0: the byte there starts none). */
function utf8SequenceAt(buf: Buffer, i: number): number {
  const b = buf[i]!;
  if (b < 0x80) return 1;
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > buf.length) return 0;
  const b1 = buf[i + 1]!;
  // Overlongs, surrogates and code points past U+10FFFF are not UTF-8 (the second byte's range says so).
  const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < n; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return 0;
  return n;
}

/**
 * UTF-8 with every byte that is not part of a valid sequence read as windows-1252 on its own (a
 * stray "£" pasted from elsewhere), so one bad byte spoils one character, never the whole page.
 * Hand-written: TextDecoder can only replace such bytes with U+FFFD, losing the character.
 */
function utf8ByteByByte(buf: Buffer): string {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    const n = utf8SequenceAt(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > start) parts.push(buf.toString('utf8', start, i));
    parts.push(iconv.decode(buf.subarray(i, i + 1), 'windows-1252'));
    i++;
    start = i;
  }
  if (start < buf.length) parts.push(buf.toString('utf8', start));
  return parts.join('');
}

/**
 * Text of a body, decoded once from the raw bytes: a byte-order mark first; else the bytes as UTF-8
 * when they are valid UTF-8 (whatever the header says: a UTF-8 page sent as iso-8859-1 is common);
 * else the charset the Content-Type or a `<meta>` declares (never UTF-7); else UTF-8 byte by byte,
 * a byte that is not UTF-8 read as windows-1252 (the usual truth behind a wrong or missing charset on
 * UK sites).
 */
export function decodeBody(buf: Buffer, contentType?: string): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return utf8ByteByByte(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf-16be');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    const cs = declaredCharset(buf, contentType);
    if (cs && !/^utf-?8$/i.test(cs)) return iconv.decode(buf, cs);
    return utf8ByteByByte(buf);
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
