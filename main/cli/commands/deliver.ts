import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BadgeError } from '../../../shared/errors.js';
import { requireIssuer } from '../../db/repos/issuer.js';
import {
  exportDrafts,
  type DeliveryOutcome,
  type DeliveryProgress,
  type DeliveryReport,
  type DeliverySelection,
} from '../../services/delivery.js';
import { defaultTemplateText, WORKSPACE_TEMPLATE } from '../../services/delivery-template.js';
import {
  DEFAULT_PER_MINUTE,
  sendDeliveries,
  type SmtpSecurity,
} from '../../services/smtp-delivery.js';
import { requireWritable } from '../../services/workspace.js';
import {
  COMMON_OPTIONS,
  parseFlags,
  printJson,
  type CliIo,
  type Command,
  type ExitCode,
} from '../command.js';
import { askSecret } from '../passphrase.js';
import { resolvePath } from '../paths.js';
import { withWorkspace } from '../workspace.js';

const USAGE =
  'badgesmith deliver --batch ID|--badge SLUG|--award ID [--only-new] (--eml DIR | --smtp HOST [--smtp-port N] [--smtp-security starttls|tls|none] [--smtp-user USER] [--per-minute N] [--resend-unconfirmed]) [--from ADDRESS] [--template FILE] [--issued DIR]… [--dry-run] [--workspace DIR] [--json]';

const SECURITY: readonly SmtpSecurity[] = ['starttls', 'tls', 'none'];

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    {throw new BadgeError(
      'ERR_USAGE',
      `--${flag} ${value} is not a positive number. Usage: ${USAGE}`,
    );}
  return number;
}

const VERB: Record<DeliveryOutcome['status'], string> = {
  drafted: 'draft',
  sent: 'sent',
  'would-draft': 'would write',
  'would-send': 'would send',
  'already-done': 'already done',
  skipped: 'skipped',
  failed: 'failed',
  unconfirmed: 'unconfirmed',
};

