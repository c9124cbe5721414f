/** Every channel's handler, bound by name. A missing handler is a compile error. */
import type { Handlers } from '../dispatch.js';
import { appHandlers } from './app.js';

export const handlers: Handlers = {
  ...appHandlers,
};
