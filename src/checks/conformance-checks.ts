import { contentType } from './content-type.js';
import type { Check } from './finding.js';
import { responseHeaders } from './response-headers.js';
import { responseSchema } from './response-schema.js';
import { statusDocumented } from './status-documented.js';

/** The checks every single exchange is held to, whatever the scenario. */
export const RESPONSE_CONFORMANCE_CHECKS: readonly Check[] = [statusDocumented, contentType, responseSchema, responseHeaders];