function progressPrinter(io: CliIo): (progress: DeliveryProgress) => void {
  return ({ done, total, outcome }) => {
    const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
    const who = outcome.email ?? outcome.name ?? outcome.award;
    io.stderr(
      `${counter} ${VERB[outcome.status]} ${who}${outcome.code ? ` (${outcome.code})` : ''}\n`,
    );
  };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function printSummary(io: CliIo, report: DeliveryReport, target: string): void {
  for (const outcome of report.outcomes) {
    if (outcome.code && outcome.message) io.stderr(`${outcome.code}: ${outcome.message}\n`);
  }
  const lines: string[] = [];
  if (report.mode === 'eml') {
    lines.push(
      report.dryRun
        ? `Would write ${plural(report.done, 'draft', 'drafts')} to ${target} (dry run: nothing written).`
        : `Wrote ${plural(report.done, 'draft', 'drafts')} to ${target}: one .eml per person, to open in Thunderbird, Outlook or Apple Mail, check and send.`,
    );
  } else {
    lines.push(
      report.dryRun
        ? `Would send ${plural(report.done, 'message', 'messages')} through ${target} (dry run: nothing sent).`
        : `Sent ${plural(report.done, 'message', 'messages')} through ${target}.`,
    );
  }
  if (report.alreadyDone > 0)
    {lines.push(
      `${plural(report.alreadyDone, 'person was', 'people were')} already done (sent${report.mode === 'eml' ? ' or drafted' : ''}): nothing again.`,
    );}
  if (report.skipped > 0)
    {lines.push(`${plural(report.skipped, 'person', 'people')} skipped (see the reasons above).`);}
  if (report.failed > 0)
    {lines.push(
      `${plural(report.failed, 'address was', 'addresses were')} refused; the next run tries them again.`,
    );}
  if (report.unconfirmed > 0)
    {lines.push(
      `${plural(report.unconfirmed, 'message is', 'messages are')} unconfirmed (a run stopped while sending): not sent again without --resend-unconfirmed.`,
    );}
  io.stdout(`${lines.join('\n')}\n`);
}

function exitCode(report: DeliveryReport): ExitCode {
  if (report.stopped) return 2;
  return report.skipped + report.failed + report.unconfirmed > 0 ? 1 : 0;
}

async function smtpPassword(io: CliIo, user: string | undefined): Promise<string | undefined> {
  if (user === undefined) return undefined;
  const fromEnv = io.env.BADGESMITH_SMTP_PASSWORD;
  if (fromEnv) return fromEnv;
  return askSecret(io, `SMTP password for ${user}: `);
}

export const deliverCommand: Command = {
  name: 'deliver',
  summary:
    'E-mail each earner their badge: .eml drafts (--eml DIR) or sent through your SMTP account (--smtp HOST), never twice',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        batch: { type: 'string' },
        badge: { type: 'string' },
        award: { type: 'string' },
        'only-new': { type: 'boolean' },
        eml: { type: 'string' },
        smtp: { type: 'string' },
        'smtp-port': { type: 'string' },
        'smtp-security': { type: 'string' },
        'smtp-user': { type: 'string' },
        'per-minute': { type: 'string' },
        'resend-unconfirmed': { type: 'boolean' },
        from: { type: 'string' },
        template: { type: 'string' },
        issued: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
      },
      USAGE,
    );
    if ((values.eml === undefined) === (values.smtp === undefined)) {
      throw new BadgeError(
        'ERR_USAGE',
        `Give either --eml DIR (drafts to open in your mail program) or --smtp HOST (send them). Usage: ${USAGE}`,
      );
    }
    const selection: DeliverySelection = {
      ...(values.batch !== undefined ? { batch: values.batch } : {}),
      ...(values.badge !== undefined ? { badge: values.badge } : {}),
      ...(values.award !== undefined ? { award: values.award } : {}),
      onlyNew: values['only-new'] ?? false,
    };
    const common = {
      selection,
      dryRun: values['dry-run'] ?? false,
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.template !== undefined ? { templateFile: resolvePath(io, values.template) } : {}),
      issuedDirs: (values.issued ?? []).map((dir) => resolvePath(io, dir)),
      ...(values.json ? {} : { onProgress: progressPrinter(io) }),
    };
    return withWorkspace(io, values.workspace, async (workspace) => {
      let report: DeliveryReport;
      let target: string;
      if (values.eml !== undefined) {
        target = resolvePath(io, values.eml);
        report = await exportDrafts(workspace, { ...common, outDir: target });
      } else {
        const security = (values['smtp-security'] ?? 'starttls') as SmtpSecurity;
        if (!SECURITY.includes(security))
          {throw new BadgeError(
            'ERR_USAGE',
            `--smtp-security must be starttls, tls or none, not "${values['smtp-security']}".`,
          );}
        const port = positiveNumber(values['smtp-port'], 'smtp-port');
        const perMinute = positiveNumber(values['per-minute'], 'per-minute') ?? DEFAULT_PER_MINUTE;
        const user = values['smtp-user'];
        const password = common.dryRun ? undefined : await smtpPassword(io, user);
        target = `${values.smtp}`;
        report = await sendDeliveries(workspace, {
          ...common,
          perMinute,
          resendUnconfirmed: values['resend-unconfirmed'] ?? false,
          smtp: {
            host: values.smtp!,
            security,
            ...(port !== undefined ? { port } : {}),
            ...(user !== undefined && !common.dryRun ? { user } : {}),
            ...(password !== undefined ? { password } : {}),
          },
        });
      }
      if (values.json) printJson(io, report);
      else printSummary(io, report, target);
      if (report.stopped) io.stderr(`${report.stopped.code}: ${report.stopped.message}\n`);
      return exitCode(report);
    });
  },
};

const TEMPLATE_USAGE = 'badgesmith deliver template [--force] [--print] [--workspace DIR]';

export const deliverTemplateCommand: Command = {
  name: 'deliver template',
  summary:
    "Write the e-mail template (in the issuer's language) into the workspace, to edit before `deliver`",
  usage: TEMPLATE_USAGE,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, force: { type: 'boolean' }, print: { type: 'boolean' } },
      TEMPLATE_USAGE,
    );
    return withWorkspace(io, values.workspace, async (workspace): Promise<ExitCode> => {
      const text = defaultTemplateText(requireIssuer(workspace.db).language);
      if (values.print) {
        io.stdout(text);
        return 0;
      }
      const file = join(workspace.paths.dir, WORKSPACE_TEMPLATE);
      if (existsSync(file) && !values.force) {
        throw new BadgeError(
          'ERR_FILE_EXISTS',
          `${file} already exists (your edited template is kept). Edit it, or add --force to replace it with the original.`,
        );
      }
      requireWritable(workspace);
      await writeFile(file, text);
      if (values.json) printJson(io, { file });
      else {
        io.stdout(
          `Wrote ${file}.\nEdit it with any text editor: the first line is the subject, then a blank line, then the message. ` +
            'Keep the {{…}} places (name, badge, page_url, linkedin_url…): `deliver` fills them for each person. Every `deliver` uses it from now on.\n',
        );
      }
      return 0;
    });
  },
};
