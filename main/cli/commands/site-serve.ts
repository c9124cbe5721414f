import { BadgeError } from '../../../shared/errors.js';
import { startSitePreview } from '../../services/site-preview.js';
import { COMMON_OPTIONS, parseFlags, printJson, type Command } from '../command.js';
import { resolvePath } from '../paths.js';

const USAGE = 'badgesmith site serve DIR [--port N] [--json]';

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BadgeError('ERR_USAGE', `--port must be a number between 1 and 65535 (got "${value}").`);
  }
  return port;
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const siteServeCommand: Command = {
  name: 'site serve',
  summary: 'Preview an exported site on this computer only (http://127.0.0.1), as the static host will serve it',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...COMMON_OPTIONS, port: { type: 'string' } }, USAGE, true);
    if (positionals.length !== 1) throw new BadgeError('ERR_USAGE', `site serve takes the site folder. Usage: ${USAGE}`);
    const preview = await startSitePreview(resolvePath(io, positionals[0]!), { port: parsePort(values.port) });
    if (values.json) printJson(io, { url: preview.url, siteUrl: preview.siteUrl });
    else {
      io.stdout(`Serving the site for ${preview.siteUrl} at\n\n  ${preview.url}\n\n`);
      io.stdout(`Badge verifier: ${preview.url}verify/\nOnly this computer can see it. Press Ctrl+C to stop.\n`);
    }
    await untilStopped();
    await preview.close();
    return 0;
  },
};
