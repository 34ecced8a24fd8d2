/**
 * Transitional: this grab-bag was split after what it held. It re-exports the new homes only for the importers
 * being reworked by others at the time of the split (cloudimages.ts, async-actions.ts); import from the modules
 * below, and delete this file once nothing imports it.
 */
export { isResponse } from '../http/responses.js';
export { callerProject, enterpriseProjectForNewImage } from './caller-scope.js';
export { deleteOwnImage, imageNotFound, imageNotFoundStatus, requireImage } from './image-access.js';
