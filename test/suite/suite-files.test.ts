import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { packageRoot } from '../../src/spec/package-root.js';
import { suiteOf } from '../../src/suite/suite-of.js';

describe('the suite files in suites/', () => {
  it('are exactly one per suite the spec’s scenarios fall into', async () => {
    const { operations } = await loadSpec();
    const wanted = [...new Set(scenariosFor(operations).map(suiteOf))].sort();
    const files = readdirSync(join(packageRoot(), 'suites'))
      .map((f) => f.replace(/\.test\.ts$/, ''))
      .sort();
    expect(files).toEqual(wanted);
  });
});
