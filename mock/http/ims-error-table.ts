import type { MockState } from '../context.js';
import { imsCodeOf } from '../../src/spec/error-situations.js';
import type { MockResponse } from './responses.js';

/**
 * The `ims-errors` personality speaks the IMS error-code table: an IMS error whose code the error-situation table
 * (spec/error-situations.yaml) gives as a 400 answer leaves with HTTP 400, whatever Glance status the handler
 * chose (403, 404, 409). Only while the mock serves the ims profile: under `openstack` Glance's statuses stand.
 */
export function speaksErrorTable(state: MockState): boolean {
  return state.readings.imsErrorTable() && state.spec.profile === 'ims';
}

const codesCache = new WeakMap<MockState, ReadonlySet<string>>();

/** The codes the table's ims answers give HTTP 400. */
function tableCodes(state: MockState): ReadonlySet<string> {
  let codes = codesCache.get(state);
  if (!codes) {
    // IMG.0001 (a malformed request) is also the code the mock gives Glance's conflicts (409: an upload into an
    // active image, a patch of a missing property), which are no situation of the table: invalid values keep theirs.
    const rows = state.spec.situations.rows.filter((r) => r.id !== 'invalid-value');
    codes = new Set(rows.flatMap((r) => r.ims.filter((a) => a.status === 400).flatMap((a) => a.codes ?? [])));
    codesCache.set(state, codes);
  }
  return codes;
}

export function asErrorTableSays(state: MockState, response: MockResponse): MockResponse {
  if (!speaksErrorTable(state) || response.status <= 400 || response.status >= 500) return response;
  const code = imsCodeOf(response.body);
  return code !== undefined && tableCodes(state).has(code) ? { ...response, status: 400 } : response;
}
