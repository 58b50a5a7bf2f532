// `spo nightly --notify URL`: one JSON POST per run that found new or changed orders, for a chat
// webhook, a newsroom bot or a mail relay. A failed notification is reported in the run summary, never
// fatal: the data is saved whatever the receiver does.
import type { DiffResult } from '../diff/index.ts';
import { exportedOrderId } from '../domain/ids.ts';
import { orderHeadline } from '../report/feed.ts';

export interface NotifyResult {
  url: string;
  ok: boolean;
  /** HTTP status of the receiver's answer. */
  status?: number;
  error?: string;
  orders: number;
}

/** The body posted: the run, then each new or changed order in words with its source release. */
export function notifyPayload(runId: number | null, status: string, d: DiffResult, feed: string | null): Record<string, unknown> {
  const orders = d.orders
    .filter((o) => o.event !== 'removed')
    .map((o) => {
      const r = [...o.releases].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''))[0];
      return {
        event: o.event,
        order_id: exportedOrderId(o.order_id),
        force_id: o.force_id,
        text: orderHeadline(o.force_id, o.fields ?? {}),
        changes: o.event === 'changed' ? o.changes : [],
        release: r ? { title: r.title, url: r.url, published: r.published } : null,
      };
    });
  return { source: 'spo-tracker', run_id: runId, status, new_orders: orders.filter((o) => o.event === 'new').length, changed_orders: orders.filter((o) => o.event === 'changed').length, orders, feed };
}

/** Check a --notify value before the run starts: an http(s) URL, or a clear error naming the flag. */
export function checkNotifyUrl(url: string | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--notify must be an http(s) URL, got "${url}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`--notify must be an http(s) URL, got "${url}"`);
  return u.href;
}

/** POST the payload; at most `timeoutMs` (default 10 s). */
export async function sendNotification(url: string, payload: Record<string, unknown>, timeoutMs = 10_000): Promise<NotifyResult> {
  const orders = (payload.orders as unknown[]).length;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'spo-tracker nightly' },
      body: JSON.stringify(payload),
      redirect: 'error',
      signal: controller.signal,
    });
    await res.arrayBuffer().catch(() => undefined);
    return { url, ok: res.ok, status: res.status, orders, ...(res.ok ? {} : { error: `the receiver answered HTTP ${res.status}` }) };
  } catch (e) {
    const err = e as Error;
    return { url, ok: false, orders, error: err.name === 'AbortError' ? `no answer within ${timeoutMs / 1000} s` : (err.cause as Error | undefined)?.message ?? err.message };
  } finally {
    clearTimeout(timer);
  }
}
