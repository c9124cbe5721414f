/** Handlers for the Issue screen: CSV preview, issuing in the background, cancel, status. */
import type { ReqValue } from '../../../shared/ipc/contract/index.js';
import { previewCsv } from '../../services/csv-preview.js';
import type { CsvSource } from '../../services/csv-rows.js';
import { IssueJobRunner } from '../../services/issue-job.js';
import type { HandlerGroup } from '../dispatch.js';
import type { AppSession } from '../session.js';

type IssueChannel = 'issue.preview' | 'issue.start' | 'issue.cancel' | 'issue.status';

/** One runner per app session: its job outlives the requests (and page reloads) that follow it. */
const runners = new WeakMap<AppSession, IssueJobRunner>();

export function issueRunner(session: AppSession): IssueJobRunner {
  let runner = runners.get(session);
  if (!runner) {
    runner = new IssueJobRunner();
    runners.set(session, runner);
  }
  return runner;
}

function csvSource(csv: ReqValue<'issue.preview'>['csv']): CsvSource {
  return 'path' in csv ? csv.path : { name: csv.name, bytes: Buffer.from(csv.base64, 'base64') };
}

export const issueHandlers: HandlerGroup<IssueChannel> = {
  'issue.preview': ({ csv, columns }, session) => {
    session.requireWorkspace();
    return previewCsv(csvSource(csv), {
      now: session.env.clock(),
      ...(columns ? { columns } : {}),
    });
  },

  'issue.start': (req, session) => {
    const workspace = session.requireWorkspace();
    const keystore = session.requireKeystore();
    return issueRunner(session).start(
      {
        badgeId: req.badgeId,
        formats: req.formats,
        bake: req.bake,
        csv: csvSource(req.csv),
        ...(req.columns ? { columns: req.columns } : {}),
      },
      {
        workspace,
        keystore,
        outDir: session.outputDirs().issued,
        now: () => workspace.now(),
        onProgress: (progress) => session.env.emit('issue.progress', progress),
        onError: (error) => session.env.logError(error),
      },
    );
  },

  'issue.cancel': ({ jobId }, session) => issueRunner(session).cancel(jobId),

  'issue.status': (_req, session) => ({ job: issueRunner(session).current() }),
};
