import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runSuite } from '../../src/cli/in-process-run.js';
import { loadSpec } from '../../src/spec/load-spec.js';

describe('a run against the embedded mock', () => {
  it('passes every check it runs on the clean mock and leaves nothing behind', async () => {
    const outcome = await runSuite(loadConfig({ seed: '1' }, {}));
    // Judged and held, or nothing to judge (a body check on a status without a body): nothing else.
    const notPassed = outcome.results.filter((r) => r.status !== 'passed' && r.status !== 'not-applicable').map((r) => `${r.id} ${r.status}: ${r.message}`);
    expect(notPassed).toEqual([]);
    expect(outcome.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(outcome.results.length / 2);
    expect(outcome.leftovers).toEqual([]);
    // Every operation of the spec, the 27 permission-table rows and the calls beside them.
    expect(new Set(outcome.results.map((r) => r.operationId)).size).toBe((await loadSpec()).operations.length);
  });
});

describe('the openstack profile', () => {
  it('runs the OpenStack-native operations and skips every IMS extension with the reason', async () => {
    const outcome = await runSuite(loadConfig({ seed: '1', runs: '3', profile: 'openstack' }, {}));
    const ran = new Set(outcome.results.filter((r) => r.status === 'passed').map((r) => r.operationId));
    const skippedOps = new Set(outcome.results.filter((r) => r.status === 'skipped').map((r) => r.operationId));
    expect([...ran].sort()).toEqual(
      [
        'addImageMember',
        'createImage',
        'createToken',
        'deleteImage',
        'deleteImageMember',
        'listImageMembers',
        'listImages',
        'listVersions',
        'showImage',
        'showImageMember',
        'updateImage',
        'updateImageMember',
        'uploadImageFile',
        'listApiVersions',
        'showImageSchema',
        'showImagesSchema',
        'showMemberSchema',
        'showMembersSchema',
        'showIdentityVersion',
      ].sort(),
    );
    expect([...skippedOps]).toEqual(expect.arrayContaining(['listCloudImages', 'createServerImage', 'listImagesV11', 'batchAddMembers']));
    expect(outcome.results.filter((r) => r.status === 'skipped').every((r) => r.message.startsWith('not part of the openstack profile'))).toBe(true);
    expect(outcome.results.filter((r) => r.status === 'failed' || r.status === 'error')).toEqual([]);
  });
});
