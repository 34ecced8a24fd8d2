import { describe, expect, it } from 'vitest';
import { lackingOneAction } from '../../generators/principals.js';
import { authorize } from '../../mock/identity/authorize.js';
import type { User } from '../../mock/identity/directory.js';
import { DEFAULT_PRINCIPALS } from '../../src/model/principals.js';
import { loadPermissionRules } from '../../mock/identity/permission-rows.js';
import type { PolicyAttachment } from '../../mock/identity/policy-document.js';
import { FaultSet } from '../../mock/faults/catalogue.js';
import { startMock } from '../../mock/start-mock.js';
import { expectedDecision } from '../../src/engine/expected-decision.js';
import { keystoneRole, policyDocument, unknownActions } from '../../src/preflight/iam-policies.js';
import type { IamCondition } from '../../src/model/operation.js';
import { loadSpec } from '../../src/spec/load-spec.js';

/** A request body for which the condition holds, so conditional actions are judged too. */
function bodyWhere(condition: IamCondition): unknown {
  if ('jsonPatchPath' in condition) return [{ op: 'replace', path: condition.jsonPatchPath, value: 'x' }];
  const keys = condition.bodyField.split('/').slice(1);
  if ('present' in condition && !condition.present) return {};
  const value = 'equals' in condition ? condition.equals : 'notEquals' in condition ? `not-${String(condition.notEquals)}` : 'present';
  return keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

describe('policies: the documents the command prints', () => {
  it('are judged by the mock’s own IAM evaluator exactly as the declared actions say, for every operation × principal', async () => {
    const spec = await loadSpec();
    const lacking = Object.fromEntries(lackingOneAction(spec.operations).map((p) => [p.name, { actions: p.actions, project: 'primary' as const }]));
    const mock = await startMock({ principals: { ...DEFAULT_PRINCIPALS, ...lacking } });
    await mock.close();
    const rules = loadPermissionRules();
    const faults = new FaultSet([]);
    let compared = 0;
    for (const [name, principal] of Object.entries(mock.config.principals)) {
      const document = policyDocument(principal);
      const attachments: PolicyAttachment[] = document
        ? [{ where: principal.enterpriseProjectId ? { enterpriseProject: principal.enterpriseProjectId } : { project: true }, Statement: document.Statement }]
        : [];
      const user: User = { id: name, name, password: '', domainId: 'd', projectId: 'p', policies: attachments };
      for (const op of spec.operations)
        for (const body of [undefined, ...op.iam.conditionalActions.map((c) => bodyWhere(c.condition))]) {
          const mockSays = authorize(rules, op, user, body, faults);
          const declared = expectedDecision(principal, op, body);
          expect({ name, op: op.operationId, body, allowed: mockSays.allowed }).toEqual({ name, op: op.operationId, body, allowed: declared.allowed });
          if (mockSays.allowed && declared.allowed) expect(mockSays.within === 'project').toBe(declared.access === 'project');
          compared++;
        }
    }
    expect(compared).toBeGreaterThan(Object.keys(mock.config.principals).length * spec.operations.length - 1);
  });

  it('grant nothing when nothing is declared (IAM has no empty policy) and keep Allow and Deny apart', () => {
    expect(policyDocument({ actions: [] })).toBeUndefined();
    expect(policyDocument({ actions: ['ims:*:*'], deny: ['ims:images:delete'] })).toEqual({
      Version: '1.1',
      Statement: [
        { Effect: 'Allow', Action: ['ims:*:*'] },
        { Effect: 'Deny', Action: ['ims:images:delete'] },
      ],
    });
  });

  it('refuse action names the spec’s IAM facts never use, wildcards matched by pattern', async () => {
    const { operations } = await loadSpec();
    expect(unknownActions(['ims:*:*', 'ims:images:*', 'ecs:*:*', 'evs:volumes:get', '*:*:*'], operations)).toEqual([]);
    expect(unknownActions(['ims:image:list', 'obs:*:*', 'ims:images:lst'], operations)).toEqual(['ims:image:list', 'obs:*:*', 'ims:images:lst']);
  });

  it('map the openstack principals to the Keystone roles scripts/openstack/up.sh assigns them', async () => {
    const operations = (await loadSpec(undefined, 'openstack')).operations.filter((op) => op.profiles.includes('openstack'));
    expect(keystoneRole({ actions: ['ims:images:*'] }, operations)).toBe('member');
    expect(keystoneRole({ actions: ['ims:images:list', 'ims:images:get'] }, operations)).toBe('reader');
    expect(keystoneRole({ actions: [] }, operations)).toBe('ims-none');
    expect(keystoneRole({ actions: ['ims:images:list'] }, operations)).toBeUndefined();
  });
});
