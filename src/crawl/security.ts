// What the crawler may fetch: only configured origins, over http(s). Links and redirects to other
// hosts, to IP literals or to private, loopback or link-local addresses are refused unless that very
// origin was configured (the replica's loopback origins are configured explicitly).
import { isIP } from 'node:net';

/** Whether an IP address is private, loopback, link-local, unspecified or otherwise not public. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (v === 6) {
    const x = ip.toLowerCase();
    if (x === '::1' || x === '::') return true;
    if (x.startsWith('::ffff:')) return isPrivateAddress(x.slice(7));
    return /^f[cd]/.test(x) || /^fe[89ab]/.test(x) || x.startsWith('ff');
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
