import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPermissionRules, neededActions, ruleFor } from '../../mock/identity/permission-rows.js';
import { actionCovered, decide, type PolicyAttachment } from '../../mock/identity/policy-document.js';
import { evaluate, type Grant } from '../../src/iam/policy.js';
import { requiredActions } from '../../src/engine/iam-requirements.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { startMock } from '../../mock/start-mock.js';
import { call, createImage } from './mock-client.js';

/*
 * The mock decides IAM with its own code, from the permission tables; the suite predicts with src/iam from the
 * spec. Two implementations that agree are evidence, one used twice is not — so they must stay apart, and agree.
 */

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

describe('the mock’s IAM code', () => {
  it('imports nothing from the suite’s oracle, engine or checks', () => {
    const offending = filesUnder('mock')
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => /from '.*src\/(iam|engine|checks)\//.test(l))
          .map((l) => `${f}: ${l.trim()}`),
      );
    expect(offending).toEqual([]);
  });

  it('matches wildcards anywhere in an action, case-insensitively', () => {
    expect(actionCovered('ims:*:*', 'ims:images:list')).toBe(true);
    expect(actionCovered('ims:images:*', 'ims:images:delete')).toBe(true);
    expect(actionCovered('*:*:*', 'ecs:servers:createImage')).toBe(true);
    expect(actionCovered('IMS:Images:Get', 'ims:images:get')).toBe(true);
    expect(actionCovered('ims:images:get', 'ims:images:getx')).toBe(false);
    expect(actionCovered('ims:*:create', 'ims:serverImages:create')).toBe(true);
    expect(actionCovered('ims:*:create', 'ims:images:update')).toBe(false);
  });

  const ep = (id: string, allow: string[]): PolicyAttachment => ({ where: { enterpriseProject: id }, Statement: [{ Effect: 'Allow', Action: allow }] });
  const project = (allow: string[], deny: string[] = []): PolicyAttachment => ({
    where: { project: true },
    Statement: [{ Effect: 'Allow', Action: allow }, ...(deny.length > 0 ? [{ Effect: 'Deny' as const, Action: deny }] : [])],
  });

  it('lets an explicit Deny win over every Allow, in any scope', () => {
    expect(decide([project(['ims:*:*'], ['ims:images:delete'])], ['ims:images:delete'], { project: true, enterpriseProject: true }).allowed).toBe(false);
    expect(
      decide([project(['ims:*:*']), { where: { enterpriseProject: 'e1' }, Statement: [{ Effect: 'Deny', Action: ['ims:images:*'] }] }], ['ims:images:get'], {
        project: true,
        enterpriseProject: true,
      }).allowed,
    ).toBe(false);
  });

  it('confines enterprise-project grants to those enterprise projects, and refuses them where the row has no such scope', () => {
    expect(decide([ep('e1', ['ims:*:*']), ep('e2', ['ims:images:list'])], ['ims:images:get'], { project: true, enterpriseProject: true })).toEqual({
      allowed: true,
      within: 'enterpriseProjects',
      enterpriseProjects: ['e1'],
    });
    expect(decide([ep('e1', ['ims:*:*'])], ['ims:images:create'], { project: true, enterpriseProject: false }).allowed).toBe(false);
  });

  it('needs every action of the row, and none for a row without actions', () => {
    expect(decide([project(['ims:images:get'])], ['ims:images:get', 'ims:images:share'], { project: true, enterpriseProject: false })).toEqual({
      allowed: false,
      reason: 'no policy allows ims:images:share',
    });
    expect(decide([], [], { project: true, enterpriseProject: false })).toEqual({ allowed: true, within: 'project' });
  });
});

describe('the mock and the suite’s oracle', () => {
  const actionPool = ['ims:images:list', 'ims:images:get', 'ims:images:delete', 'ims:images:share', 'ims:serverImages:create', 'ecs:servers:createImage'];
  const patternPool = [...actionPool, 'ims:*:*', 'ims:images:*', '*:*:*', 'ims:*:create', 'ecs:*:*', 'IMS:IMAGES:GET'];
  const grantArb = fc.record({
    ep: fc.option(fc.constantFrom('e1', 'e2'), { nil: undefined }),
    allow: fc.subarray(patternPool),
    deny: fc.subarray(patternPool, { maxLength: 2 }),
  });

  it('agree on every decision for random policies, actions and scopes', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 3 }), fc.subarray(actionPool), fc.boolean(), (raw, actions, epScope) => {
        const grants: Grant[] = raw.map((g) => ({
          scope: g.ep ? { kind: 'enterpriseProject', enterpriseProjectId: g.ep } : { kind: 'project' },
          statements: [
            { effect: 'Allow', actions: g.allow },
            { effect: 'Deny', actions: g.deny },
          ],
        }));
        const attachments: PolicyAttachment[] = raw.map((g) => ({
          where: g.ep ? { enterpriseProject: g.ep } : { project: true },
          Statement: [
            { Effect: 'Allow', Action: g.allow },
            { Effect: 'Deny', Action: g.deny },
          ],
        }));
        const oracle = evaluate(grants, actions, epScope);
        const mock = decide(attachments, actions, { project: true, enterpriseProject: epScope });
        expect(mock.allowed).toBe(oracle.allowed);
        if (mock.allowed && oracle.allowed) {
          expect(mock.within).toBe(oracle.access);
          if (mock.within === 'enterpriseProjects' && oracle.access === 'enterpriseProjects')
            expect([...mock.enterpriseProjects].sort()).toEqual([...oracle.enterpriseProjectIds].sort());
        }
      }),
      { numRuns: 500 },
    );
  });

  it('ask the same actions of every operation: the tables (mock) and the spec’s x-iam facts (suite), conditions included', async () => {
    const { operations } = await loadSpec();
    const rules = loadPermissionRules();
    const bodies: unknown[] = [
      undefined,
      {},
      { type: 'DataImage' },
      { type: 'ECS' },
      [{ op: 'replace', path: '/enterprise_project_id', value: '0' }],
      [{ op: 'replace', path: '/name', value: 'x' }],
    ];
    const differences = operations.flatMap((op) =>
      bodies.flatMap((body) => {
        const rule = ruleFor(rules, op.method, op.path);
        const mock = neededActions(rule, body).sort();
        const suite = requiredActions(op.iam, body).sort();
        const scopes =
          JSON.stringify(rule.scopes) === JSON.stringify(op.iam.scopes)
            ? []
            : [`${op.operationId}: scopes ${JSON.stringify(rule.scopes)} ≠ ${JSON.stringify(op.iam.scopes)}`];
        return [
          ...(JSON.stringify(mock) === JSON.stringify(suite) ? [] : [`${op.operationId} ${JSON.stringify(body)}: mock ${mock} ≠ suite ${suite}`]),
          ...scopes,
        ];
      }),
    );
    expect([...new Set(differences)]).toEqual([]);
  });
});

describe('the denial status of the served contract', () => {
  it('answers 404 under the openstack profile to a caller its own evaluator finds lacking ims:images:get, 403 otherwise', async () => {
    const mock = await startMock({ profile: 'openstack' });
    try {
      const id = await createImage(mock);
      expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'none' })).status).toBe(404);
      expect((await call(mock, 'DELETE', `/v2/images/${id}`, { as: 'reader' })).status).toBe(403);
    } finally {
      await mock.close();
    }
  });
});
