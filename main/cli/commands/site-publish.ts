import { join } from 'node:path';
import { BadgeError } from '../../../shared/errors.js';
import { openKeystore } from '../../services/keystore.js';
import { publishSite } from '../../services/site-publish.js';
import { COMMON_OPTIONS, parseFlags, printJson, type Command, type ExitCode } from '../command.js';
import { readPassphrase } from '../passphrase.js';
import { resolvePath } from '../paths.js';
import { withWorkspace } from '../workspace.js';

const USAGE = 'badgesmith site publish (--zip FILE | --git URL [--branch gh-pages] [--message TEXT]) [--out DIR] [--issued DIR]… [--workspace DIR] [--json]';

export const sitePublishCommand: Command = {
  name: 'site publish',
  summary: 'Build the site, then publish it: a zip for a hosting panel or Netlify drop (--zip), or a commit of what changed on a git branch (--git, GitHub/GitLab/Codeberg Pages)',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        out: { type: 'string' },
        issued: { type: 'string', multiple: true },
        zip: { type: 'string' },
        git: { type: 'string' },
        branch: { type: 'string' },
        message: { type: 'string' },
      },
      USAGE,
    );
    if (!values.zip && !values.git) throw new BadgeError('ERR_USAGE', `Give --zip FILE or --git URL (or both). Usage: ${USAGE}`);
    if (values.branch !== undefined && !values.git) throw new BadgeError('ERR_USAGE', `--branch goes with --git URL. Usage: ${USAGE}`);
    return withWorkspace(io, values.workspace, async (workspace): Promise<ExitCode> => {
      const outDir = values.out ? resolvePath(io, values.out) : join(workspace.paths.dir, 'site');
      const keystore = await openKeystore(workspace, await readPassphrase(io));
      const result = await publishSite(workspace, keystore, {
        outDir,
        build: { issuedDirs: (values.issued ?? []).map((dir) => resolvePath(io, dir)) },
        ...(values.zip ? { zip: resolvePath(io, values.zip) } : {}),
        // A local folder path works as a git address too (a bare repository on a USB stick, say).
        ...(values.git
          ? { git: { url: /^[a-z][a-z0-9+.-]*:\/\/|^[^/]+@[^/]+:/i.test(values.git) ? values.git : resolvePath(io, values.git), ...(values.branch ? { branch: values.branch } : {}), ...(values.message ? { message: values.message } : {}) } }
          : {}),
        ...(values.json ? {} : { onProgress: (p) => io.stderr(`${p.message}…\n`) }),
      });
      if (values.json) {
        printJson(io, {
          dir: result.build.dir,
          siteUrl: result.build.siteUrl,
          written: result.build.written,
          removed: result.build.removed,
          ...(result.zip ? { zip: result.zip } : {}),
          ...(result.git ? { git: result.git } : {}),
        });
        return 0;
      }
      const { build } = result;
      io.stdout(`Site for ${build.siteUrl} built in ${build.dir}: ${build.written.length} files written, ${build.unchanged} unchanged, ${build.removed.length} removed.\n`);
      if (result.zip) {
        io.stdout(`Zip: ${result.zip.file} (${result.zip.files} files, ${Math.ceil(result.zip.bytes / 1024)} KB). Upload it in your host's file manager and unpack it where ${build.siteUrl} is served, or drop the folder on Netlify.\n`);
      }
      if (result.git) {
        const { git } = result;
        if (git.commit === null) io.stdout(`Git: ${git.url} (${git.branch}) already holds this site; nothing to publish.\n`);
        else {
          io.stdout(`Git: committed ${git.changes.length} changed files as ${git.commit.slice(0, 12)} and pushed to ${git.url} (${git.branch}).\n`);
          for (const change of git.changes.slice(0, 20)) io.stdout(`  ${change.status} ${change.path}\n`);
          if (git.changes.length > 20) io.stdout(`  … and ${git.changes.length - 20} more\n`);
        }
      }
      return 0;
    });
  },
};
