// What the crawler may fetch: only configured origins, over http(s). Links and redirects to other
// hosts, to IP literals or to private, loopback or link-local addresses are refused unless that very
// origin was configured (the replica's loopback origins are configured explicitly).
import { isIP } from 'node:net';

/** The 8 16-bit groups of an IPv6 address (embedded IPv4 tails included), or null. */
function ipv6Groups(ip: string): number[] | null {
  let x = ip.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = x.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const o = v4[2]!.split('.').map(Number);
    x = `${v4[1]}${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const halves = x.split('::');
  if (halves.length > 2) return null;
  const part = (h: string): number[] => (h === '' ? [] : h.split(':').map((g) => parseInt(g, 16)));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<number>(Math.max(0, fill)).fill(0), ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Whether an IP address is private, loopback, link-local, unspecified, CGNAT or multicast (any spelling). */
export function isPrivateAddress(ip: string): boolean {
  const host = ip.replace(/^\[|\]$/g, '');
  const v = isIP(host);
  if (v === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (v === 6) {
    const g = ipv6Groups(host);
    if (!g) return true;
    if (g.slice(0, 7).every((n) => n === 0) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses: judge the IPv4 address.
    if (g.slice(0, 5).every((n) => n === 0) && (g[5] === 0xffff || g[5] === 0)) {
      return isPrivateAddress(`${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`);
    }
    const first = g[0]!;
    return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
  }
  return false;
}

export class UrlPolicy {
  private readonly origins = new Set<string>();
  private readonly hosts = new Set<string>();

  /** `origins`: configured origins (fetchable as they are); `allowHosts`: extra public host names. */
  constructor(origins: string[], allowHosts: string[] = []) {
    for (const o of origins) this.origins.add(new URL(o).origin);
    for (const h of allowHosts) this.hosts.add(h.toLowerCase());
  }

  addOrigin(origin: string): void {
    this.origins.add(new URL(origin).origin);
  }

  /** Null when the URL may be fetched, else the reason it is refused. */
  refusal(url: string): string | null {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return `not a URL: ${url.slice(0, 200)}`;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `scheme ${u.protocol} refused`;
    if (u.username || u.password) return 'credentials in URL refused';
    if (this.origins.has(u.origin)) return null;
    const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isIP(host)) return `IP address ${host} is not a configured origin`;
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return `local host ${host} refused`;
    if (this.hosts.has(host)) return null;
    return `host ${host} is not a configured origin`;
  }
}
