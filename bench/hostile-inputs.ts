/**
 * Bench `hostile-inputs` (issue 15 §3): peak RSS and wall time of the built `badgesmith` command on
 * the worst file of each kind — a huge-dimension 16-bit PNG (bake, badge add), the largest PNG still
 * accepted (bake, badge add, issue), a 100,000-deep JSON credential (verify --json), an SVG nested
 * 80,000 deep (verify), a CSV with a 300 MB field (issue). Every command runs in its own process;
 * peak RSS is the process's own getrusage maximum, written at exit by a preloaded probe (or the
 * kernel's VmHWM, sampled, when the process is killed). Inputs are generated into a temporary folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blackPng, csvWithHugeField, deepJsonCredential, deepSvg, PNG_COLOUR } from './hostile-files.js';
import { benchDir, round, type Bench, type BenchLine } from './measure.js';

const TARGET_MB = 200;
const TARGET_MS = 2000;
/**
 * A command still running after this is killed and reported as failing (the SVG case took ~100 s);
 * BADGESMITH_BENCH_TIMEOUT_MS raises it, to measure a slow build's full peak.
 */
const TIMEOUT_MS = Number(process.env.BADGESMITH_BENCH_TIMEOUT_MS) || 20_000;
const PASSPHRASE = 'hostile-inputs bench';

const PROBE = `import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
if (isMainThread && process.env.BADGESMITH_BENCH_RSS_FILE) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(process.env.BADGESMITH_BENCH_RSS_FILE, JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
  });
}
`;

interface CliMeasure {
  ms: number;
  /** CPU time of the process (user + system, all threads): what the wall time would be on an idle machine, roughly. */
  cpuMs: number;
  peakMb: number;
  exit: number | string;
  /** The ERR_ code the command printed, if any. */
  code: string | undefined;
  timedOut: boolean;
}

/** The kernel's peak RSS (VmHWM) and CPU time so far of a running process; zeros once it is gone. */
function sampleProc(pid: number): { hwmKb: number; cpuMs: number } {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    // Fields 14 and 15 of /proc/PID/stat (after the parenthesised command name) are utime and stime in 1/100 s.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { hwmKb: hwm ? Number(hwm[1]) : 0, cpuMs: (Number(stat[11]) + Number(stat[12])) * 10 };
  } catch {
    return { hwmKb: 0, cpuMs: 0 };
  }
}

async function runCli(cli: string, probe: string, args: string[], env: Record<string, string>, rssFile: string): Promise<CliMeasure> {
  writeFileSync(rssFile, '');
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', probe, cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, BADGESMITH_BENCH_RSS_FILE: rssFile },
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output = (output + data.toString('utf8')).slice(-4096)));
  child.stderr.on('data', (data: Buffer) => (output = (output + data.toString('utf8')).slice(-4096)));
  let sampled = { hwmKb: 0, cpuMs: 0 };
  const sampler = setInterval(() => {
    const now = sampleProc(child.pid!);
    sampled = { hwmKb: Math.max(sampled.hwmKb, now.hwmKb), cpuMs: Math.max(sampled.cpuMs, now.cpuMs) };
  }, 20);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, TIMEOUT_MS);
  const exit = await new Promise<number | string>((resolve) => child.on('close', (status, signal) => resolve(status ?? signal ?? 'unknown')));
  const ms = performance.now() - start;
  clearInterval(sampler);
  clearTimeout(timer);
  const probedText = readFileSync(rssFile, 'utf8');
  const probed = probedText === '' ? { maxRssKb: 0, cpuUs: 0 } : (JSON.parse(probedText) as { maxRssKb: number; cpuUs: number });
  return {
    ms,
    cpuMs: probed.cpuUs > 0 ? probed.cpuUs / 1000 : sampled.cpuMs,
    peakMb: Math.max(probed.maxRssKb, sampled.hwmKb) / 1024,
    exit,
    code: /\b(ERR_[A-Z0-9_]+)/.exec(output)?.[1],
    timedOut,
  };
}

function line(name: string, input: string, inputBytes: number, m: CliMeasure): BenchLine {
  const pass = !m.timedOut && m.peakMb <= TARGET_MB && m.ms <= TARGET_MS && m.code !== 'ERR_INTERNAL';
  return {
    name: `hostile-inputs:${name}`,
    value: round(m.peakMb),
    unit: 'MB peak RSS',
    ms: Math.round(m.ms),
    cpu_ms: Math.round(m.cpuMs),
    target: { peak_rss_mb: TARGET_MB, ms: TARGET_MS },
    pass,
    input,
    input_bytes: inputBytes,
    exit: m.exit,
    ...(m.code === undefined ? {} : { code: m.code }),
    ...(m.timedOut ? { timed_out_after_ms: TIMEOUT_MS } : {}),
    // Wall times are only comparable on an idle machine: the load says how busy it was (2 cores here).
    load_1min: round(loadavg()[0]!),
  };
}

