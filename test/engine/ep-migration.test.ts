import { describe, expect, it } from 'vitest';
import { targetEnterpriseProject } from '../../src/engine/scenarios/ep-migration.js';

/** The enterprise project the ep-migrated scenario moves the owner's image into comes from the config, never invented. */
describe('the enterprise project an image is moved into', () => {
  const principal = (enterpriseProjectId?: string) => ({ token: 't', actions: ['ims:*:*'], ...(enterpriseProjectId ? { enterpriseProjectId } : {}) });

  it('is fixtures.enterpriseProjectId, else the first a principal is granted in, never the owner’s images’ own', () => {
    expect(targetEnterpriseProject({ principals: { owner: principal(), epAdmin: principal('ep-1') }, fixtures: { enterpriseProjectId: 'ep-9' } })).toBe('ep-9');
    expect(targetEnterpriseProject({ principals: { owner: principal(), epAdmin: principal('ep-1') }, fixtures: {} })).toBe('ep-1');
    expect(targetEnterpriseProject({ principals: { owner: principal('ep-1'), other: principal('ep-1') }, fixtures: { enterpriseProjectId: '0' } })).toBe('0');
  });

  it('is none without an enterprise project other than the owner’s (the check is then skipped with that reason)', () => {
    expect(targetEnterpriseProject({ principals: { owner: principal(), member: principal() }, fixtures: {} })).toBeUndefined();
    expect(targetEnterpriseProject({ principals: { owner: principal(), epAdmin: principal('0') }, fixtures: {} })).toBeUndefined();
  });
});
