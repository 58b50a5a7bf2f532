// The Wayback Machine's CDX API, read as it really answers (wayback-cdx-server): with `output=json`
// the reply is an array whose first row names the fields, then one row per capture, all values
// strings; `[]` when nothing matches; with `showResumeKey=true` and a `limit`, an empty row and then a
// one-element row holding the key to pass as `resumeKey` for the next piece.
import { ArchiveHttpError, type PoliteClient } from './http.ts';

/** One CDX row (the default fields). */
export interface CdxRecord {
  urlkey: string;
  timestamp: string;
  original: string;
  mimetype: string;
  statuscode: string;
  digest: string;
  length: string;
}

const FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'] as const;

export interface CdxQuery {
  /** A host (`www.kent.police.uk`), a URL, or a URL prefix. */
  url: string;
  matchType?: 'exact' | 'prefix' | 'host' | 'domain';
  /** 1-14 digit timestamps (inclusive). */
  from?: string;
  to?: string;
  /** `[!]field:regex`, all must hold. */
  filters?: string[];
  collapse?: string[];
  /** Rows per request (default 5000). */
  pageSize?: number;
}

/** The CDX endpoint answered something that is not its JSON format. */
export class CdxFormatError extends Error {}

/** The URL of one CDX request. */
export function cdxUrl(archive: string, q: CdxQuery, resumeKey: string | null): string {
  const u = new URL('/cdx/search/cdx', archive);
  const p = u.searchParams;
  p.set('url', q.url);
  if (q.matchType && q.matchType !== 'exact') p.set('matchType', q.matchType);
  p.set('output', 'json');
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  for (const f of q.filters ?? []) p.append('filter', f);
  for (const c of q.collapse ?? []) p.append('collapse', c);
  p.set('limit', String(q.pageSize ?? 5000));
  p.set('showResumeKey', 'true');
  // The key comes back already encoded (`uk%2Cpolice...+2020...`): sent as it came.
  return resumeKey ? `${u.toString()}&resumeKey=${resumeKey}` : u.toString();
}

/** Parse one CDX JSON reply: its records and the resume key, if more remain. */
export function parseCdxJson(text: string, url = 'CDX reply'): { records: CdxRecord[]; resumeKey: string | null } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CdxFormatError(`${url}: not JSON (${JSON.stringify(text.slice(0, 80))})`);
  }
  if (!Array.isArray(data)) throw new CdxFormatError(`${url}: expected a JSON array`);
  if (data.length === 0) return { records: [], resumeKey: null };
  const header = data[0];
  if (!Array.isArray(header) || !header.every((h) => typeof h === 'string')) throw new CdxFormatError(`${url}: the first row does not name the fields`);
  // Fields are found by name: the order is whatever the server (or `fl=`) chose.
  const at = Object.fromEntries(FIELDS.map((f) => [f, header.indexOf(f)])) as Record<(typeof FIELDS)[number], number>;
  for (const f of ['timestamp', 'original'] as const) if (at[f] < 0) throw new CdxFormatError(`${url}: no "${f}" field in ${JSON.stringify(header)}`);
  const records: CdxRecord[] = [];
  let resumeKey: string | null = null;
  for (let i = 1; i < data.length; i++) {
    const row = data[i];
    if (!Array.isArray(row)) throw new CdxFormatError(`${url}: row ${i} is not an array`);
    if (row.length === 0) {
      // The separator before the resume key.
      const next = data[i + 1];
      if (Array.isArray(next) && typeof next[0] === 'string') resumeKey = next[0] || null;
      break;
    }
    const get = (f: (typeof FIELDS)[number]): string => (at[f] >= 0 ? String(row[at[f]] ?? '') : '');
    records.push({ urlkey: get('urlkey'), timestamp: get('timestamp'), original: get('original'), mimetype: get('mimetype'), statuscode: get('statuscode'), digest: get('digest'), length: get('length') });
  }
  return { records, resumeKey };
}

/**
 * Every capture a query matches, one page (`pageSize` rows) per request, following resume keys. A
 * resume key seen twice ends the walk (a server looping on one page must not loop us).
 */
export async function* cdxPages(http: PoliteClient, archive: string, q: CdxQuery): AsyncGenerator<CdxRecord[]> {
  let key: string | null = null;
  const keys = new Set<string>();
  for (;;) {
    const url = cdxUrl(archive, q, key);
    const res = await http.get(url);
    if (res.status !== 200) {
      const detail = res.body.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
      throw new ArchiveHttpError(url, `CDX answered ${res.status}${detail ? `: ${detail}` : ''}`, res.status);
    }
    const page = parseCdxJson(res.body.toString('utf8'), url);
    if (page.records.length) yield page.records;
    if (!page.resumeKey || keys.has(page.resumeKey)) return;
    keys.add(page.resumeKey);
    key = page.resumeKey;
  }
}
