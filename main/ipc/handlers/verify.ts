/** Handler for the Verify screen: a dropped badge file, verified offline like `verify --site`. */
import { verifyWithWorkspace } from '../../services/verify-workspace.js';
import type { HandlerGroup } from '../dispatch.js';

export const verifyHandlers: HandlerGroup<'verify.file'> = {
  'verify.file': async ({ file, email }, session) => {
    const workspace = session.workspace;
    const { report, outcome, resolvedWith } = await verifyWithWorkspace(new Uint8Array(Buffer.from(file.base64, 'base64')), {
      workspace,
      siteDir: workspace ? session.outputDirs().site : null,
      now: session.env.clock(),
      ...(email?.trim() ? { recipient: email.trim() } : {}),
    });
    return {
      name: file.name,
      outcome,
      format: report.format,
      ...(report.image ? { image: report.image } : {}),
      ...(report.issuer ? { issuer: report.issuer } : {}),
      ...(report.badge ? { badge: report.badge } : {}),
      revoked: report.checks.some((check) => check.code === 'ERR_REVOKED'),
      expired: report.checks.some((check) => check.code === 'ERR_EXPIRED'),
      resolvedWith,
      checks: report.checks,
    };
  },
};
