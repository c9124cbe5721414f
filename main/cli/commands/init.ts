import { checkAssociationInput, createAssociation } from '../../services/create-association.js';
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
    const url = requireFlag(values.url, 'url', usage);
    const siteUrl = requireFlag(values['site-url'], 'site-url', usage);
    const language = parseLanguage(values.language ?? 'en');
    const dir = cliWorkspaceDir(io, values.workspace);
    const input = {
      name,
      url,
      siteUrl,
      email: values.email ?? null,
      description: values.description ?? null,
      language,
    };
    // Checked before asking for the passphrase, so that a typo costs no typing.
    const { didDocumentUrl } = checkAssociationInput(dir, input);
    const passphrase = await readPassphrase(io, { confirm: true });
    const { workspace, keystore, issuer } = await createAssociation(dir, input, passphrase, {
      clock: cliClock(io),
    });
    try {
      const keys = keystore
        .list()
        .map(({ id, type, status, created }) => ({ id, type, status, created }));
      if (values.json) {
        printJson(io, { workspace: dir, issuer, didDocument: didDocumentUrl, keys });
      } else {
        io.stdout(
          `Workspace created in ${dir}\n` +
            `Issuer: ${issuer.name} (${issuer.did})\n` +
            `Publish the site at ${issuer.siteUrl}; the DID document will be ${didDocumentUrl}\n` +
            `Keys (encrypted with your passphrase): ${keys.map((k) => `${k.type} ${k.id}`).join(', ')}\n` +
            'Back up the whole workspace (keys, badges, people, revocations) after every issue or revoke run: badgesmith workspace backup --out backup.bsw (encrypted under your passphrase; keep it somewhere else)\n',
        );
      }
      return 0;
    } finally {
      workspace.close();
    }
  },
};
