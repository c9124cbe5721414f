import { extname } from 'node:path';
import { BadgeError } from '../../../shared/errors.js';
import { utf8Decode, utf8Encode } from '../../../shared/bytes.js';
import { DESIGN_FIELDS, type DesignField, type FieldValues } from '../../../shared/design/model.js';
import { parseDesignJson, serializeDesign } from '../../../shared/design/restore.js';
import { TEMPLATES, templateDesign } from '../../../shared/design/templates.js';
import { renderDesignPng, renderDesignSvg } from '../../services/design-render.js';
import { readInputFile, writeFileAtomic } from '../../services/files.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type Command } from '../command.js';
import { resolvePath } from '../paths.js';

const RENDER_USAGE = 'badgesmith design render --design FILE --out FILE.svg|FILE.png [--size N] [--field key=value]…';
const NEW_USAGE = 'badgesmith design new --template ID --out FILE.badgesmith.json [--language en|fr]';

function parseFields(values: string[] | undefined): FieldValues {
  const fields: FieldValues = {};
  for (const item of values ?? []) {
    const equals = item.indexOf('=');
    const key = equals < 0 ? item : item.slice(0, equals);
    if (equals < 0 || !(DESIGN_FIELDS as readonly string[]).includes(key)) {
      throw new BadgeError('ERR_USAGE', `--field takes key=value with a key among ${DESIGN_FIELDS.join(', ')}; got "${item}". Usage: ${RENDER_USAGE}`);
    }
    fields[key as DesignField] = item.slice(equals + 1);
  }
  return fields;
}

function parseSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value)) throw new BadgeError('ERR_DESIGN_SIZE_INVALID', `--size takes a number of pixels from 16 to 4096, for example --size 512; got "${value}".`);
  return Number(value);
}

export const designRenderCommand: Command = {
  name: 'design render',
  summary: 'Render a .badgesmith.json design to an SVG master (text as outlines) or a PNG',
  usage: RENDER_USAGE,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, design: { type: 'string' }, out: { type: 'string' }, size: { type: 'string' }, field: { type: 'string', multiple: true } },
      RENDER_USAGE,
    );
    const designPath = resolvePath(io, requireFlag(values.design, 'design', RENDER_USAGE));
    const outPath = resolvePath(io, requireFlag(values.out, 'out', RENDER_USAGE));
    const kind = extname(outPath).toLowerCase();
    if (kind !== '.svg' && kind !== '.png') throw new BadgeError('ERR_USAGE', `--out must end in .svg or .png; got ${outPath}. Usage: ${RENDER_USAGE}`);
    const size = parseSize(values.size);
    const fields = parseFields(values.field);
    const bytes = await readInputFile(designPath, 'design');
    let text: string;
    try {
      text = utf8Decode(bytes);
    } catch {
      throw new BadgeError('ERR_DESIGN_INVALID', `${designPath} is not UTF-8 text; give a .badgesmith.json design file.`);
    }
    const restored = parseDesignJson(text);
    if (!restored.ok) throw new BadgeError(restored.error.code, `${designPath}: ${restored.error.message}`);
    const design = restored.value;
    const output = kind === '.svg' ? utf8Encode(renderDesignSvg(design, { size, fields })) : renderDesignPng(design, { size, fields });
    await writeFileAtomic(outPath, output);
    if (values.json) printJson(io, { out: outPath, kind: kind.slice(1), bytes: output.length, design: design.id });
    else io.stdout(`Rendered "${design.name}" to ${outPath}\n`);
    return 0;
  },
};

export const designNewCommand: Command = {
  name: 'design new',
  summary: `Start a design from a template (${TEMPLATES.length} templates) as a .badgesmith.json file`,
  usage: NEW_USAGE,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...COMMON_OPTIONS, template: { type: 'string' }, out: { type: 'string' }, language: { type: 'string' } }, NEW_USAGE);
    const language = values.language ?? 'en';
    if (language !== 'en' && language !== 'fr') throw new BadgeError('ERR_USAGE', `--language takes en or fr. Usage: ${NEW_USAGE}`);
    const templateId = requireFlag(values.template, 'template', `${NEW_USAGE}. Templates: ${TEMPLATES.map((t) => t.id).join(', ')}`);
    const design = templateDesign(templateId, language);
    if (!design) throw new BadgeError('ERR_USAGE', `There is no template "${templateId}". Templates: ${TEMPLATES.map((t) => t.id).join(', ')}.`);
    const outPath = resolvePath(io, requireFlag(values.out, 'out', NEW_USAGE));
    await writeFileAtomic(outPath, serializeDesign(design));
    if (values.json) printJson(io, { out: outPath, template: templateId, design: design.id });
    else io.stdout(`Wrote the "${templateId}" design to ${outPath}; change its words, then: badgesmith design render --design ${outPath} --out badge.png\n`);
    return 0;
  },
};
