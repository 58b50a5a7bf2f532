import type { Command } from 'commander';
import { CORRECTABLE_FIELDS } from '../../orders/corrections.ts';
import type { CorrectionRow } from '../../store/index.ts';
import { dbOption, intArg } from '../options.ts';
import { say, sayJson, warn } from '../print.ts';

function describe(c: CorrectionRow): string {
  const what =
    c.action === 'set'
      ? `set ${c.field} = ${c.value}`
      : c.action === 'remove'
        ? 'removed the order'
        : `merged into ${(JSON.parse(c.value!) as { order_id: string }).order_id}`;
  const state = c.undone_at ? `undone ${c.undone_at.slice(0, 10)}` : c.applied_to ? `applies to ${c.applied_to}` : 'order not found now';
  return `#${c.correction_id}  ${c.created_at.slice(0, 10)}  order ${c.order_id}: ${what}  (${state})${c.note ? `  note: ${c.note}` : ''}`;
}

export function registerCorrect(program: Command): void {
  program
    .command('correct')
    .description(
      'correct an order by hand: set fields, remove a wrong order, merge two; corrections are kept apart and applied over every re-extraction and re-crawl',
    )
    .argument('[order_id]', 'the order (id or unique prefix, as `spo orders` lists it)')
    .argument('[assignments...]', `FIELD=VALUE pairs; fields: ${CORRECTABLE_FIELDS.join(', ')}; "null" clears a field; lists are comma-separated`)
    .addOption(dbOption())
    .option('--note <text>', 'why: kept with the correction and shown in exports')
    .option('--remove', 'the order is wrong (no such order was made): remove it')
    .option('--merge-into <order_id>', 'the order is the same as another: merge it into that one')
    .option('--undo <correction_id>', 'undo a correction (it stays in the history, marked undone)', intArg('--undo'))
    .option('--list', 'list every correction, undone ones too')
    .option('--json', 'print as JSON')
    .action(
      async (
        orderArg: string | undefined,
        assignments: string[],
        opts: { db: string; note?: string; remove?: boolean; mergeInto?: string; undo?: number; list?: boolean; json?: boolean },
      ) => {
        const { correctOrder, findOrderId, mergeOrders, rebuildOrders, removeOrder, undoCorrection } = await import('../../orders/index.ts');
        const { openStore, prepareDatabasePath } = await import('../../store/index.ts');
        // Corrections change an existing database; they never create one.
        prepareDatabasePath(opts.db, 'read');
        const store = openStore(opts.db);
        try {
          if (opts.list) {
            const all = store.corrections.all();
            if (opts.json) sayJson(all);
            else if (!all.length) say('no corrections');
            else for (const c of all) say(describe(c));
            return;
          }
          if (opts.undo !== undefined) {
            const c = undoCorrection(store, opts.undo, rebuildOrders);
            if (opts.json) sayJson(c);
            else say(`undone: ${describe(c)}`);
            return;
          }
          if (!orderArg) throw new Error('give an order id (spo orders lists them), or --list / --undo N');
          const modes = [opts.remove, opts.mergeInto !== undefined, assignments.length > 0].filter(Boolean).length;
          if (modes !== 1) throw new Error('give exactly one of: FIELD=VALUE pairs, --remove, --merge-into ORDER_ID');
          const orderId = findOrderId(store, orderArg);
          const req = { orderId, note: opts.note ?? null };
          let ids: number[];
          if (opts.remove) ids = [removeOrder(store, req)];
          else if (opts.mergeInto !== undefined) ids = [mergeOrders(store, req, findOrderId(store, opts.mergeInto))];
          else ids = correctOrder(store, req, assignments);
          const rows = ids.map((id) => store.corrections.get(id)!);
          if (opts.json) sayJson(rows);
          else for (const c of rows) say(`recorded: ${describe(c)}`);
          if (!opts.json) warn('applied now and after every re-extraction or re-crawl; undo with spo correct --undo N');
        } finally {
          store.close();
        }
      },
    );
}
