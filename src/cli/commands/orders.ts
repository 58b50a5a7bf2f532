import type { Command } from 'commander';
import { ORDER_SCALARS } from '../../domain/types.ts';
import type { OrderExplanation } from '../../orders/index.ts';
import { REVIEW_BELOW_CONFIDENCE } from '../../orders/corrections.ts';
import type { Store } from '../../store/index.ts';
import { dbOption } from '../options.ts';
import { say, sayJson } from '../print.ts';

const dash = (v: unknown): string => (v === null || v === undefined || v === '' ? '-' : String(v));

function printExplanation(x: OrderExplanation): void {
  const o = x.order;
  say(`order ${o.order_id}  ${dash(o.force_id)}  counted once, reported by ${x.mentions.length} release${x.mentions.length === 1 ? '' : 's'}`);
  for (const f of ORDER_SCALARS) say(`  ${f.padEnd(13)} ${dash(o[f])}`);
  say(`  ${'prohibits'.padEnd(13)} ${x.prohibitions.join(', ') || '-'}`);
  say(`  ${'requires'.padEnd(13)} ${x.requirements.join(', ') || '-'}`);
  if (x.case_orders.length > 1) {
    say(`  case ${o.case_id}: ${x.case_orders.map((c) => `${c.order_id} (${dash(c.kind)}${c.made_on ? ` ${c.made_on}` : ''})`).join(' then ')}`);
  }
  say('\nmentions');
  x.mentions.forEach((m, i) => {
    say(`  ${i + 1}. release ${m.release_id} #${m.ordinal + 1}${m.status === 'withdrawn' ? ' (withdrawn)' : ''}  ${dash(m.published?.slice(0, 10))}  ${m.title ?? '(untitled)'}`);
    if (m.url) say(`     ${m.url}`);
    const fields = Object.entries(m.fields).filter(([, v]) => v !== null).map(([k, v]) => `${k} ${v}`);
    say(`     says: ${[...fields, ...m.conditions].join('; ') || 'nothing specific'}`);
    if (m.role === 'anchor') say('     anchor: the first report of this order (its id comes from here)');
    else say(`     merged (score ${dash(m.score)}): agreed on ${m.agreed.join(', ')} — ${m.reason}`);
  });
  if (x.corrections.length) {
    say('\ncorrected by hand (kept over every rebuild; spo correct --undo N reverts one)');
    for (const c of x.corrections) {
      const what = c.action === 'set' ? `${c.field} = ${c.value}` : c.action === 'merge' ? `order ${c.order_id} merged into this one` : 'removed';
      say(`  #${c.correction_id}  ${c.created_at.slice(0, 10)}  ${what}${c.note ? `  note: ${c.note}` : ''}`);
    }
  }
  if (x.links.length) {
    say('\nlinks');
    for (const l of x.links) {
      const other = l.order_id === o.order_id ? l.other_order_id : l.order_id;
      const what = l.link_type === 'same_case' ? 'same case (interim then full)' : 'candidate, not merged';
      say(`  ${other}  ${what}, score ${dash(l.score)}: ${dash(l.reason)}`);
    }
  }
}

/** `spo orders --review`: what extraction was unsure of, least confident first, with its reasons. */
function printReview(store: Store, force: string | undefined, json: boolean): void {
  const rows = store.corrections
    .review(REVIEW_BELOW_CONFIDENCE)
    .filter((r) => force === undefined || r.force_id === force)
    .map((r) => ({
      ...r,
      reasons: [...new Set((JSON.parse(r.reasons) as string[][]).flat())],
    }));
  if (json) {
    sayJson(rows);
    return;
  }
  say(`${rows.length} order${rows.length === 1 ? '' : 's'} to review (spo orders --explain ID shows the evidence; spo correct fixes one)`);
  for (const r of rows) {
    const conf = r.confidence === null ? '-' : r.confidence.toFixed(2);
    say(`  ${r.order_id}  ${dash(r.force_id).padEnd(18)} confidence ${conf}  ${r.reasons.join('; ') || 'low confidence'}`);
  }
}

export function registerOrders(program: Command): void {
  program
    .command('orders')
    .description('list orders, each counted once however many releases report it; --explain ID shows why its mentions were merged')
    .addOption(dbOption())
    .option('--explain <id>', 'show the mentions merged into one order (id or unique prefix), why, and its candidate links')
    .option('--review', `orders a person should check: extraction flagged a mention, or trusted it below ${REVIEW_BELOW_CONFIDENCE}; none corrected since`)
    .option('--force <id>', 'only orders of this force')
    .option('--json', 'print as JSON')
    .action(async (opts: { db: string; explain?: string; review?: boolean; force?: string; json?: boolean }) => {
      const { correctionsByOrder, explainOrder } = await import('../../orders/index.ts');
      const { checkForce } = await import('../../report/rows.ts');
      const { openForReading } = await import('../../report/open.ts');
      const force = opts.force !== undefined ? checkForce(opts.force) : undefined;
      const store = openForReading(opts.db);
      try {
        if (opts.explain !== undefined) {
          const x = explainOrder(store, opts.explain);
          if (opts.json) sayJson(x);
          else printExplanation(x);
          return;
        }
        if (opts.review) {
          printReview(store, force, opts.json ?? false);
          return;
        }
        const rows = store.orders.list(force);
        const corrected = correctionsByOrder(store);
        if (opts.json) {
          sayJson(rows.map((r) => ({ ...r, prohibitions: r.prohibitions?.split(' ') ?? [], requirements: r.requirements?.split(' ') ?? [] })));
          return;
        }
        const mentions = rows.reduce((n, r) => n + r.mentions, 0);
        const cases = new Set(rows.map((r) => r.case_id)).size;
        say(`${rows.length} order${rows.length === 1 ? '' : 's'} (${cases} case${cases === 1 ? '' : 's'}) from ${mentions} mention${mentions === 1 ? '' : 's'}`);
        for (const r of rows) {
          const who = [r.sex, r.age !== null ? `${r.age}` : null, r.town].filter(Boolean).join(' ');
          say(
            `  ${r.order_id}  ${dash(r.force_id).padEnd(18)} ${dash(r.kind).padEnd(7)} ${dash(r.made_on).padEnd(10)} ${dash(r.duration).padEnd(18)} ${(who || '-').padEnd(24)} ×${r.mentions}` +
              `${r.case_id !== r.order_id ? `  case ${r.case_id}` : ''}${r.candidates ? `  ${r.candidates} candidate link${r.candidates > 1 ? 's' : ''}` : ''}` +
              `${corrected.has(r.order_id) ? `  corrected: ${corrected.get(r.order_id)!.corrected.join(', ')}` : ''}`,
          );
        }
      } finally {
        store.close();
      }
    });
}
