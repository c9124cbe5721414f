import { BENCHES } from './index.js';

const args = process.argv.slice(2);
const USAGE = `Usage: npm run bench [-- [--quick] [NAME…]]\nPrints one JSON line per measure. Names: ${BENCHES.map((b) => b.name).join(', ')}`;
if (args.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const flags = args.filter((a) => a.startsWith('--'));
const badFlag = flags.find((flag) => flag !== '--quick');
if (badFlag !== undefined) {
  console.error(`ERR_USAGE: unknown option ${badFlag}. ${USAGE}`);
  process.exit(2);
}
const quick = flags.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
if (unknown.length > 0) {
  console.error(`ERR_USAGE: unknown benchmark ${unknown.join(', ')}. Known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
for (const bench of BENCHES) {
  if (names.length > 0 && !names.includes(bench.name)) continue;
  const result = await bench.run({ quick });
  for (const line of Array.isArray(result) ? result : [result]) process.stdout.write(`${JSON.stringify(line)}\n`);
}
process.exit(0);
