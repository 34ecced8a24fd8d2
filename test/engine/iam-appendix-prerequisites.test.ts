import { beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/cli/in-process-run.js';
import { loadConfig } from '../../src/config/load-config.js';
import { expectedDecision, missingPrerequisites } from '../../src/engine/expected-decision.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { loadSpec } from '../../src/spec/load-spec.js';

let operations: SpecOperation[];
const op = (id: string): SpecOperation => operations.find((o) => o.operationId === id)!;
beforeAll(async () => {
  ({ operations } = await loadSpec());
});

const SCHEMA_CALLS = ['showImageSchema', 'showImagesSchema', 'showMemberSchema', 'showMembersSchema'];
/** The calls whose seed notes ask for the OBS Tenant Administrator role (T001), always. */
const OBS_ALWAYS = ['registerImage', 'quickImportCloudImage', 'exportImage', 'createDataImage'];

describe('the schema calls, by the IMS permission appendix (Image Schema: IAM project Y, enterprise project x)', () => {
  it.each(SCHEMA_CALLS)('%s: open to any principal of the project, not to one granted only in an enterprise project', (id) => {
    expect(op(id).iam.scopes).toEqual({ project: true, enterpriseProject: false });
    expect(expectedDecision({ actions: [] }, op(id), undefined).allowed).toBe(true);
    expect(expectedDecision({ actions: ['ims:images:list'] }, op(id), undefined).allowed).toBe(true);
    expect(expectedDecision({ actions: ['ims:*:*'], enterpriseProjectId: 'ep1' }, op(id), undefined)).toEqual({
      allowed: false,
      reason: 'authorized only at enterprise-project scope, which this operation does not support',
    });
  });

  it('iam-allowed no longer expects 200 of the enterprise-project principal, and says why; the project principals still pass', async () => {
    const outcome = await runSuite(loadConfig({ seed: '3', runs: '2', only: SCHEMA_CALLS.map((id) => `${id}/iam-allowed`) }, {}));
    for (const id of SCHEMA_CALLS) {
      const result = outcome.results.find((r) => r.id === `${id}/iam-allowed`);
      expect(result?.status, `${id}: ${result?.message}`).toBe('passed');
      expect(result?.message, id).toMatch(/probed: .*reader \(allowed\)/);
      expect(result?.skipReasons?.join(' '), id).toMatch(/epAdmin: denied \(authorized only at enterprise-project scope.*\), so success is not expected/);
    }
  }, 60_000);
});

describe('cross-service prerequisites in what iam-allowed expects', () => {
  const imsOnly: { actions: string[]; roles?: string[] } = { actions: ['ims:*:*'] };
  const withObs = { actions: ['ims:*:*'], roles: ['obs Tenant Administrator'] };

  it.each(OBS_ALWAYS)('%s: a principal holding ims:* but not OBS Tenant Administrator lacks the prerequisite', (id) => {
    expect(expectedDecision(imsOnly, op(id), undefined).allowed).toBe(true);
    expect(missingPrerequisites(imsOnly, op(id), undefined).map((p) => p.anyOf)).toEqual([[{ service: 'obs', role: 'Tenant Administrator' }]]);
    expect(missingPrerequisites(withObs, op(id), undefined)).toEqual([]);
  });

  it('createCloudImage needs OBS only when it imports a file (image_url), not from a server', () => {
    expect(missingPrerequisites(imsOnly, op('createCloudImage'), { instance_id: 's1', name: 'n' })).toEqual([]);
    expect(missingPrerequisites(imsOnly, op('createCloudImage'), { image_url: 'b:o', min_disk: 40, name: 'n' })).toHaveLength(1);
  });

  it('createWholeImage takes either backup role', () => {
    expect(missingPrerequisites(imsOnly, op('createWholeImage'), {})).toHaveLength(1);
    expect(missingPrerequisites({ ...imsOnly, roles: ['cbr CBR Admin'] }, op('createWholeImage'), {})).toEqual([]);
    expect(missingPrerequisites({ ...imsOnly, roles: ['csbs CSBS Administrator'] }, op('createWholeImage'), {})).toEqual([]);
  });

  it('a run whose principals hold ims:* without OBS does not expect them to succeed on the imports, and says why', async () => {
    const only = OBS_ALWAYS.map((id) => `${id}/iam-allowed`);
    const outcome = await runSuite(loadConfig({ seed: '3', runs: '2', only }, {}));
    for (const id of only) {
      const result = outcome.results.find((r) => r.id === id);
      // The owner holds the roles (DEFAULT_PRINCIPALS), so its own request is still judged; noDelete does not.
      expect(result?.status, `${id}: ${result?.message}`).toBe('passed');
      expect(result?.skipReasons?.join(' '), id).toMatch(
        /noDelete: holds the IMS actions but not obs Tenant Administrator \(seed-T001\), so success is not expected/,
      );
      expect(result?.message, id).not.toMatch(/noDelete \(allowed\)/);
    }
  }, 120_000);
});
