// URL shapes: path segments, slug-like segments, same-origin checks. What a platform's `isArticleUrl`
// is written with.

/** Path segments of a URL path, without empty ones. */
export const segments = (path: string): string[] => path.split('/').filter(Boolean);

const MONTH_SEGMENT = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)(-\d{2,4})?$/i;

/** Whether a path segment looks like an article slug (not a year, month, number or one-word index). */
export function isSlugSegment(seg: string): boolean {
  let s: string;
  try {
    s = decodeURIComponent(seg);
  } catch {
    return false;
  }
  if (/^\d+$/.test(s) || MONTH_SEGMENT.test(s)) return false;
  if (/\.(aspx?|php|jpe?g|png|gif|pdf|docx?|xml|rss|css|js|svg|webp|ico)$/i.test(s)) return false;
  return /[a-z0-9]-+[a-z0-9]/i.test(s);
}

/** The path segments of a URL on the configured origin, or null for a malformed or off-site URL. */
export function sameOriginSegments(url: string, cfg: { origin: string }): string[] | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.origin !== new URL(cfg.origin).origin) return null;
  return segments(u.pathname);
}
