import { describe, expect, it } from 'vitest';
import { targetEnterpriseProject } from '../../src/engine/scenarios/ep-migration.js';

/** The enterprise project the ep-migrated scenario moves the owner's image into comes from the config, never invented. */
describe('the enterprise project an image is moved into', () => {
  const principal = (enterpriseProjectId?: string) => ({ token: 't', actions: ['ims:*:*'], ...(enterpriseProjectId ? { enterpriseProjectId } : {}) });

  it('is the first a principal is granted in, never the one the owner’s images are in', () => {
    expect(targetEnterpriseProject({ principals: { owner: principal(), epAdmin: principal('ep-1') } })).toBe('ep-1');
    expect(targetEnterpriseProject({ principals: { owner: principal('ep-1'), other: principal('ep-1'), third: principal('ep-2') } })).toBe('ep-2');
  });

  it('is none without an enterprise project other than the owner’s (the check is then skipped with that reason)', () => {
    expect(targetEnterpriseProject({ principals: { owner: principal(), member: principal() } })).toBeUndefined();
    expect(targetEnterpriseProject({ principals: { owner: principal(), epAdmin: principal('0') } })).toBeUndefined();
  });
});
