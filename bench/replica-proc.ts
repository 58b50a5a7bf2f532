// The replica in its own process, for benchmarks: the crawler under test and the replica must not
// share one event loop (or one core's worth of JavaScript). Started with child_process.fork by
// bench/replica.ts; options arrive as JSON in REPLICA_OPTIONS, commands over IPC.
import { startReplica, type ReplicaOptions } from '../src/replica/index.ts';

export type ReplicaCommand = { cmd: 'requests'; forceId?: string } | { cmd: 'clear' } | { cmd: 'stop' };

const opts = JSON.parse(process.env.REPLICA_OPTIONS ?? '{}') as ReplicaOptions;
const t0 = performance.now();
const rep = await startReplica(opts);
const all = rep.allReleases();
process.send!({
  type: 'ready',
  origins: rep.origins,
  listings: rep.listings,
  releases: all.length,
  spo: rep.spoReleases().length,
  perForce: Object.fromEntries(Object.keys(rep.origins).map((id) => [id, rep.allReleases(id).length])),
  buildMs: Math.round(performance.now() - t0),
});

process.on('message', (m: ReplicaCommand) => {
  if (m.cmd === 'requests') {
    const rows = rep.requests.filter((r) => !m.forceId || r.forceId === m.forceId).map((r) => ({ forceId: r.forceId, path: r.path, url: r.url, status: r.status, at: r.at }));
    process.send!({ type: 'requests', rows });
  } else if (m.cmd === 'clear') {
    rep.clearLog();
    process.send!({ type: 'cleared' });
  } else if (m.cmd === 'stop') {
    void rep.stop().then(() => process.exit(0));
  }
});
process.on('disconnect', () => void rep.stop().then(() => process.exit(0)));
