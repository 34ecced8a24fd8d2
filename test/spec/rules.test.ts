import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAULTS } from '../../mock/faults/catalogue.js';
import { CHECK_CATALOGUE, isCheckId } from '../../src/checks/catalogue.js';
import { scenariosFor } from '../../src/engine/scenarios/index.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { packageRoot } from '../../src/spec/package-root.js';
import { loadDocuments } from '../../src/spec/provenance.js';

interface Rule {
  id: string;
  statement: string;
  sources: string[];
  operations: string[];
  check?: string;
  gap?: string;
}

const rules = (parse(readFileSync(join(packageRoot(), 'spec', 'rules.yaml'), 'utf8')) as { rules: Rule[] }).rules;
/** Checks only the lifecycle model reports: rules of state, each of which must trace back to a rule of the table. */
const EFFECT_CHECKS: string[] = CHECK_CATALOGUE.filter((c) => c.families.length === 1 && c.families[0] === 'lifecycle').map((c) => c.id);

/** operationId → check ids its scenarios report (ims profile: every operation). */
let reported: Map<string, Set<string>>;
beforeAll(async () => {
  reported = new Map();
  for (const s of scenariosFor((await loadSpec()).operations)) {
    const set = reported.get(s.operation.operationId) ?? new Set<string>();
    for (const c of s.checks) set.add(c);
    reported.set(s.operation.operationId, set);
  }
});

describe('the rules-of-effect table (spec/rules.yaml)', () => {
  it('names each rule once, with a statement, documented sources and the operations involved', () => {
    const documents = loadDocuments();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.statement.length, rule.id).toBeGreaterThan(20);
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      for (const doc of rule.sources) expect(documents.has(doc), `${rule.id}: unknown document ${doc}`).toBe(true);
      for (const op of rule.operations) expect(reported.has(op), `${rule.id}: unknown operation ${op}`).toBe(true);
    }
  });

  it('gives every rule either a catalogued check reported for one of its operations, or the reason it has none', () => {
    for (const rule of rules) {
      expect(Boolean(rule.check) !== Boolean(rule.gap), `${rule.id}: exactly one of check and gap`).toBe(true);
      if (!rule.check) continue;
      expect(isCheckId(rule.check), `${rule.id}: ${rule.check} is not in the catalogue`).toBe(true);
      const where = rule.operations.filter((op) => reported.get(op)?.has(rule.check as string));
      expect(where, `${rule.id}: no scenario reports ${rule.check} for ${rule.operations.join(', ')}`).not.toEqual([]);
    }
  });

  it('has each covering check proven to fail by a named mock fault', () => {
    const caught = new Set(FAULTS.flatMap((f) => f.detectedBy as readonly string[]));
    for (const rule of rules.filter((r) => r.check)) expect(caught.has(rule.check as string), `${rule.id}: no fault is detected by ${rule.check}`).toBe(true);
  });

  it('traces every check that only the lifecycle reports (the rules of state) back to a rule', () => {
    const covered = new Set(rules.map((r) => r.check));
    expect(EFFECT_CHECKS).toEqual(expect.arrayContaining(['patch-applied', 'protected-undeletable', 'upload-integrity', 'upload-conflict', 'list-query']));
    for (const check of EFFECT_CHECKS) expect(covered.has(check), `${check} has no rule in spec/rules.yaml`).toBe(true);
  });
});
