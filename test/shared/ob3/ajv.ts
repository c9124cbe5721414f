import { readFileSync } from 'node:fs';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import { default as formatsPlugin } from 'ajv-formats';

const addFormats = formatsPlugin as unknown as (ajv: Ajv2019) => void;
import { vectorPath } from '../../fixtures/vectors.js';

/** Ajv (code we did not write) compiled with the official strict OB 3.0 schemas. */
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);

/**
 * The 1EdTech schemas have no licence to be copied into test/fixtures: they are read from ../shared/vectors
 * on first use, so only the suites that call these validators (declared with describeOfficial) need them.
 */
function lazySchema(name: string): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const get = (): ValidateFunction =>
    (compiled ??= ajv.compile(JSON.parse(readFileSync(vectorPath(`schemas/ob_v3p0/${name}`), 'utf8')) as object));
  const validate = ((data: unknown) => get()(data)) as ValidateFunction;
  Object.defineProperty(validate, 'errors', { get: () => get().errors });
  return validate;
}

export const ajvAchievementCredential = lazySchema('achievementcredential.json');
export const ajvEndorsementCredential = lazySchema('endorsementcredential.json');

export function readVector(relative: string): Record<string, unknown> {
  return JSON.parse(readFileSync(vectorPath(relative), 'utf8')) as Record<string, unknown>;
}
