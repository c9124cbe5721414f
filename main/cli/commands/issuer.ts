import { BadgeError } from '../../../shared/errors.js';
import { siteLayout } from '../../../shared/site/urls.js';
import { describeSvgRemovals } from '../../../shared/bake/sanitize.js';
import { requireIssuer, type IssuerLanguage } from '../../db/repos/issuer.js';
import { MAX_IMAGE_BYTES } from '../../services/badge-classes.js';
import { readInputFile } from '../../services/files.js';
import { updateIssuerProfile, type IssuerChanges } from '../../services/issuer-profile.js';
import { COMMON_OPTIONS, parseFlags, printJson, type CliIo, type Command } from '../command.js';
import { resolvePath } from '../paths.js';
import { withWorkspace } from '../workspace.js';
import type { IssuerProfile } from '../../db/repos/issuer.js';

export function parseLanguage(text: string): IssuerLanguage {
  if (text === 'en' || text === 'fr') return text;
  throw new BadgeError('ERR_USAGE', `Unknown language "${text}"; use en or fr.`);
}

function printIssuer(io: CliIo, issuer: IssuerProfile, json: boolean | undefined): void {
  const layout = siteLayout(issuer.siteUrl);
  if (json) {
    printJson(io, { ...issuer, didDocument: layout.url(layout.didDocument) });
    return;
  }
  const lines = [
    `Name:        ${issuer.name}`,
    `Web site:    ${issuer.url}`,
    `E-mail:      ${issuer.email ?? '-'}`,
    `Description: ${issuer.description ?? '-'}`,
    `Language:    ${issuer.language}`,
    `Image:       ${issuer.image ?? '-'}`,
    `Site URL:    ${issuer.siteUrl}`,
    `DID:         ${issuer.did}`,
    `DID doc:     ${layout.url(layout.didDocument)}`,
  ];
  io.stdout(`${lines.join('\n')}\n`);
}

const showUsage = 'badgesmith issuer show [--workspace DIR] [--json]';

export const issuerShowCommand: Command = {
  name: 'issuer show',
  summary: "Show the workspace's issuer profile and did:web identity",
  usage: showUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, COMMON_OPTIONS, showUsage);
    await withWorkspace(io, values.workspace, (workspace) => printIssuer(io, requireIssuer(workspace.db), values.json));
    return 0;
  },
};

const updateUsage =
  'badgesmith issuer update [--name N] [--url URL] [--email E] [--description TEXT] [--language en|fr] [--image FILE.png|svg|none] [--workspace DIR] [--json]';

export const issuerUpdateCommand: Command = {
  name: 'issuer update',
  summary: 'Change the issuer name, web site, e-mail, description, language or image (the site URL and DID stay)',
  usage: updateUsage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        name: { type: 'string' },
        url: { type: 'string' },
        email: { type: 'string' },
        description: { type: 'string' },
        language: { type: 'string' },
        image: { type: 'string' },
      },
      updateUsage,
    );
    const changes: IssuerChanges = {};
    if (values.name !== undefined) {
      if (!values.name.trim()) throw new BadgeError('ERR_USAGE', 'The issuer name cannot be empty.');
      changes.name = values.name;
    }
    if (values.url !== undefined) changes.url = values.url;
    if (values.email !== undefined) changes.email = values.email;
    if (values.description !== undefined) changes.description = values.description;
    if (values.language !== undefined) changes.language = parseLanguage(values.language);
    if (values.image !== undefined) {
      changes.image = values.image === 'none' ? null : await readInputFile(resolvePath(io, values.image), 'issuer image', MAX_IMAGE_BYTES);
    }
    if (Object.keys(changes).length === 0) throw new BadgeError('ERR_USAGE', `Nothing to change. Usage: ${updateUsage}`);
    await withWorkspace(io, values.workspace, async (workspace) => {
      const { issuer, removed } = await updateIssuerProfile(workspace, changes);
      for (const line of describeSvgRemovals(removed)) io.stderr(`${values.image}: ${line}\n`);
      printIssuer(io, issuer, values.json);
    });
    return 0;
  },
};
