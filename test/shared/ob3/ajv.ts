import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { default as formatsPlugin } from 'ajv-formats';

const addFormats = formatsPlugin as unknown as (ajv: Ajv2019) => void;
import { vectorsDir } from '../../cli/helpers.js';

/** Ajv (code we did not write) compiled with the official strict OB 3.0 schemas. */
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);

function compile(name: string) {
  const schema = JSON.parse(readFileSync(resolve(vectorsDir, 'schemas/ob_v3p0', name), 'utf8')) as object;
  return ajv.compile(schema);
}

export const ajvAchievementCredential = compile('achievementcredential.json');
export const ajvEndorsementCredential = compile('endorsementcredential.json');

export function readVector(relative: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(vectorsDir, relative), 'utf8')) as Record<string, unknown>;
}
