import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHES } from './index.js';
import { CLEANUP_LIST_ENV } from './measure.js';

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
const selected = BENCHES.filter((bench) => names.length === 0 || names.includes(bench.name));
if (selected.length === 1) {
  const result = await selected[0]!.run({ quick });
  for (const line of Array.isArray(result) ? result : [result]) process.stdout.write(`${JSON.stringify(line)}\n`);
} else {
  // Each measure in a fresh process, so that one's heap, caches and RSS do not weigh on the next;
  // their folders are deleted after the last one (see benchDir).
  const cleanupList = join(tmpdir(), `bs-bench-cleanup-${process.pid}.txt`);
  writeFileSync(cleanupList, '');
  let failed: string | undefined;
  for (const bench of selected) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), bench.name, ...(quick ? ['--quick'] : [])], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, [CLEANUP_LIST_ENV]: cleanupList },
    });
    if (child.status !== 0) {
      failed = `ERR_BENCH_FAILED: ${bench.name} exited with ${child.status ?? child.signal}.`;
      break;
    }
  }
  for (const dir of readFileSync(cleanupList, 'utf8').split('\n').filter(Boolean)) rmSync(dir, { recursive: true, force: true });
  rmSync(cleanupList, { force: true });
  if (failed) {
    console.error(failed);
    process.exit(1);
  }
}
process.exit(0);
