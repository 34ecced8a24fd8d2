import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildListing, listCommand, type Listing } from '../../src/cli/list-command.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { packageRoot } from '../../src/spec/package-root.js';

const run = promisify(execFile);
const cli = join(packageRoot(), 'bin', 'ims-conformance.js');

describe('ims-conformance list', () => {
  it('lists every operation with its IAM facts and the checks its scenarios report, from the spec alone', async () => {
    const spec = await loadSpec();
    const listing = await buildListing();
    expect(listing.operations.map((o) => o.operationId)).toEqual(spec.operations.map((o) => o.operationId));
    const scenarios = scenariosFor(spec.operations);
    for (const op of spec.operations) {
      const listed = listing.operations.find((o) => o.operationId === op.operationId);
      expect(listed, op.operationId).toMatchObject({
        area: op.area,
        method: op.method.toUpperCase(),
        path: op.path,
        deprecated: op.deprecated,
        profiles: op.profiles,
        actions: op.iam.actions,
        scopes: op.iam.scopes,
        conditionalActions: op.iam.conditionalActions.map((c) => ({ action: c.action, condition: c.condition })),
      });
      const mine = scenarios.filter((s) => s.operation === op);
      expect(new Set(listed?.checks)).toEqual(new Set(mine.flatMap((s) => s.checks)));
      expect(listed?.tests).toHaveLength(mine.length);
      expect(listed?.checks).toContain('status-documented');
    }
    expect(listing.totals).toEqual({
      operations: spec.operations.length,
      tests: scenarios.length,
      results: listing.operations.reduce((n, o) => n + o.checks.length, 0),
    });
  });

  it('--only narrows the listing the way it narrows a run', async () => {
    const listing = await buildListing(['deleteImage/iam-denied']);
    expect(listing.operations.map((o) => o.operationId)).toEqual(['deleteImage']);
    expect(listing.operations[0]?.tests.every((t) => t.checks.includes('iam-denied'))).toBe(true);
  });

  it('prints the operations by area, flags deprecated ones and shows conditional actions with their condition', async () => {
    const lines: string[] = [];
    expect(await listCommand({ out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    const text = lines.join('\n');
    const spec = await loadSpec();
    for (const op of spec.operations) expect(text).toContain(`  ${op.operationId.padEnd(22)} ${op.method.toUpperCase().padEnd(6)} ${op.path}`);
    for (const area of new Set(spec.operations.map((o) => o.area))) expect(lines).toContain(`[${area}]`);
    expect(text).toMatch(/listImagesV11 +GET +\/v1\.1\/images\/detail {2}\(deprecated/);
    expect(text).toContain('ims:serverImages:create (only when {"jsonPatchPath":"/enterprise_project_id"})');
    expect(text).toMatch(/^ {6}checks {3}status-documented /m);
    expect(text).toMatch(/^ {6}tests {4}images \d+ · authn \d+ · authz \d+/m);
  });

  it('--json through the built CLI is the same listing, and bad flags exit 2', async () => {
    const { stdout } = await run(process.execPath, [cli, 'list', '--json'], { timeout: 60_000 });
    const listing = JSON.parse(stdout) as Listing;
    expect(listing).toEqual(JSON.parse(JSON.stringify(await buildListing())));
    const failed = await run(process.execPath, [cli, 'list', '--jsn'], { timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain("Unknown option '--jsn'");
  });
});
