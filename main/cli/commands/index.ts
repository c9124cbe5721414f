import type { Command } from '../command.js';
import { badgeAddCommand, badgeListCommand, badgeShowCommand, badgeUpdateCommand } from './badge.js';
import { bakeCommand, unbakeCommand } from './bake.js';
import { initCommand } from './init.js';
import { issueCommand } from './issue.js';
import { csvPreviewCommand } from './csv.js';
import { demoCommand } from './demo.js';
import { designNewCommand, designRenderCommand } from './design.js';
import { badgeEndorseCommand, endorseCommand } from './endorse.js';
import { revokeCommand } from './revoke.js';
import { credentialsListCommand } from './credentials.js';
import { deliverCommand, deliverTemplateCommand } from './deliver.js';
import { certificateCommand } from './certificate.js';
import { issuerShowCommand, issuerUpdateCommand } from './issuer.js';
import { signCommand } from './sign.js';
import { siteBuildCommand } from './site.js';
import { siteServeCommand } from './site-serve.js';
import { sitePublishCommand } from './site-publish.js';
import { verifyCommand } from './verify.js';
import { workspaceBackupCommand, workspaceRestoreCommand } from './workspace-backup.js';
import { keysExportCommand, keysGenerateCommand, keysImportCommand, keysListCommand, keysRotateCommand } from './keys.js';

/** Every CLI command, in the order `--help` lists them. Add yours here. */
export const COMMANDS: Command[] = [
  initCommand,
  issuerShowCommand,
  issuerUpdateCommand,
  keysListCommand,
  keysRotateCommand,
  keysExportCommand,
  keysImportCommand,
  keysGenerateCommand,
  workspaceBackupCommand,
  workspaceRestoreCommand,
  badgeAddCommand,
  badgeListCommand,
  badgeShowCommand,
  badgeUpdateCommand,
  badgeEndorseCommand,
  csvPreviewCommand,
  issueCommand,
  revokeCommand,
  credentialsListCommand,
  deliverCommand,
  deliverTemplateCommand,
  certificateCommand,
  endorseCommand,
  demoCommand,
  designNewCommand,
  designRenderCommand,
  signCommand,
  bakeCommand,
  unbakeCommand,
  verifyCommand,
  siteBuildCommand,
  siteServeCommand,
  sitePublishCommand,
];