export const hostileInputsBench: Bench = {
  name: 'hostile-inputs',
  async run({ quick }) {
    const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run node scripts/build.mjs first`);
    const dir = benchDir('bs-bench-hostile-');
    try {
      const at = (name: string) => join(dir.path, name);
      const probe = at('rss-probe.mjs');
      writeFileSync(probe, PROBE);
      const rssFile = at('rss.txt');
      const env = { BADGESMITH_PASSPHRASE: PASSPHRASE, BADGESMITH_WORKSPACE: at('workspace') };
      const run = (args: string[]) => runCli(cli, probe, args, env, rssFile);

      const setup = await run(['init', '--name', 'Hostile', '--url', 'https://hostile.example.org', '--site-url', 'https://badges.example.org/hostile/']);
      if (setup.exit !== 0) throw new Error(`init failed (${setup.code ?? setup.exit})`);
      const files = {
        huge: blackPng(16384, 2048, 16, PNG_COLOUR.rgba),
        limit: blackPng(4096, 4096, 8, PNG_COLOUR.rgba),
        json: deepJsonCredential(100_000),
        svg: deepSvg(80_000),
      };
      writeFileSync(at('huge.png'), files.huge);
      writeFileSync(at('limit.png'), files.limit);
      writeFileSync(at('deep.json'), files.json);
      writeFileSync(at('deep.svg'), files.svg);
      writeFileSync(at('credential.json'), deepJsonCredential(1));
      const fieldBytes = (quick ? 30 : 300) * 1024 * 1024;
      await csvWithHugeField(at('huge-field.csv'), fieldBytes);
      writeFileSync(at('one.csv'), 'email,name\nada@example.org,Ada\n');
      const badge = (name: string, image: string) => ['badge', 'add', '--name', name, '--description', 'Bench', '--criteria', 'Bench', '--image', at(image)];
      const hugeInput = '16384×2048 RGBA 16-bit PNG (268 MB decoded)';
      const limitInput = '4096×4096 RGBA 8-bit PNG (64 MB decoded, the largest accepted)';

      // What any command costs (Node start, loading the CLI): the floor under every time below.
      const baseline = await run(['--help']);
      const lines: BenchLine[] = [{ name: 'hostile-inputs:baseline-help', value: round(baseline.peakMb), unit: 'MB peak RSS', ms: Math.round(baseline.ms), cpu_ms: Math.round(baseline.cpuMs) }];
      lines.push(line('png-huge-bake', hugeInput, files.huge.length, await run(['bake', '--image', at('huge.png'), '--credential', at('credential.json'), '--out', at('huge-baked.png')])));
      lines.push(line('png-huge-badge-add', hugeInput, files.huge.length, await run(badge('Huge', 'huge.png'))));
      lines.push(line('png-limit-bake', limitInput, files.limit.length, await run(['bake', '--image', at('limit.png'), '--credential', at('credential.json'), '--out', at('limit-baked.png')])));
      lines.push(line('png-limit-badge-add', limitInput, files.limit.length, await run(badge('Limit', 'limit.png'))));
      // What issuing one credential costs with an ordinary (8×8) image: the floor under png-limit-issue.
      writeFileSync(at('small.png'), blackPng(8, 8, 8, PNG_COLOUR.rgba));
      await run(badge('Small', 'small.png'));
      const smallIssue = await run(['issue', '--badge', 'small', '--csv', at('one.csv'), '--format', 'ob3-di', '--bake', 'png', '--out', at('issued-small')]);
      lines.push({ name: 'hostile-inputs:baseline-issue-small-png', value: round(smallIssue.peakMb), unit: 'MB peak RSS', ms: Math.round(smallIssue.ms), cpu_ms: Math.round(smallIssue.cpuMs) });
      lines.push(
        line('png-limit-issue', `${limitInput}, one recipient`, files.limit.length, await run(['issue', '--badge', 'limit', '--csv', at('one.csv'), '--format', 'ob3-di', '--bake', 'png', '--out', at('issued-limit')])),
      );
      lines.push(line('json-deep-verify', 'OB 3.0 credential holding a 100,000-deep array, verify --json', files.json.length, await run(['verify', '--json', at('deep.json')])));
      lines.push(line('svg-deep-verify', 'SVG nested 80,000 deep (560 KB), verify', files.svg.length, await run(['verify', at('deep.svg')])));
      lines.push(
        line('csv-huge-field-issue', `CSV with a ${fieldBytes / 1048576} MB field`, fieldBytes, await run(['issue', '--badge', 'limit', '--csv', at('huge-field.csv'), '--format', 'ob3-di', '--out', at('issued-csv')])),
      );
      return lines;
    } finally {
      dir.remove();
    }
  },
};
