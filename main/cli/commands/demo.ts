import { runDemo } from '../../services/demo.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type Command } from '../command.js';
import { resolvePath } from '../paths.js';
import { cliClock } from '../workspace.js';

const usage = 'badgesmith demo --out DIR [--json]';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Build a complete sample in seconds: workspace (passphrase "demo"), badges, credentials, site',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...COMMON_OPTIONS, out: { type: 'string' } }, usage);
    const dir = resolvePath(io, requireFlag(values.out, 'out', usage));
    const result = await runDemo(dir, { clock: cliClock(io) });
    if (values.json) {
      printJson(io, result);
      return 0;
    }
    const credentials = result.issued.reduce((sum, s) => sum + s.credentials, 0);
    io.stdout(
      [
        `Demo ready in ${result.dir}`,
        '',
        `  Workspace:   ${result.workspace}`,
        `  PASSPHRASE:  ${result.passphrase}     (the demo keys are protected by the passphrase "demo")`,
        `  Issuer:      ${result.did}`,
        `  Badges:      ${result.badges.join(', ')}`,
        `  Credentials: ${credentials} in ${result.credentials} (ob3-di, ob3-jwt, ob2-hosted, ob2-signed; baked PNG and SVG)`,
        `  Revoked:     ${result.revoked.id} (${result.revoked.format}): ${result.revoked.reason}`,
        `  Site:        ${result.site} (publish it at ${result.siteUrl})`,
        '',
        'Try:',
        `  badgesmith verify ${result.credentials}/premiers-secours/<id>.png --site ${result.site}`,
        `  BADGESMITH_PASSPHRASE=demo badgesmith credentials list --workspace ${result.workspace}`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};
