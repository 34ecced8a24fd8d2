import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPermissionRules, PERMISSION_APPENDIX, ruleFor } from '../../mock/identity/permission-rows.js';
import { decide } from '../../mock/identity/policy-document.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { loadDocuments } from '../../src/spec/provenance.js';

interface AppendixRow {
  method: string;
  path: string;
  actions: string[];
  scopes: { project: boolean; enterpriseProject: boolean };
}
const appendix = parse(readFileSync(PERMISSION_APPENDIX, 'utf8')) as { source: { id: string }; rows: AppendixRow[] };
let operations: SpecOperation[];
beforeAll(async () => {
  ({ operations } = await loadSpec());
});

describe('the permission appendix rows (spec/sources/permission-appendix.yaml)', () => {
  it('cite a registered document', () => {
    expect(loadDocuments().get(appendix.source.id)?.url).toMatch(/permissions_and_supported_actions\/image_schema\.rst$/);
  });

  it.each(appendix.rows.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: the spec states the same IAM facts, citing the appendix', (_, row) => {
    const op = operations.find((o) => o.method === row.method.toLowerCase() && o.path === row.path);
    expect(op, `${row.method} ${row.path}`).toBeDefined();
    expect(op?.iam.actions).toEqual(row.actions);
    expect(op?.iam.scopes).toEqual(row.scopes);
    expect(op?.docs).toContain(appendix.source.id);
  });

  it('are what the mock authorizes by: a user attached only in an enterprise project is refused, any project user is not', () => {
    const rules = loadPermissionRules();
    for (const row of appendix.rows) {
      const rule = ruleFor(rules, row.method, row.path);
      expect(rule.scopes).toEqual(row.scopes);
      const inEnterpriseProject = [{ where: { enterpriseProject: 'ep1' }, Statement: [{ Effect: 'Allow' as const, Action: ['ims:*:*'] }] }];
      const inProject = [{ where: { project: true as const }, Statement: [{ Effect: 'Allow' as const, Action: ['ims:images:list'] }] }];
      expect(decide(inEnterpriseProject, rule.actions, rule.scopes).allowed).toBe(false);
      expect(decide(inProject, rule.actions, rule.scopes).allowed).toBe(true);
      expect(decide([], rule.actions, rule.scopes).allowed).toBe(true);
    }
  });
});
