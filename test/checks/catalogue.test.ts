import type { CheckId } from '../../src/model/check-id.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../mock/faults/catalogue.js';
import { CHECK_CATALOGUE, CHECK_IDS, catalogueTable, checkEntry, isCheckId } from '../../src/checks/catalogue.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { loadDocuments } from '../../src/spec/provenance.js';
import { packageRoot } from '../../src/spec/package-root.js';

describe('the check catalogue is the one list of checks', () => {
  it('names each check once, each resting on documents of the registry', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    const documents = loadDocuments();
    for (const entry of CHECK_CATALOGUE) {
      expect(entry.documents.length, entry.id).toBeGreaterThan(0);
      for (const doc of entry.documents) expect(documents.has(doc), `${entry.id}: ${doc}`).toBe(true);
    }
  });

  it('matches what the scenario families report: every scenario check is catalogued, with the families that report it', async () => {
    for (const profile of ['ims', 'openstack'] as const) {
      const spec = await loadSpec(undefined, profile);
      const families = new Map<CheckId, Set<string>>();
      for (const scenario of scenariosFor(spec.operations))
        for (const check of scenario.checks) {
          expect(isCheckId(check), `${scenario.title}: ${check}`).toBe(true);
          families.set(check, (families.get(check) ?? new Set()).add(scenario.family));
        }
      if (profile === 'ims') {
        expect([...families.keys()].sort()).toEqual([...CHECK_IDS].sort());
        for (const [check, seen] of families) expect([...seen].sort(), check).toEqual([...checkEntry(check).families].sort());
      }
    }
  });

  it('names every check a mock fault is detected by', () => {
    for (const fault of FAULTS) for (const check of fault.detectedBy) expect(isCheckId(check), `${fault.name}: ${check}`).toBe(true);
  });

  it('is what README’s check table shows (npm run docs:tables rewrites it)', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    const block = /<!-- checks:begin[^>]*-->\n([\s\S]*?)\n<!-- checks:end -->/.exec(readme)?.[1];
    expect(block).toBe(catalogueTable());
  });

  it('refuses an unknown id loudly: at compile time, and at run time for an id read from outside', () => {
    // @ts-expect-error a misspelt id is not a CheckId
    expect(() => checkEntry('status-documentd')).toThrow(/unknown check id/);
  });
});
