import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import spectralCore from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.js';
import { packageRoot } from '../../src/spec/package-root.js';

// The spec as peers read it: the linters vendors and client authors run on an OpenAPI document find nothing to say.
describe('the spec, linted as peers lint it', () => {
  it("passes Spectral's oas rules on the bundle (the document the suite and the reports hash)", async () => {
    const { bundled } = await loadSpec();
    const spectral = new spectralCore.Spectral();
    spectral.setRuleset(new spectralCore.Ruleset({ extends: [oas] } as never, { source: 'spectral:oas' }));
    const problems = await spectral.run(new spectralCore.Document(JSON.stringify(bundled), Json));
    expect(problems.map((p) => `${p.code} at ${p.path.join('.')}: ${p.message}`)).toEqual([]);
  });

  it("passes Redocly's recommended rules (redocly.yaml; what it turns off says why)", () => {
    const cli = join(packageRoot(), 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    const lint = spawnSync(process.execPath, [cli, 'lint', 'spec/openapi.yaml', '--format', 'stylish'], { cwd: packageRoot(), encoding: 'utf8' });
    const output = `${lint.stdout}${lint.stderr}`;
    expect(output, output).toMatch(/Your API description is valid/);
    expect(output, output).not.toMatch(/You have \d+ warnings?/);
    expect(lint.status).toBe(0);
  });
});
