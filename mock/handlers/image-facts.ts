/**
 * Transitional: this grab-bag was split after what it held. It re-exports the new homes only for the importers
 * being reworked by others at the time of the split (cloudimages.ts, async-actions.ts); import from the modules
 * below, and delete this file once nothing imports it.
 */
export { jobLikeId } from '../store/jobs.js';
export { CORE_ATTRIBUTES, IMS_MANAGED_ATTRIBUTES, isBooleanFlag } from './attribute-classes.js';
export { checkObsFile, checkVolume, findServer, imsFail, splitObs } from './fixture-checks.js';
export { belowDiskFloor, commonExtra, osFacts, pseudoSize, systemEnvType, tagsFrom } from './new-image-attributes.js';
