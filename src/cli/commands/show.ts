import type { Command } from 'commander';
import { ORDER_SCALARS } from '../../domain/types.ts';
import type { Store } from '../../store/index.ts';
import { dbOption } from '../options.ts';
import { databaseId } from '../../domain/ids.ts';
import { say, sayJson } from '../print.ts';

function clip(s: string, n = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** The release a user means: a full id or an unambiguous prefix. */
function findRelease(store: Store, given: string) {
  // An empty prefix would match every release.
  if (!given.trim()) throw new Error('give a release id (or its first characters): `spo search` and `spo export releases` list them');
  const exact = store.release(given) ?? store.release(databaseId(given)); // exports write "r" + the id
  if (exact) return exact;
  const id = /^r[0-9a-f]/.test(given) ? databaseId(given) : given;
  const hits = store.releasesByPrefix(id);
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) throw new Error(`release id "${id}" is ambiguous: ${hits.map((h) => h.release_id).join(', ')}`);
  throw new Error(`no release with id "${id}"`);
}

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('print a release and each order found in it, every field beside the sentence it came from')
    .argument('<release-id>', 'release id (or a unique prefix of it; the "r..." form of exports too)')
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { db: string; json?: boolean }) => {
      const { openForReading } = await import('../../report/open.ts');
      const store = openForReading(opts.db);
      try {
        const r = findRelease(store, id)!;
        const { mentions, evidence, conditions } = store.storedExtraction(r.release_id);
        const revisions = store.revisionOrigins(r.release_id);
        if (opts.json) {
          sayJson({ release: r, revisions, mentions, conditions, evidence, corrections: [...new Set(mentions.map((m) => m.order_id).filter((id): id is string => !!id))].flatMap((id) => store.corrections.appliedTo(id)) });
          return;
        }
        say(`${r.title ?? '(untitled)'}`);
        say(`  id ${r.release_id} · force ${r.force_id ?? '-'} · published ${r.published ?? '-'} · status ${r.status}`);
        if (r.url) say(`  ${r.url}`);
        if (r.document_path) say(`  file ${r.document_path}`);
        // Where each text came from: the live site, a web archive's capture, or a file.
        for (const v of revisions) {
          const copy = v.archived_url ? ` · archived copy ${v.archived_url} captured ${v.archived_at ?? '?'}` : '';
          say(`  revision ${v.revision_id} ${v.source.padEnd(7)} fetched ${v.fetched_at}${v.content_hash === r.content_hash ? ' (current)' : ''}${copy}`);
        }
        for (const e of evidence.filter((x) => x.mention_id === null)) {
          say(`  ${e.field.padEnd(10)} ${e.value}  ⟵ [${e.char_start}-${e.char_end}] "${clip(e.sentence)}"`);
        }
        if (!mentions.length) say('\n  no specific order found in this release');
        mentions.forEach((m, i) => {
          say(`\n  order ${i + 1} of ${mentions.length}${m.order_id ? ` (order ${m.order_id})` : ''}`);
          const ev = evidence.filter((x) => x.mention_id === m.mention_id);
          for (const f of ORDER_SCALARS) {
            const v = m[f];
            const e = ev.find((x) => x.field === f);
            const value = v === null || v === undefined ? '-' : String(v);
            say(`    ${f.padEnd(13)} ${value.padEnd(28)}${e ? ` ⟵ [${e.char_start}-${e.char_end}] "${clip(e.sentence)}"` : ''}`);
          }
          for (const c of conditions.filter((x) => x.mention_id === m.mention_id)) {
            const field = c.condition_type === 'prohibition' ? 'prohibitions' : 'requirements';
            const e = ev.find((x) => x.field === field && x.value === c.term);
            say(`    ${(c.condition_type === 'prohibition' ? 'prohibits' : 'requires').padEnd(13)} ${c.term.padEnd(28)}${e ? ` ⟵ [${e.char_start}-${e.char_end}] "${clip(e.sentence)}"` : ''}`);
          }
          // What a person corrected on the order this mention belongs to: it overrides what was read here.
          for (const c of m.order_id ? store.corrections.appliedTo(m.order_id) : []) {
            const what = c.action === 'set' ? `${c.field} = ${c.value}` : c.action === 'merge' ? `merged from order ${c.order_id}` : 'removed';
            say(`    corrected     ${what} (#${c.correction_id}, ${c.created_at.slice(0, 10)}${c.note ? `: ${c.note}` : ''})`);
          }
        });
      } finally {
        store.close();
      }
    });
}
