import { runCli } from './run.js';

// `badgesmith verify … | head`: the reader went away. Stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** How long a finished command may take to let go of its last handles before it is ended anyway. */
const EXIT_GRACE_MS = 1500;

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTty: Boolean(process.stderr.isTTY && process.stdin.isTTY),
});
process.exitCode = code;
// Every command stops what it started (threads, files, servers) on every path, so the process
// normally ends by itself right here. Should anything still hold it, the command has finished
// and said so: it exits with its code instead of hanging.
setTimeout(() => {
  if (process.env.BADGESMITH_DEBUG) process.stderr.write('badgesmith: something was still running after the command ended; exiting anyway\n');
  process.exit(code);
}, EXIT_GRACE_MS).unref();
