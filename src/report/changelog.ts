// The Markdown changelog of a run (`changes/<run>.md`, beside `changes/<run>.ndjson`): what a person
// reads in the morning. New and changed orders in words, with the release each came from; releases
// new, changed and withdrawn; forces that failed or went quiet.
import type { DiffResult } from '../diff/index.ts';
import { forceById } from '../domain/forces.ts';
import { orderHeadline, readableDate, xmlText } from './feed.ts';

export interface ChangelogRun {
  runId: number | null;
  status: string;
  startedAt: string;
  forces: { force_id: string; ok: boolean; errors: string[]; silent: boolean; days_since_newest: number | null }[];
}

/** Markdown-safe text: scraped text cannot open a link, an image or HTML in a Markdown viewer. */
function md(s: string): string {
  return xmlText(s).replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
}

const forceName = (id: string | null): string => (id ? (forceById(id)?.name ?? id) : 'unknown force');
const link = (text: string, url: string | null): string => (url && /^https?:\/\//.test(url) ? `[${md(text)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : md(text));

export function changelogMarkdown(run: ChangelogRun, d: DiffResult): string {
  const out: string[] = [];
  out.push(`# Nightly run ${run.runId ?? '-'}: ${run.status}, ${readableDate(run.startedAt.slice(0, 10))}`, '');
  const newOrders = d.orders.filter((o) => o.event === 'new');
  const changed = d.orders.filter((o) => o.event === 'changed');
  const removed = d.orders.filter((o) => o.event === 'removed');
  const c = d.counts;
  out.push(
    `${newOrders.length} new order${newOrders.length === 1 ? '' : 's'}, ${changed.length} changed, ${removed.length} removed; ` +
      `releases: ${c.releases.new} new, ${c.releases.changed} changed, ${c.releases.gone} withdrawn.`,
    '',
  );
  const source = (o: DiffResult['orders'][number]): string => {
    // The release the order came from: the earliest report of it.
    const r = [...o.releases].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''))[0];
    return r ? ` (${link(r.title ?? r.url ?? r.release_id, r.url)}${r.published ? `, ${readableDate(r.published.slice(0, 10))}` : ''})` : '';
  };
  if (newOrders.length) {
    out.push('## New orders', '');
    for (const o of newOrders) out.push(`- ${md(orderHeadline(o.force_id, o.fields ?? {}))}${source(o)}`);
    out.push('');
  }
  if (changed.length) {
    out.push('## Changed orders', '');
    for (const o of changed) out.push(`- ${md(orderHeadline(o.force_id, o.fields ?? {}))}: ${md(o.changes.join('; '))}${source(o)}`);
    out.push('');
  }
  if (removed.length) {
    out.push('## Orders no longer reported', '', ...removed.map((o) => `- ${forceName(o.force_id)}: order o${o.order_id} (merged into another, or its release changed)`), '');
  }
  const gone = d.releases.filter((r) => r.event === 'gone');
  if (gone.length) {
    out.push('## Withdrawn releases', '', ...gone.map((r) => `- ${forceName(r.force_id)}: ${link(r.title ?? r.url ?? r.release_id, r.url)}`), '');
  }
  const failed = run.forces.filter((f) => !f.ok);
  const silent = run.forces.filter((f) => f.silent);
  if (failed.length || silent.length) {
    out.push('## Forces to look at', '');
    for (const f of failed) out.push(`- ${forceName(f.force_id)} failed: ${md(f.errors[0] ?? 'unknown error')}`);
    for (const f of silent) out.push(`- ${forceName(f.force_id)} has published nothing new for ${Math.round(f.days_since_newest ?? 0)} days, longer than usual`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
