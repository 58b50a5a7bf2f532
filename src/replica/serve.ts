// Manual use: serves the replica until Ctrl-C and prints the origins.
//   npx tsx src/replica/serve.ts                 default forces
//   npx tsx src/replica/serve.ts all             every force the replica knows
//   npx tsx src/replica/serve.ts kent lancashire only these
// Environment: REPLICA_ORDINARY (releases per force), REPLICA_SEED.

import { ALL_FORCE_IDS, startReplica } from './index.ts';

const args = process.argv.slice(2);
const forces = args.length === 0 ? undefined : args.includes('all') ? ALL_FORCE_IDS : args;
const rep = await startReplica({
  ...(forces ? { forces } : {}),
  ...(process.env.REPLICA_ORDINARY ? { ordinaryPerForce: Number(process.env.REPLICA_ORDINARY) } : {}),
  ...(process.env.REPLICA_SEED ? { seed: Number(process.env.REPLICA_SEED) } : {}),
});
for (const [id, origin] of Object.entries(rep.origins)) console.log(`${id.padEnd(20)} ${origin}  listing ${rep.listings[id]}`);
console.log(`${'offhost trap'.padEnd(20)} ${rep.offhostOrigin}`);
console.log(`${rep.spoReleases().length} SPO releases among ${rep.allReleases().length}. Fault any request with a path prefix, e.g. ${Object.values(rep.origins)[0]}/__fault/503/robots.txt`);
console.log('Ctrl-C to stop.');
const stop = (): void => {
  console.log(`\n${rep.requests.length} requests served.`);
  void rep.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
