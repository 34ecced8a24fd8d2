import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { policiesCommand, type PrincipalPolicy } from '../../src/cli/policies-command.js';
import { loadSpec } from '../../src/spec/load-spec.js';

const tmp = mkdtempSync(join(tmpdir(), 'ims-policies-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CONTRACT = {
  projectId: '0123456789abcdef0123456789abcdef',
  principals: {
    owner: { token: '${IMS_OWNER_TOKEN}', actions: ['ims:*:*', 'ecs:*:*', 'evs:*:*'] },
    reader: { token: 't', actions: ['ims:images:list', 'ims:images:get'] },
    member: { projectId: 'fedcba9876543210fedcba9876543210', token: 't', actions: ['ims:*:*'] },
    noDelete: { token: 't', actions: ['ims:*:*'], deny: ['ims:images:delete'] },
    // Holds OBS's role by its config: its iam-allowed probes of imports are judged, so it needs that role (not CBR's).
    importer: { token: 't', actions: ['ims:*:*'], roles: ['obs Tenant Administrator'] },
  },
};

async function policies(): Promise<PrincipalPolicy[]> {
  const file = join(tmp, 'contract.yaml');
  writeFileSync(file, stringify(CONTRACT));
  const out: string[] = [];
  const err: string[] = [];
  const code = await policiesCommand(['--config', file, '--format', 'json'], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  expect({ code, err }).toEqual({ code: 0, err: [] });
  return (JSON.parse(out.join('\n')) as { principals: PrincipalPolicy[] }).principals;
}

const byName = (entries: PrincipalPolicy[], name: string): PrincipalPolicy => entries.find((e) => e.name === name) as PrincipalPolicy;

describe('ims-conformance policies: cross-service prerequisites', () => {
  it('the owner gets OBS Tenant Administrator for every operation that asks for it, quick import included, and CBR for whole images', async () => {
    const spec = await loadSpec();
    const obsOps = spec.operations.filter((op) => op.iamPrerequisites.some((p) => p.anyOf.some((r) => r.service === 'obs'))).map((op) => op.operationId);
    expect(obsOps).toContain('quickImportCloudImage');
    const owner = byName(await policies(), 'owner');
    const obs = owner.prerequisites.find((l) => l.startsWith('obs Tenant Administrator, for '));
    for (const id of obsOps) expect(obs, id).toMatch(new RegExp(`\\b${id}\\b`));
    expect(owner.prerequisites).toContainEqual(expect.stringMatching(/^csbs CSBS Administrator or cbr CBR Admin, for createWholeImage/));
  });

  it('principals that only probe (member, noDelete) need no other service’s role, though they hold ims:*:*; a reader neither', async () => {
    const entries = await policies();
    for (const name of ['member', 'noDelete', 'reader']) expect(byName(entries, name).prerequisites, name).toEqual([]);
  });

  it('a principal whose `roles` lists one is told to hold just that one', async () => {
    const importer = byName(await policies(), 'importer');
    expect(importer.prerequisites).toHaveLength(1);
    expect(importer.prerequisites[0]).toMatch(/^obs Tenant Administrator, for .*quickImportCloudImage/);
  });
});
