/** Every channel's handler, bound by name. A missing handler is a compile error. */
import type { Handlers } from '../dispatch.js';
import { appHandlers } from './app.js';
import { issueHandlers } from './issue.js';
import { peopleHandlers } from './people.js';
import { publishHandlers } from './publish.js';
import { verifyHandlers } from './verify.js';
import { designsHandlers } from './designs.js';
import { badgesHandlers } from './badges.js';
import { issuerHandlers } from './issuer.js';
import { deliveryHandlers } from './delivery.js';

export const handlers: Handlers = {
  ...appHandlers,
  ...issueHandlers,
  ...peopleHandlers,
  ...publishHandlers,
  ...verifyHandlers,
  ...designsHandlers,
  ...issuerHandlers,
  ...badgesHandlers,
  ...deliveryHandlers,
};
