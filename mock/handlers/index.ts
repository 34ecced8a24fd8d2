import type { Handler } from '../context.js';
import { asyncActionHandlers } from './async-actions.js';
import { cloudImageHandlers } from './cloudimages.js';
import { deprecatedV1Handlers } from './deprecated-v1.js';
import { discoveryHandlers } from './discovery.js';
import { identityHandlers } from './identity.js';
import { imageDataHandlers } from './image-data.js';
import { imageHandlers } from './images.js';
import { jobHandlers } from './jobs.js';
import { novaHandlers } from './nova.js';
import { schemaHandlers } from './schemas.js';
import { sharingHandlers } from './sharing.js';
import { versionHandlers } from './versions.js';

/** Every operation's handler, by operationId. A test holds this to exactly the spec's operations. */
export const handlers: Record<string, Handler> = {
  ...versionHandlers,
  ...discoveryHandlers,
  ...schemaHandlers,
  ...imageHandlers,
  ...imageDataHandlers,
  ...cloudImageHandlers,
  ...asyncActionHandlers,
  ...deprecatedV1Handlers,
  ...novaHandlers,
  ...sharingHandlers,
  ...jobHandlers,
  ...identityHandlers,
};
