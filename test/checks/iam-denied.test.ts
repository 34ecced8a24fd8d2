import { describe, expect, it } from 'vitest';
import { iamDenied } from '../../src/checks/situation-checks.js';
import type { Exchange } from '../../src/model/exchange.js';
import { expectedDenialStatus } from '../../src/engine/expected-decision.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

/** iam-denied holds the target to the denial status the profile documents for the caller, and nothing else. */
describe('iam-denied with a documented denial status', () => {
  const ctx = { validator: new SchemaValidator() };

  it('on the openstack profile: 404 for a caller that may not read the image, 403 for one lacking only delete', async () => {
    const spec = await loadSpec(undefined, 'openstack');
    const op = spec.operations.find((o) => o.operationId === 'deleteImage');
    if (!op) throw new Error('no deleteImage');
    const answered = (status: number): Exchange => {
      const body = { code: `${status} ${status === 404 ? 'Not Found' : 'Forbidden'}`, title: 'x', message: 'denied' };
      return {
        operation: op,
        request: { method: 'DELETE', url: 'http://t/v2/images/x', headers: {} },
        response: { status, headers: { 'content-type': 'application/json' }, body, text: JSON.stringify(body) },
      };
    };
    const noGrants = expectedDenialStatus({ actions: [] }, op);
    const readOnly = expectedDenialStatus({ actions: ['ims:images:get', 'ims:images:list'] }, op);
    expect([noGrants, readOnly]).toEqual([404, 403]);
    expect(iamDenied(spec.situations, noGrants)(answered(404), ctx)).toEqual([]);
    expect(iamDenied(spec.situations, noGrants)(answered(403), ctx).map((f) => f.title)).toEqual(['permission not enforced']);
    expect(iamDenied(spec.situations, readOnly)(answered(403), ctx)).toEqual([]);
    expect(iamDenied(spec.situations, readOnly)(answered(404), ctx).map((f) => f.message)).toEqual([
      expect.stringMatching(/^Expected 403 \(.*openstack profile.*\); received 404/),
    ]);
  });
});
