/**
 * The one way into the handlers, whatever the transport: checks the channel, validates the request
 * against the contract, calls the handler, and returns a Result with a stable ERR_ code. Nothing
 * thrown crosses the boundary; unexpected failures are logged here and reach the UI as ERR_INTERNAL.
 */
import * as v from 'valibot';
import { BadgeError, isBadgeError } from '../../shared/errors.js';
import { err, ok, type Result } from '../../shared/result.js';
import { isChannel, type Channel } from '../../shared/ipc/channels.js';
import { contract, type ReqValue, type ResValue } from '../../shared/ipc/contract/index.js';
import type { AppSession } from './session.js';

export type Handler<C extends Channel> = (
  req: ReqValue<C>,
  session: AppSession,
) => Promise<ResValue<C>> | ResValue<C>;
export type Handlers = { [C in Channel]: Handler<C> };
export type HandlerGroup<C extends Channel> = { [K in C]: Handler<K> };

function badRequest(issues: readonly v.BaseIssue<unknown>[]): BadgeError {
  const issue = issues[0] as v.BaseIssue<unknown>;
  const field = v.getDotPath(issue) ?? '(request)';
  if (issue.message.startsWith('ERR_')) {
    return new BadgeError(issue.message as `ERR_${string}`, `The field "${field}" is not valid.`, {
      details: { field },
    });
  }
  return new BadgeError(
    'ERR_IPC_BAD_REQUEST',
    `The request's field "${field}" is not valid: ${issue.message}`,
    { details: { field } },
  );
}

export async function dispatch(
  handlers: Handlers,
  session: AppSession,
  channel: string,
  raw: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return err({
      code: 'ERR_IPC_UNKNOWN_CHANNEL',
      message: `The app asked for "${channel.slice(0, 80)}", which does not exist.`,
    });
  }
  const spec = contract[channel];
  const parsed = v.safeParse(spec.req, raw ?? {});
  if (!parsed.success) return err(badRequest(parsed.issues).toJSON());
  let value: unknown;
  try {
    value = await (handlers[channel] as (req: unknown, session: AppSession) => unknown)(
      parsed.output,
      session,
    );
  } catch (error) {
    if (isBadgeError(error) && error.code !== 'ERR_INTERNAL') return err(error.toJSON());
    session.env.logError(error);
    return err({
      code: 'ERR_INTERNAL',
      message:
        'Something went wrong inside Badgesmith. Nothing was lost; the details are in the log.',
    });
  }
  const checked = v.safeParse(spec.res, value);
  if (!checked.success) {
    session.env.logError(
      new Error(
        `Handler for ${channel} returned a response outside the contract: ${v.getDotPath(checked.issues[0])} ${checked.issues[0].message}`,
      ),
    );
    return err({
      code: 'ERR_INTERNAL',
      message:
        'Something went wrong inside Badgesmith. Nothing was lost; the details are in the log.',
    });
  }
  return ok(checked.output);
}
