import { existsSync } from 'node:fs';
import { BadgeError } from '../../../shared/errors.js';
import { assertText } from '../../../shared/text.js';
import { siteLayout } from '../../../shared/site/urls.js';
import { initKeystore } from '../../services/keystore.js';
import { checkDatabaseFile } from '../../db/open.js';
import { createIssuer, createWorkspace, validateIssuerUrl } from '../../services/workspace.js';
import { workspacePaths } from '../../services/workspace-dir.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type Command } from '../command.js';
import { readPassphrase } from '../passphrase.js';
import { cliClock, cliWorkspaceDir } from '../workspace.js';
import { parseLanguage } from './issuer.js';

const usage =
  'badgesmith init --name NAME --url URL --site-url URL [--email E] [--description TEXT] [--language en|fr] [--workspace DIR] [--json]';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create a workspace: issuer profile, did:web identity and encrypted keys',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        name: { type: 'string' },
        url: { type: 'string' },
        'site-url': { type: 'string' },
        email: { type: 'string' },
        description: { type: 'string' },
        language: { type: 'string' },
      },
      usage,
    );
    const name = requireFlag(values.name, 'name', usage);
    // Checked before anything is created, so that a retry with a corrected name works.
    assertText(name, 'issuer name');
    assertText(values.description, 'issuer description', { multiline: true });
    const url = validateIssuerUrl(requireFlag(values.url, 'url', usage));
    const layout = siteLayout(requireFlag(values['site-url'], 'site-url', usage));
    const language = parseLanguage(values.language ?? 'en');
    const dir = cliWorkspaceDir(io, values.workspace);
    if (existsSync(workspacePaths(dir).database)) {
      checkDatabaseFile(workspacePaths(dir).database, true);
      throw new BadgeError('ERR_WORKSPACE_EXISTS', `${dir} already holds a Badgesmith workspace; use it, or choose an empty folder with --workspace DIR.`);
    }
    const passphrase = await readPassphrase(io, { confirm: true });
    const workspace = createWorkspace(dir, { clock: cliClock(io) });
    try {
      const issuer = createIssuer(workspace, {
        name,
        url,
        siteUrl: layout.siteUrl,
        email: values.email ?? null,
        description: values.description ?? null,
        language,
      });
      const keystore = await initKeystore(workspace, passphrase);
      const keys = keystore.list().map(({ id, type, status, created }) => ({ id, type, status, created }));
      if (values.json) {
        printJson(io, { workspace: dir, issuer, didDocument: layout.url(layout.didDocument), keys });
      } else {
        io.stdout(
          `Workspace created in ${dir}\n` +
            `Issuer: ${issuer.name} (${issuer.did})\n` +
            `Publish the site at ${issuer.siteUrl}; the DID document will be ${layout.url(layout.didDocument)}\n` +
            `Keys (encrypted with your passphrase): ${keys.map((k) => `${k.type} ${k.id}`).join(', ')}\n` +
            'Back up the keys now: badgesmith keys export --out backup.bsk (an encrypted file; keep it somewhere else)\n',
        );
      }
      return 0;
    } finally {
      workspace.close();
    }
  },
};
