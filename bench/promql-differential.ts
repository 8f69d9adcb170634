/**
 * monc against promtool on generated PromQL, at scale: N expressions (default 50,000) from the
 * generator of the differential test, in batches of one rule file each, and both disagreement
 * counts: accepted-invalid (monc would ship what Prometheus refuses; the goal is 0) and
 * rejected-valid (a false error), each listed with its reason. Not part of npm test.
 *
 *   npx tsx bench/promql-differential.ts [--count 50000] [--seed 1] [--batch 5000] [--json]
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { promqlTextArbitrary } from '../test/helpers/promql-arbitraries.ts';
import { type Disagreement, deliberatelyStricter, differential } from '../test/helpers/promql-differential.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '5000' },
    json: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const batch = Number(values.batch);

const started = performance.now();
let compared = 0;
let rejectedByPromtool = 0;
const acceptedInvalid: Disagreement[] = [];
const rejectedValid: Disagreement[] = [];
for (let done = 0, round = 0; done < count; done += batch, round++) {
  const texts = fc.sample(promqlTextArbitrary, { seed: seed + round, numRuns: Math.min(batch, count - done) });
  const result = differential(texts);
  compared += result.compared;
  rejectedByPromtool += result.promtoolRejected;
  acceptedInvalid.push(...result.acceptedInvalid);
  rejectedValid.push(...result.rejectedValid);
  process.stderr.write(`\r${done + texts.length}/${count}`);
}
process.stderr.write('\n');
const seconds = (performance.now() - started) / 1000;

/** Disagreements grouped by reason, most frequent first, with one example each. */
function byReason(list: readonly Disagreement[], explain: (reason: string) => string | undefined = () => undefined) {
  const groups = new Map<string, { count: number; example: string; why: string | undefined }>();
  for (const { text, reason } of list) {
    const key = reason.replace(/"[^"]*"/g, '"…"').replace(/\d+:\d+:/g, '');
    const group = groups.get(key) ?? { count: 0, example: text, why: explain(reason) };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.entries()].sort((a, b) => b[1].count - a[1].count).map(([reason, group]) => ({ reason, ...group }));
}

const report = {
  seed,
  compared,
  rejectedByPromtool,
  acceptedInvalid: acceptedInvalid.length,
  rejectedValid: rejectedValid.length,
  seconds: Math.round(seconds * 10) / 10,
  acceptedInvalidByReason: byReason(acceptedInvalid),
  rejectedValidByReason: byReason(rejectedValid, deliberatelyStricter),
};
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`${compared} expressions compared with promtool (seed ${seed}, ${report.seconds} s); promtool rejected ${rejectedByPromtool}`);
  console.log(`accepted-invalid: ${acceptedInvalid.length} (monc accepts, promtool rejects)`);
  for (const g of report.acceptedInvalidByReason) console.log(`  ${g.count} × ${g.reason}\n      e.g. ${JSON.stringify(g.example)}`);
  console.log(`rejected-valid: ${rejectedValid.length} (monc rejects, promtool accepts)`);
  for (const g of report.rejectedValidByReason) console.log(`  ${g.count} × ${g.reason}\n      e.g. ${JSON.stringify(g.example)}\n      ${g.why ? `on purpose: ${g.why}` : 'NOT EXPLAINED: a bug to fix'}`);
}
process.exitCode = acceptedInvalid.length > 0 || rejectedValid.some(({ reason }) => deliberatelyStricter(reason) === undefined) ? 1 : 0;
