/**
 * The e-mail an earner receives, as a plain-text template the issuer can edit: a `Subject:` line,
 * a blank line, then the body. `{{field}}` places are filled per award; the HTML part is made from
 * the same text (paragraphs, line breaks, links), so there is only one thing to edit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { escapeHtml } from '../../shared/site/html.js';
import type { IssuerLanguage } from '../db/repos/issuer.js';

export const TEMPLATE_FIELDS = [
  'name',
  'email',
  'badge',
  'issuer',
  'issuer_url',
  'issued_on',
  'valid_until',
  'page_url',
  'linkedin_url',
  'verify_url',
  'image_file',
] as const;

export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Record<TemplateField, string>;

export interface MailTemplate {
  subject: string;
  body: string;
  /** Where it was read from, or `built-in (en|fr)`. */
  source: string;
}

/** The file in the workspace folder that, when present, replaces the built-in template. */
export const WORKSPACE_TEMPLATE = 'delivery-template.txt';

const DEFAULTS: Record<IssuerLanguage, string> = {
  en: `Subject: Your badge “{{badge}}” from {{issuer}}

Hello {{name}},

{{issuer}} has awarded you the badge “{{badge}}” on {{issued_on}}. Congratulations!

Your badge is attached to this message ({{image_file}}). The image itself holds your signed credential: keep it, it is your proof.

See it online, where anyone can check that it is genuine:
{{page_url}}

Add it to your LinkedIn profile (Licenses & certifications):
{{linkedin_url}}

Keep it in a digital wallet or backpack that accepts Open Badges: choose "import" or "add a badge" in the wallet and give it the attached image, or the link to its page above.

{{issuer}}
{{issuer_url}}
`,
  fr: `Subject: Votre badge « {{badge}} » de {{issuer}}

Bonjour {{name}},

{{issuer}} vous a décerné le badge « {{badge}} » le {{issued_on}}. Félicitations !

Votre badge est joint à ce message ({{image_file}}). L’image contient elle-même votre attestation signée : conservez-la, c’est votre preuve.

Voir le badge en ligne, où chacun peut vérifier qu’il est authentique :
{{page_url}}

L’ajouter à votre profil LinkedIn (Licences et certifications) :
{{linkedin_url}}

Le garder dans un portefeuille numérique (wallet ou sac à badges) qui accepte les Open Badges : choisissez « importer » ou « ajouter un badge » dans le portefeuille et donnez-lui l’image jointe, ou le lien de sa page ci-dessus.

{{issuer}}
{{issuer_url}}
`,
};

export function defaultTemplateText(language: IssuerLanguage): string {
  return DEFAULTS[language];
}

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MAX_TEMPLATE_BYTES = 64 * 1024;

function invalid(source: string, why: string): BadgeError {
  return new BadgeError(
    'ERR_DELIVERY_TEMPLATE_INVALID',
    `The e-mail template ${source} ${why} It must start with a line "Subject: …", then a blank line, then the message; the places you can use are ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(' ')}. \`badgesmith deliver template --force\` writes the original again.`,
  );
}

/** Parses and checks a template text: a Subject line, a body, and only known `{{fields}}`. */
export function parseTemplate(text: string, source: string): MailTemplate {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^Subject:[ \t]*(.*)\n[ \t]*\n([\s\S]*)$/i.exec(normalized);
  if (!match)
    {throw invalid(source, 'does not start with a "Subject:" line followed by a blank line.');}
  const subject = match[1]!.trim();
  const body = match[2]!.replace(/\s+$/, '\n');
  if (subject === '') throw invalid(source, 'has an empty subject.');
  if (body.trim() === '') throw invalid(source, 'has no message under the subject.');
  const unknown = [...normalized.matchAll(FIELD)]
    .map((m) => m[1]!)
    .filter((name) => !(TEMPLATE_FIELDS as readonly string[]).includes(name));
  if (unknown.length > 0)
    {throw invalid(
      source,
      `uses ${[...new Set(unknown)].map((name) => `{{${name}}}`).join(', ')}, which Badgesmith does not know.`,
    );}
  return { subject, body, source };
}

/**
 * The template to use: the file given, else `delivery-template.txt` in the workspace folder when
 * the issuer has written one, else the built-in one in the issuer's language.
 */
export function loadTemplate(options: {
  file?: string;
  workspaceDir: string;
  language: IssuerLanguage;
}): MailTemplate {
  const file =
    options.file ??
    (existsSync(join(options.workspaceDir, WORKSPACE_TEMPLATE))
      ? join(options.workspaceDir, WORKSPACE_TEMPLATE)
      : undefined);
  if (file === undefined)
    {return parseTemplate(DEFAULTS[options.language], `built-in (${options.language})`);}
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new BadgeError(
      'ERR_DELIVERY_TEMPLATE_MISSING',
      `The e-mail template ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`,
      { cause: error },
    );
  }
  if (bytes.length > MAX_TEMPLATE_BYTES)
    {throw invalid(file, `is larger than ${MAX_TEMPLATE_BYTES / 1024} KB.`);}
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(file, 'is not UTF-8 text.');
  }
  return parseTemplate(text, file);
}

function fill(text: string, values: TemplateValues): string {
  return text.replace(FIELD, (_, name: string) => values[name as TemplateField] ?? '');
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"]+/g;

/** Escaped text with its web addresses as links (a trailing full stop or bracket is not part of the address). */
function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    const start = match.index;
    html += escapeHtml(text.slice(last, start));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

/** The subject, text and HTML of one award's message. */
export function renderMail(
  template: MailTemplate,
  values: TemplateValues,
  language: IssuerLanguage,
): { subject: string; text: string; html: string } {
  // A value holding a line break must not start a new header line.
  const subject = fill(template.subject, values)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const text = fill(template.body, values);
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `<p>${part.split('\n').map(linkify).join('<br>\n')}</p>`)
    .join('\n');
  const html = `<!DOCTYPE html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body>\n${paragraphs}\n</body></html>\n`;
  return { subject, text, html };
}
