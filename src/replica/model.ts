// The replica's in-memory sites: one ReplicaSite per force holding its releases, newest first.

import type { ReleaseKind } from './content.ts';
import { MONTHS, type ReplicaForce } from './forces.ts';
import { hash32, mndSlugify, sohSlugify, summarise } from './util.ts';

export interface Rel {
  forceId: string;
  title: string;
  slug: string;
  body: string;
  description: string;
  /** UK wall-clock ms. */
  local: number;
  /** UK wall-clock ms of the last change (changeRelease), else undefined. */
  modified?: number;
  kind: ReleaseKind;
  category: string;
  path: string;
  /** Mynewsdesk numeric id. */
  id6: number;
  image: string;
  removed: boolean;
  monthSegment?: string;
  source?: string;
}

const IMAGES = ['police-car', 'police-tape', 'cctv-camera', 'court-exterior', 'officers-on-patrol', 'road-closed', 'knife-bin', 'blue-lights', 'evidence-bag', 'handcuffs'];

export class ReplicaSite {
  readonly releases: Rel[] = [];
  private readonly byPath = new Map<string, Rel>();
  private nextId6: number;

  constructor(readonly force: ReplicaForce) {
    this.nextId6 = 401_000 + (hash32(force.id) % 90_000);
  }

  /** Live (not removed) releases, newest first. */
  live(): Rel[] {
    return this.releases.filter((r) => !r.removed);
  }

  get(path: string): Rel | undefined {
    return this.byPath.get(path) ?? this.byPath.get(path.endsWith('/') ? path.slice(0, -1) : path + '/');
  }

  add(input: { title: string; body: string; local: number; kind: ReleaseKind; category: string; description?: string; monthSegment?: string; source?: string }): Rel {
    const f = this.force;
    const slugBase = f.platform === 'mynewsdesk' || f.platform === 'drupal' ? mndSlugify(input.title) : sohSlugify(input.title) || 'news';
    const id6 = this.nextId6;
    this.nextId6 += 7 + (hash32(input.title) % 40);
    const kw = input.kind === 'spo' || input.kind === 'near-miss' ? 'stalking-helpline' : IMAGES[hash32(input.title) % IMAGES.length]!;
    let rel: Rel | undefined;
    for (let n = 1; ; n++) {
      const slug = n === 1 ? slugBase : `${slugBase}-${n}`;
      const path = articlePath(f, { ...input, slug, id6 });
      if (this.byPath.has(path)) continue;
      const d = new Date(input.local);
      rel = {
        forceId: f.id,
        title: input.title,
        slug,
        body: input.body,
        description: input.description ?? summarise(input.body, 200),
        local: input.local,
        kind: input.kind,
        category: input.category,
        path,
        id6,
        image: imagePath(f, d, kw),
        removed: false,
      };
      if (input.monthSegment) rel.monthSegment = input.monthSegment;
      if (input.source) rel.source = input.source;
      break;
    }
    this.byPath.set(rel.path, rel);
    // keep newest first (stable for equal times: the newcomer goes first)
    const at = this.releases.findIndex((x) => x.local <= rel.local);
    if (at < 0) this.releases.push(rel);
    else this.releases.splice(at, 0, rel);
    return rel;
  }
}

function imagePath(f: ReplicaForce, d: Date, kw: string): string {
  const seg = f.sohSlug ?? f.id;
  if (f.platform === 'mynewsdesk') return `https://mnd-assets.mynewsdesk.com/image/upload/c_fill,dpr_auto,f_auto,g_auto,q_auto:good,w_746,ar_16:9/${kw}-${d.getUTCFullYear()}`;
  if (f.platform === 'lancashire') return `/media/${d.getUTCFullYear()}/${kw}.jpg`;
  if (f.platform === 'drupal') return `/sites/default/files/${d.toISOString().slice(0, 7)}/${kw}.jpg`;
  return `/SysSiteAssets/media/images/${seg}/news/${d.getUTCFullYear()}/${MONTHS[d.getUTCMonth()]}/${kw}.jpg`;
}

/** Article path for a release, in the force's URL shape. */
export function articlePath(f: ReplicaForce, r: { slug: string; local: number; category: string; id6: number; monthSegment?: string }): string {
  const d = new Date(r.local);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const month = MONTHS[m]!;
  if (f.platform === 'mynewsdesk') return `/news/${r.slug}-${r.id6}`;
  if (f.platform === 'lancashire') return `/news/${y}/${month}/${r.slug}/`;
  if (f.platform === 'drupal') return `/news-and-appeals/${r.slug}`;
  const base = `/news/${f.sohSlug}/news/`;
  switch (f.articleShape) {
    case 'news':
      return `${base}${y}/${month}/${r.slug}/`;
    case 'merseyside':
      return y >= 2026 ? `${base}${y}/${month}-${y}/${r.slug}/` : `${base}${y}/${month}/${r.slug}/`;
    case 'articles-num':
      return `${base}articles/${y}/${m + 1}/${r.slug}/`;
    case 'region':
    case 'category':
      return `${base}${r.category}/${r.slug}/`;
    case 'month-yy':
      return `${base}news/${y}/${r.monthSegment ?? `${month}-${String(y).slice(2)}`}/${r.slug}/`;
    case 'news-news':
    default:
      return `${base}news/${y}/${month}/${r.slug}/`;
  }
}
