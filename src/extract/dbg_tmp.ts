import { readReleaseFile } from '/work/main/src/release/index.ts';
import { splitSentences } from '/work/main/src/extract/sentences.ts';
import { classify, segment } from '/work/main/src/extract/segment.ts';
const doc = readReleaseFile(process.argv[2]!);
const sd = splitSentences(doc.body);
const infos = classify(sd.sentences);
for (const i of infos) {
  const f = [i.type ?? '-', i.anchor ? 'ANCHOR' : '', i.general ? 'gen' : '', i.statistic ? 'stat' : '', i.s.quote ? 'Q' : '', i.s.boilerplate ? 'BP' : '', i.s.heading ? 'H' : '', i.s.bullet ? 'B' : '', i.grant ? 'grant' : '', i.notMade ? 'notmade' : '', i.ordinal ?? ''].filter(Boolean).join(',');
  console.log(`${i.s.index} [${f}] ${i.s.text.slice(0, 140)}`);
}
console.log(JSON.stringify(segment(infos)));
